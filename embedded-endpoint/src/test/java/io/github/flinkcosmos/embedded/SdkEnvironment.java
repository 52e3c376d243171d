package io.github.flinkcosmos.embedded;

import com.azure.cosmos.CosmosAsyncClient;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The endpoint and SDK client of a test class, opened before its tests and closed after them: the
 * embedded endpoint, or a real one when COSMOS_ENDPOINT and COSMOS_KEY are set.
 *
 * <pre>{@code
 * @RegisterExtension static final SdkEnvironment COSMOS = new SdkEnvironment();
 * }</pre>
 *
 * <p>A class's own {@code @BeforeAll} runs after this has started, and its {@code @AfterAll} before
 * this closes, so both can use the client.
 */
final class SdkEnvironment implements BeforeAllCallback, AfterAllCallback {

    private final String embeddedOnlyBecause;
    private CosmosTestEndpoint endpoint;
    private CosmosAsyncClient client;

    SdkEnvironment() {
        this(null);
    }

    private SdkEnvironment(String embeddedOnlyBecause) {
        this.embeddedOnlyBecause = embeddedOnlyBecause;
    }

    /** For classes that inject faults or read counters: skipped on a real endpoint. */
    static SdkEnvironment embeddedOnly(String because) {
        return new SdkEnvironment(because);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        endpoint = CosmosTestEndpoint.fromEnvironment();
        if (embeddedOnlyBecause != null && !endpoint.isEmbedded()) {
            endpoint.close();
            endpoint = null;
            assumeTrue(false, embeddedOnlyBecause);
        }
        client = SdkClients.client(endpoint);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (client != null) {
            client.close();
        }
        if (endpoint != null) {
            endpoint.close();
        }
    }

    CosmosTestEndpoint endpoint() {
        return endpoint;
    }

    CosmosAsyncClient client() {
        return client;
    }

    /** The embedded endpoint; only for classes made with {@link #embeddedOnly}. */
    EmbeddedCosmosEndpoint embedded() {
        return endpoint.embedded().orElseThrow();
    }
}
