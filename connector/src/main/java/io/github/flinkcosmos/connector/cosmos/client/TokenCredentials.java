package io.github.flinkcosmos.connector.cosmos.client;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.AzureAuthorityHosts;
import com.azure.identity.ClientCertificateCredentialBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.identity.WorkloadIdentityCredentialBuilder;
import org.apache.flink.annotation.Internal;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/** Builds the azure-identity credential for an {@link EntraIdCredential}, one per client. */
@Internal
public final class TokenCredentials {

    /** The Azure clouds' authorities, which MSAL knows without instance discovery. */
    private static final Set<String> KNOWN_AUTHORITY_HOSTS =
            Set.of(
                    host(AzureAuthorityHosts.AZURE_PUBLIC_CLOUD),
                    host(AzureAuthorityHosts.AZURE_CHINA),
                    host(AzureAuthorityHosts.AZURE_GOVERNMENT));

    private TokenCredentials() {}

    public static TokenCredential create(EntraIdCredential credential) {
        return switch (credential.kind()) {
            case SERVICE_PRINCIPAL -> servicePrincipal(credential);
            case MANAGED_IDENTITY -> managedIdentity(credential);
            case WORKLOAD_IDENTITY -> workloadIdentity(credential);
        };
    }

    private static TokenCredential servicePrincipal(EntraIdCredential credential) {
        if (credential.clientSecret() != null) {
            ClientSecretCredentialBuilder builder =
                    new ClientSecretCredentialBuilder()
                            .tenantId(credential.tenantId())
                            .clientId(credential.clientId())
                            .clientSecret(credential.clientSecret().reveal());
            String authority = authorityHost(credential);
            builder.authorityHost(authority);
            if (!isKnown(authority)) {
                builder.disableInstanceDiscovery();
            }
            return builder.build();
        }
        ClientCertificateCredentialBuilder builder =
                new ClientCertificateCredentialBuilder()
                        .tenantId(credential.tenantId())
                        .clientId(credential.clientId());
        String path = credential.certificatePath();
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".pfx") || lower.endsWith(".p12")) {
            builder.pfxCertificate(path);
            if (credential.certificatePassword() != null) {
                builder.clientCertificatePassword(credential.certificatePassword().reveal());
            }
        } else {
            builder.pemCertificate(path);
        }
        String authority = authorityHost(credential);
        builder.authorityHost(authority);
        if (!isKnown(authority)) {
            builder.disableInstanceDiscovery();
        }
        return builder.build();
    }

    private static TokenCredential managedIdentity(EntraIdCredential credential) {
        ManagedIdentityCredentialBuilder builder = new ManagedIdentityCredentialBuilder();
        if (credential.clientId() != null) {
            builder.clientId(credential.clientId());
        }
        return builder.build();
    }

    /**
     * Tenant, client id and token file default to the variables AKS sets in the pod ({@code
     * AZURE_TENANT_ID}, {@code AZURE_CLIENT_ID}, {@code AZURE_FEDERATED_TOKEN_FILE}).
     */
    private static TokenCredential workloadIdentity(EntraIdCredential credential) {
        WorkloadIdentityCredentialBuilder builder = new WorkloadIdentityCredentialBuilder();
        if (credential.tenantId() != null) {
            builder.tenantId(credential.tenantId());
        }
        if (credential.clientId() != null) {
            builder.clientId(credential.clientId());
        }
        if (credential.authorityHost() != null) {
            builder.authorityHost(credential.authorityHost());
            if (!isKnown(credential.authorityHost())) {
                builder.disableInstanceDiscovery();
            }
        }
        return builder.build();
    }

    private static String authorityHost(EntraIdCredential credential) {
        return credential.authorityHost() != null
                ? credential.authorityHost()
                : AzureAuthorityHosts.AZURE_PUBLIC_CLOUD;
    }

    private static boolean isKnown(String authorityHost) {
        return KNOWN_AUTHORITY_HOSTS.contains(host(authorityHost));
    }

    private static String host(String url) {
        String host = URI.create(url).getHost();
        return host == null ? "" : host.toLowerCase(Locale.ROOT);
    }
}
