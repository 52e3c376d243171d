package io.github.flinkcosmos.connector.cosmos.client;

import org.apache.flink.annotation.Internal;

import java.util.Objects;

/**
 * A Microsoft Entra ID identity the client gets tokens for, as plain serializable values: a
 * TokenCredential itself cannot travel to the task managers, so each writer builds its own from
 * this ({@link TokenCredentials}).
 *
 * @param tenantId null for managed identity, or for workload identity's {@code AZURE_TENANT_ID}
 * @param clientId null for a system-assigned managed identity, or workload identity's {@code
 *     AZURE_CLIENT_ID}
 * @param clientSecret null unless a service principal authenticates with a secret
 * @param certificatePath null unless a service principal authenticates with a certificate
 * @param certificatePassword null unless the certificate is a password-protected PFX file
 * @param authorityHost null for the Azure public cloud's
 */
@Internal
public record EntraIdCredential(
        Kind kind,
        String tenantId,
        String clientId,
        Secret clientSecret,
        String certificatePath,
        Secret certificatePassword,
        String authorityHost)
        implements CosmosAuthentication {

    private static final long serialVersionUID = 1L;

    /** The kinds of identity, each one value of {@code cosmos.auth.type}. */
    public enum Kind {
        SERVICE_PRINCIPAL("service-principal"),
        MANAGED_IDENTITY("managed-identity"),
        WORKLOAD_IDENTITY("workload-identity");

        private final String optionValue;

        Kind(String optionValue) {
            this.optionValue = optionValue;
        }

        /** The value of {@code cosmos.auth.type} for this kind. */
        public String optionValue() {
            return optionValue;
        }
    }

    public EntraIdCredential {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.SERVICE_PRINCIPAL) {
            Objects.requireNonNull(tenantId, "tenantId");
            Objects.requireNonNull(clientId, "clientId");
            if ((clientSecret == null) == (certificatePath == null)) {
                throw new IllegalArgumentException(
                        "A service principal needs a client secret or a certificate, not both");
            }
        }
    }

    /** The credential's kind and identity, for messages: never a secret. */
    public String credentialName() {
        return switch (kind) {
            case SERVICE_PRINCIPAL ->
                    "%s of application '%s' in tenant '%s'"
                            .formatted(
                                    clientSecret != null
                                            ? "ClientSecretCredential (client secret)"
                                            : "ClientCertificateCredential (certificate %s)"
                                                    .formatted(certificatePath),
                                    clientId,
                                    tenantId);
            case MANAGED_IDENTITY ->
                    clientId == null
                            ? "ManagedIdentityCredential (system-assigned)"
                            : "ManagedIdentityCredential (user-assigned, client id '%s')"
                                    .formatted(clientId);
            case WORKLOAD_IDENTITY ->
                    "WorkloadIdentityCredential (%s)"
                            .formatted(
                                    clientId == null
                                            ? "client id from AZURE_CLIENT_ID"
                                            : "client id '%s'".formatted(clientId));
        };
    }

    @Override
    public String describe() {
        return "cosmos.auth.type '%s' (%s)".formatted(kind.optionValue(), credentialName());
    }

    @Override
    public String redact(String text) {
        String redacted = text;
        if (clientSecret != null) {
            redacted = clientSecret.redact(redacted);
        }
        if (certificatePassword != null) {
            redacted = certificatePassword.redact(redacted);
        }
        return redacted;
    }

    /** The secrets' wrappers print as stars; this shows the rest. */
    @Override
    public String toString() {
        return describe();
    }
}
