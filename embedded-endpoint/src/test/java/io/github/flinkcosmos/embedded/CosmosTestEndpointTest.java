package io.github.flinkcosmos.embedded;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class CosmosTestEndpointTest {

    @Test
    void usesARealEndpointWhenBothVariablesAreSet() {
        try (CosmosTestEndpoint endpoint =
                CosmosTestEndpoint.fromVariables(
                        Map.of(
                                "COSMOS_ENDPOINT", "https://account.documents.azure.com:443/",
                                "COSMOS_KEY", "secret-key"))) {
            assertThat(endpoint.isEmbedded()).isFalse();
            assertThat(endpoint.uri()).hasHost("account.documents.azure.com");
            assertThat(endpoint.toString()).doesNotContain("secret-key");
        }
    }

    @Test
    void startsTheEmbeddedEndpointWhenNeitherIsSet() {
        // Starting an HTTPS embedded endpoint turns off certificate checks for the whole JVM.
        assumeTrue(System.getenv(CosmosTestEndpoint.ENDPOINT_VARIABLE) == null);
        try (CosmosTestEndpoint endpoint = CosmosTestEndpoint.fromVariables(Map.of())) {
            assertThat(endpoint.isEmbedded()).isTrue();
            assertThat(endpoint.uri()).hasHost("localhost");
        }
    }

    @Test
    void refusesHalfAConfigurationWithoutShowingTheKey() {
        assertThatThrownBy(
                        () -> CosmosTestEndpoint.fromVariables(Map.of("COSMOS_KEY", "secret-key")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("only COSMOS_KEY is set")
                .hasMessageNotContaining("secret-key");
    }
}
