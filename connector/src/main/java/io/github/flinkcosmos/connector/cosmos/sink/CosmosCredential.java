package io.github.flinkcosmos.connector.cosmos.sink;

import io.github.flinkcosmos.connector.cosmos.client.EntraIdCredential;
import io.github.flinkcosmos.connector.cosmos.client.EntraIdCredential.Kind;
import io.github.flinkcosmos.connector.cosmos.client.Secret;
import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;

import static org.apache.flink.util.Preconditions.checkArgument;

/**
 * A Microsoft Entra ID identity for {@link CosmosSinkBuilder#setCredential}: which azure-identity
 * credential each writer builds, and with what. A description rather than a {@code
 * TokenCredential}, which is not serializable and could not travel to the task managers; its {@code
 * toString} never shows a secret.
 *
 * <pre>{@code
 * CosmosCredential.servicePrincipal(tenantId, clientId).withSecret(secret)
 * CosmosCredential.servicePrincipal(tenantId, clientId).withCertificate("/etc/flink/client.pem")
 * CosmosCredential.managedIdentity()                 // system-assigned
 * CosmosCredential.managedIdentity(clientId)         // user-assigned
 * CosmosCredential.workloadIdentity()                // AKS: AZURE_TENANT_ID, AZURE_CLIENT_ID, ...
 * }</pre>
 */
@PublicEvolving
public final class CosmosCredential implements Serializable {

    private static final long serialVersionUID = 1L;

    private final EntraIdCredential credential;

    private CosmosCredential(EntraIdCredential credential) {
        this.credential = credential;
    }

    /** A service principal; give it a secret or a certificate next. */
    public static ServicePrincipal servicePrincipal(String tenantId, String clientId) {
        return new ServicePrincipal(notBlank(tenantId, "tenantId"), notBlank(clientId, "clientId"));
    }

    /** The system-assigned managed identity of the machines the task managers run on. */
    public static CosmosCredential managedIdentity() {
        return new CosmosCredential(
                new EntraIdCredential(Kind.MANAGED_IDENTITY, null, null, null, null, null, null));
    }

    /** A user-assigned managed identity, by its client id. */
    public static CosmosCredential managedIdentity(String clientId) {
        return new CosmosCredential(
                new EntraIdCredential(
                        Kind.MANAGED_IDENTITY,
                        null,
                        notBlank(clientId, "clientId"),
                        null,
                        null,
                        null,
                        null));
    }

    /**
     * AKS workload identity, with the tenant, client id and token file AKS puts into the pod's
     * environment ({@code AZURE_TENANT_ID}, {@code AZURE_CLIENT_ID}, {@code
     * AZURE_FEDERATED_TOKEN_FILE}).
     */
    public static CosmosCredential workloadIdentity() {
        return new CosmosCredential(
                new EntraIdCredential(Kind.WORKLOAD_IDENTITY, null, null, null, null, null, null));
    }

    /** AKS workload identity for this tenant and application; the token file from the pod. */
    public static CosmosCredential workloadIdentity(String tenantId, String clientId) {
        return new CosmosCredential(
                new EntraIdCredential(
                        Kind.WORKLOAD_IDENTITY,
                        notBlank(tenantId, "tenantId"),
                        notBlank(clientId, "clientId"),
                        null,
                        null,
                        null,
                        null));
    }

    /**
     * The same identity from another cloud's authority, such as {@code
     * https://login.microsoftonline.us/}; the Azure public cloud's unless set. Not for managed
     * identity, which asks the machine it runs on.
     */
    public CosmosCredential withAuthorityHost(String authorityHost) {
        checkArgument(
                authorityHost != null && authorityHost.startsWith("https://"),
                "authorityHost must be an https URL, got %s",
                authorityHost);
        checkArgument(
                credential.kind() != Kind.MANAGED_IDENTITY,
                "A managed identity takes no authority host");
        return new CosmosCredential(
                new EntraIdCredential(
                        credential.kind(),
                        credential.tenantId(),
                        credential.clientId(),
                        credential.clientSecret(),
                        credential.certificatePath(),
                        credential.certificatePassword(),
                        authorityHost));
    }

    /** The connector's own form of this credential. */
    EntraIdCredential toInternal() {
        return credential;
    }

    @Override
    public String toString() {
        return credential.describe();
    }

    private static String notBlank(String value, String name) {
        checkArgument(value != null && !value.isBlank(), "%s must not be blank", name);
        return value;
    }

    /** A service principal that still needs its secret or certificate. */
    @PublicEvolving
    public static final class ServicePrincipal {

        private final String tenantId;
        private final String clientId;

        private ServicePrincipal(String tenantId, String clientId) {
            this.tenantId = tenantId;
            this.clientId = clientId;
        }

        /** Authenticates with a client secret. */
        public CosmosCredential withSecret(String clientSecret) {
            return new CosmosCredential(
                    new EntraIdCredential(
                            Kind.SERVICE_PRINCIPAL,
                            tenantId,
                            clientId,
                            new Secret(notBlank(clientSecret, "clientSecret")),
                            null,
                            null,
                            null));
        }

        /** Authenticates with a certificate: a PEM file with the private key, on every machine. */
        public CosmosCredential withCertificate(String certificatePath) {
            return withCertificate(certificatePath, null);
        }

        /**
         * Authenticates with a certificate: a PEM file, or a PFX (PKCS#12, {@code .pfx} or {@code
         * .p12}) file and its password, null for none.
         */
        public CosmosCredential withCertificate(String certificatePath, String password) {
            return new CosmosCredential(
                    new EntraIdCredential(
                            Kind.SERVICE_PRINCIPAL,
                            tenantId,
                            clientId,
                            null,
                            notBlank(certificatePath, "certificatePath"),
                            password == null ? null : new Secret(password),
                            null));
        }
    }
}
