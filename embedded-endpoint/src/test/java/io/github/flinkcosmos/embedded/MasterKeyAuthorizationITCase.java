package io.github.flinkcosmos.embedded;

import com.azure.cosmos.CosmosAsyncClient;
import com.azure.cosmos.CosmosClientBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The endpoint checks each request's master-key signature and date, driven by the real SDK. The SDK
 * reads the account when a client is built, so a refused key fails {@code buildAsyncClient} with a
 * RuntimeException that quotes the service's 401.
 */
class MasterKeyAuthorizationITCase {

    private static EmbeddedCosmosEndpoint endpoint;

    @BeforeAll
    static void start() {
        endpoint = EmbeddedCosmosEndpoint.start();
        endpoint.createContainer("db", "c", "/pk");
    }

    @AfterAll
    static void stop() {
        endpoint.close();
    }

    @Test
    void answers401ToAnotherKey() {
        String otherKey = Base64.getEncoder().encodeToString(new byte[64]);

        assertThatThrownBy(() -> readContainer(otherKey))
                .hasMessageContaining("StatusCode: Unauthorized")
                .hasMessageContaining("The input authorization token can't serve");
    }

    @Test
    void answers401ToADateMoreThan15MinutesOld() {
        // The service's clock 16 minutes ahead makes every date the SDK sends 16 minutes old.
        endpoint.authorization().clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(16)));
        try {
            assertThatThrownBy(() -> readContainer(endpoint.key()))
                    .hasMessageContaining("StatusCode: Unauthorized")
                    .hasMessageContaining("not valid at the current time");
        } finally {
            endpoint.authorization().clock(Clock.systemUTC());
        }
    }

    @Test
    void acceptsTheAccountKey() {
        assertThat(readContainer(endpoint.key())).isEqualTo("c");
    }

    private static String readContainer(String key) {
        try (CosmosAsyncClient client =
                new CosmosClientBuilder()
                        .endpoint(endpoint.uri().toString())
                        .key(key)
                        .gatewayMode()
                        .buildAsyncClient()) {
            return client.getDatabase("db")
                    .getContainer("c")
                    .read()
                    .block()
                    .getProperties()
                    .getId();
        }
    }
}
