package io.github.flinkcosmos.embedded;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * The Cosmos DB endpoint integration tests talk to: the embedded one by default, or a real one (the
 * official emulator or an Azure account) when the environment sets {@code COSMOS_ENDPOINT} and
 * {@code COSMOS_KEY}. Tests that need fault injection or request-unit budgets ask for {@link
 * #embedded()} and skip themselves on a real endpoint.
 */
public final class CosmosTestEndpoint implements AutoCloseable {

    public static final String ENDPOINT_VARIABLE = "COSMOS_ENDPOINT";
    public static final String KEY_VARIABLE = "COSMOS_KEY";

    private final URI uri;
    private final String key;
    private final Optional<EmbeddedCosmosEndpoint> embedded;

    private CosmosTestEndpoint(URI uri, String key, Optional<EmbeddedCosmosEndpoint> embedded) {
        this.uri = uri;
        this.key = key;
        this.embedded = embedded;
    }

    /** A real endpoint when both variables are set, otherwise a newly started embedded one. */
    public static CosmosTestEndpoint fromEnvironment() {
        return fromVariables(System.getenv());
    }

    static CosmosTestEndpoint fromVariables(Map<String, String> variables) {
        String endpoint = variables.get(ENDPOINT_VARIABLE);
        String key = variables.get(KEY_VARIABLE);
        boolean endpointSet = endpoint != null && !endpoint.isBlank();
        boolean keySet = key != null && !key.isBlank();
        if (endpointSet != keySet) {
            throw new IllegalStateException(
                    "Set both "
                            + ENDPOINT_VARIABLE
                            + " and "
                            + KEY_VARIABLE
                            + " to test against a real endpoint, or neither to use the embedded"
                            + " one; only "
                            + (endpointSet ? ENDPOINT_VARIABLE : KEY_VARIABLE)
                            + " is set.");
        }
        if (endpointSet) {
            return new CosmosTestEndpoint(
                    URI.create(endpoint.strip()), key.strip(), Optional.empty());
        }
        EmbeddedCosmosEndpoint started = EmbeddedCosmosEndpoint.start();
        return new CosmosTestEndpoint(started.uri(), started.key(), Optional.of(started));
    }

    public URI uri() {
        return uri;
    }

    public String key() {
        return key;
    }

    /** The embedded endpoint, with its faults and counters; empty on a real endpoint. */
    public Optional<EmbeddedCosmosEndpoint> embedded() {
        return embedded;
    }

    public boolean isEmbedded() {
        return embedded.isPresent();
    }

    /** Names the endpoint for logs and test names, never with the key. */
    @Override
    public String toString() {
        return (isEmbedded() ? "embedded Cosmos DB endpoint at " : "Cosmos DB endpoint at ") + uri;
    }

    @Override
    public void close() {
        embedded.ifPresent(EmbeddedCosmosEndpoint::close);
    }
}
