package io.github.flinkcosmos.connector.cosmos.client;

import org.apache.flink.annotation.Internal;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * Where the sink writes: the account endpoint and how the client authenticates (the key or a
 * Microsoft Entra ID credential), the database and container, and how the client connects. Travels
 * with the sink to every task manager.
 */
@Internal
public record CosmosConnection(
        String endpoint,
        CosmosAuthentication authentication,
        String database,
        String container,
        ConnectionMode connectionMode,
        List<String> preferredRegions)
        implements Serializable {

    public CosmosConnection {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(authentication, "authentication");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(connectionMode, "connectionMode");
        preferredRegions = List.copyOf(preferredRegions);
    }

    /** The same account and database, another container. */
    public CosmosConnection withContainer(String otherContainer) {
        return new CosmosConnection(
                endpoint,
                authentication,
                database,
                otherContainer,
                connectionMode,
                preferredRegions);
    }

    /** {@code database/container}, for messages. */
    public String containerPath() {
        return database + "/" + container;
    }
}
