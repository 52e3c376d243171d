package io.github.flinkcosmos.connector.cosmos.client;

import com.azure.cosmos.CosmosAsyncClient;
import com.azure.cosmos.CosmosException;
import org.apache.flink.annotation.Internal;

import java.time.Duration;
import java.util.List;

/**
 * Reads a container's partition-key paths, for tables whose PRIMARY KEY is just {@code (id)}: then
 * only the live container knows its partition key.
 */
@Internal
public final class PartitionKeyResolver {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private PartitionKeyResolver() {}

    /**
     * The paths of the container's partition key, such as {@code [/tenant, /region]}.
     *
     * @throws IllegalStateException saying what to do when the container cannot be read
     */
    public static List<String> readFromContainer(CosmosConnection connection) {
        CosmosAsyncClient client = CosmosClients.create(connection);
        try {
            return client.getDatabase(connection.database())
                    .getContainer(connection.container())
                    .read()
                    .block(TIMEOUT)
                    .getProperties()
                    .getPartitionKeyDefinition()
                    .getPaths();
        } catch (CosmosException e) {
            // The SDK's message carries request diagnostics; the status says what is needed.
            String reason =
                    e.getStatusCode() == 404
                            ? "it does not exist"
                            : "reading it failed with status "
                                    + e.getStatusCode()
                                    + ", sub-status "
                                    + e.getSubStatusCode();
            throw new IllegalStateException(
                    "The PRIMARY KEY is just the id, so the partition key is read from container '"
                            + connection.containerPath()
                            + "', but "
                            + reason
                            + ". Create the container first, or declare its partition key columns"
                            + " in PRIMARY KEY (id, <partition key columns>), or use"
                            + " PARTITIONED BY (<columns>) with 'cosmos.auto-create' = 'true'.");
        } finally {
            client.close();
        }
    }
}
