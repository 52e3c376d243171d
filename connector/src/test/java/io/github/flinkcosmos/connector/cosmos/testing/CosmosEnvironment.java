package io.github.flinkcosmos.connector.cosmos.testing;

import io.github.flinkcosmos.embedded.CosmosTestEndpoint;
import io.github.flinkcosmos.embedded.EmbeddedCosmosEndpoint;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Cosmos DB endpoint of a test class, started before its tests and closed after them: the
 * embedded one, or a real one when COSMOS_ENDPOINT and COSMOS_KEY are set.
 *
 * <pre>{@code
 * @RegisterExtension static final CosmosEnvironment COSMOS = new CosmosEnvironment();
 * }</pre>
 */
public final class CosmosEnvironment implements BeforeAllCallback, AfterAllCallback {

    private final boolean embeddedOnly;
    private CosmosTestEndpoint endpoint;
    private CosmosTestContainers containers;

    public CosmosEnvironment() {
        this(false);
    }

    private CosmosEnvironment(boolean embeddedOnly) {
        this.embeddedOnly = embeddedOnly;
    }

    /** For tests that inject faults or read counters: skipped on a real endpoint. */
    public static CosmosEnvironment embeddedOnly() {
        return new CosmosEnvironment(true);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        endpoint = CosmosTestEndpoint.fromEnvironment();
        if (embeddedOnly && !endpoint.isEmbedded()) {
            endpoint.close();
            endpoint = null;
            assumeTrue(false, "needs the embedded endpoint's faults and counters");
        }
        containers = new CosmosTestContainers(endpoint);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (containers != null) {
            containers.close();
        }
        if (endpoint != null) {
            endpoint.close();
        }
    }

    public CosmosTestEndpoint endpoint() {
        return endpoint;
    }

    public CosmosTestContainers containers() {
        return containers;
    }

    /** The embedded endpoint; only for classes made with {@link #embeddedOnly()}. */
    public EmbeddedCosmosEndpoint embedded() {
        return endpoint.embedded().orElseThrow();
    }
}
