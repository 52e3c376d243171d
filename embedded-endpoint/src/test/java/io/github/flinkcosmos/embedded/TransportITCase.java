package io.github.flinkcosmos.embedded;

import com.azure.cosmos.CosmosAsyncClient;
import com.azure.cosmos.CosmosClientBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The endpoint speaks HTTPS with a self-signed certificate, and plain HTTP when asked. */
class TransportITCase {

    @BeforeAll
    static void onlyWithoutARealEndpoint() {
        // Starting an HTTPS embedded endpoint turns off certificate checks for the whole JVM.
        assumeTrue(System.getenv(CosmosTestEndpoint.ENDPOINT_VARIABLE) == null);
    }

    @Test
    void servesTheSdkOverHttps() {
        try (EmbeddedCosmosEndpoint endpoint = EmbeddedCosmosEndpoint.start()) {
            assertThat(endpoint.uri().getScheme()).isEqualTo("https");
            assertThat(databaseRoundTrip(endpoint)).isEqualTo("tls");
        }
    }

    @Test
    void servesTheSdkOverPlainHttp() {
        try (EmbeddedCosmosEndpoint endpoint =
                EmbeddedCosmosEndpoint.builder().plainHttp().start()) {
            assertThat(endpoint.uri().getScheme()).isEqualTo("http");
            assertThat(databaseRoundTrip(endpoint)).isEqualTo("tls");
        }
    }

    private static String databaseRoundTrip(EmbeddedCosmosEndpoint endpoint) {
        CosmosAsyncClient client =
                new CosmosClientBuilder()
                        .endpoint(endpoint.uri().toString())
                        .key(endpoint.key())
                        .gatewayMode()
                        .buildAsyncClient();
        try {
            client.createDatabase("tls").block();
            return client.getDatabase("tls").read().block().getProperties().getId();
        } finally {
            client.close();
        }
    }
}
