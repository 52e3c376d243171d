package io.github.flinkcosmos.connector.cosmos.sink;

import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CosmosCredentialTest {

    private static final String SECRET = "cred-test-secret-value";

    @Test
    void describesTheCredentialWithoutItsSecret() {
        CosmosCredential credential =
                CosmosCredential.servicePrincipal("tenant-1", "app-1").withSecret(SECRET);

        assertThat(credential.toString())
                .isEqualTo(
                        "cosmos.auth.type 'service-principal' (ClientSecretCredential (client"
                                + " secret) of application 'app-1' in tenant 'tenant-1')")
                .doesNotContain(SECRET);
    }

    @Test
    void travelsToTheTaskManagersAndStillHasItsSecretThere() throws Exception {
        CosmosCredential credential =
                CosmosCredential.servicePrincipal("tenant-1", "app-1")
                        .withCertificate("/etc/app.pfx", SECRET)
                        .withAuthorityHost("https://login.microsoftonline.us/");

        CosmosCredential copy = InstantiationUtil.clone(credential, getClass().getClassLoader());

        assertThat(copy.toInternal()).isEqualTo(credential.toInternal());
        assertThat(copy.toInternal().authorityHost())
                .isEqualTo("https://login.microsoftonline.us/");
    }

    @Test
    void namesEachKindOfManagedAndWorkloadIdentity() {
        assertThat(CosmosCredential.managedIdentity().toString())
                .contains("'managed-identity'")
                .contains("system-assigned");
        assertThat(CosmosCredential.managedIdentity("mi-1").toString())
                .contains("user-assigned, client id 'mi-1'");
        assertThat(CosmosCredential.workloadIdentity().toString())
                .contains("'workload-identity'")
                .contains("AZURE_CLIENT_ID");
    }

    @Test
    void refusesBlankIdsAndAnAuthorityForAManagedIdentity() {
        assertThatThrownBy(() -> CosmosCredential.servicePrincipal(" ", "app"))
                .hasMessage("tenantId must not be blank");
        assertThatThrownBy(() -> CosmosCredential.managedIdentity().withAuthorityHost("https://x/"))
                .hasMessage("A managed identity takes no authority host");
        assertThatThrownBy(
                        () ->
                                CosmosCredential.workloadIdentity()
                                        .withAuthorityHost("http://plain/"))
                .hasMessageContaining("must be an https URL");
    }

    @Test
    void aSinkBuildsWithACredentialInsteadOfAKey() {
        CosmosSink<String> sink =
                CosmosSink.<String>builder()
                        .setEndpoint("https://account.documents.azure.com:443/")
                        .setCredential(CosmosCredential.managedIdentity())
                        .setDatabase("db")
                        .setContainer("c")
                        .setPartitionKeyPaths("/pk")
                        .setDocumentConverter(
                                s -> CosmosDocument.of(s, List.of(s), "{}".getBytes()))
                        .build();

        assertThat(sink).isNotNull();
        assertThatThrownBy(
                        () ->
                                CosmosSink.<String>builder()
                                        .setEndpoint("https://account.documents.azure.com:443/")
                                        .setDatabase("db")
                                        .setContainer("c")
                                        .setPartitionKeyPaths("/pk")
                                        .setDocumentConverter(
                                                s -> CosmosDocument.of(s, List.of(s), new byte[0]))
                                        .build())
                .hasMessage(
                        "A CosmosSink needs an account key or a credential: call setAccountKey or"
                                + " setCredential");
    }
}
