package io.github.flinkcosmos.connector.cosmos.client;

import com.azure.cosmos.CosmosAsyncClient;
import com.azure.cosmos.CosmosException;
import org.apache.flink.annotation.Internal;

import java.time.Duration;
import java.util.List;

/**
 * Decides a container's partition-key paths as the contract derives them from a table, reading them
 * from the live container when only it knows them.
 */
@Internal
public final class PartitionKeyResolver {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private PartitionKeyResolver() {}

    /**
     * The partition key: the PARTITIONED BY paths with auto-create; otherwise the PRIMARY KEY's
     * paths beyond the id; otherwise the live container's paths, which a PARTITIONED BY clause must
     * then match.
     *
     * @param partitionedBy the PARTITIONED BY columns as paths, such as {@code [/tenant]}
     * @param primaryKeyBeyondId the PRIMARY KEY's columns other than the id, as paths
     * @throws CosmosConfigurationException when the container cannot be read, or its partition key
     *     differs from the PARTITIONED BY clause
     */
    public static List<String> derive(
            boolean autoCreate,
            List<String> partitionedBy,
            List<String> primaryKeyBeyondId,
            CosmosConnection connection) {
        if (autoCreate) {
            return List.copyOf(partitionedBy);
        }
        if (!primaryKeyBeyondId.isEmpty()) {
            return List.copyOf(primaryKeyBeyondId);
        }
        List<String> fromContainer = readFromContainer(connection);
        if (!partitionedBy.isEmpty() && !partitionedBy.equals(fromContainer)) {
            throw new CosmosConfigurationException(
                    """
                    The table is PARTITIONED BY %s, but container '%s' has partition key %s. \
                    Make them match, or drop the PARTITIONED BY clause."""
                            .formatted(partitionedBy, connection.containerPath(), fromContainer));
        }
        return fromContainer;
    }

    /**
     * The paths of the container's partition key, such as {@code [/tenant, /region]}.
     *
     * @throws CosmosConfigurationException saying what to do when the container cannot be read
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
            if (e.getStatusCode() == 401 || e.getStatusCode() == 403) {
                throw new CosmosConfigurationException(
                        AuthenticationFailures.describe(connection.authentication(), e)
                                .orElseThrow());
            }
            // The SDK's message carries request diagnostics; the status says what is needed.
            String reason =
                    e.getStatusCode() == 404
                            ? "it does not exist"
                            : "reading it failed with status %d, sub-status %d"
                                    .formatted(e.getStatusCode(), e.getSubStatusCode());
            throw new CosmosConfigurationException(
                    """
                    The PRIMARY KEY is just the id, so the partition key is read from container \
                    '%s', but %s. Create the container first, or declare its partition key \
                    columns in PRIMARY KEY (id, <partition key columns>), or use PARTITIONED BY \
                    (<columns>) with 'cosmos.auto-create' = 'true'."""
                            .formatted(connection.containerPath(), reason));
        } finally {
            client.close();
        }
    }
}
