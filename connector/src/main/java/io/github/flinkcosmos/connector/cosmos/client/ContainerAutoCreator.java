package io.github.flinkcosmos.connector.cosmos.client;

import com.azure.cosmos.CosmosAsyncClient;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosContainerProperties;
import com.azure.cosmos.models.PartitionKeyDefinition;
import com.azure.cosmos.models.PartitionKeyDefinitionVersion;
import com.azure.cosmos.models.PartitionKind;
import org.apache.flink.annotation.Internal;

import java.time.Duration;
import java.util.List;

/**
 * Makes sure the database and the container exist, creating what is missing with the partition key
 * the table declares. Idempotent, and safe when many subtasks start at once: every step is "create
 * if not exists", and an existing container must have that partition key.
 *
 * <p>The SDK's "create if not exists" reads first and creates on a 404, so two subtasks that both
 * read 404 race, and the loser's create answers 409 Conflict. That 409 means the resource now
 * exists: the step runs again, after a short pause in case the service still reports the new
 * resource as missing for a moment, and finds it.
 */
@Internal
public final class ContainerAutoCreator {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int CONFLICT = 409;

    /**
     * The service's sub-status of a 403 to a database or container write with an Entra ID token.
     */
    private static final int AAD_METADATA_WRITE = 5300;

    /** One lost race per resource at most: database, then container. */
    private static final int ATTEMPTS = 3;

    private static final Duration PAUSE_AFTER_CONFLICT = Duration.ofMillis(200);

    private ContainerAutoCreator() {}

    /**
     * @param partitionKeyPaths one path gives a hash key, two or three a hierarchical key
     * @throws IllegalStateException when the container exists with another partition key
     */
    public static void ensure(
            CosmosAsyncClient client, CosmosConnection connection, List<String> partitionKeyPaths) {
        for (int attempt = 1; ; attempt++) {
            try {
                ensureOnce(client, connection, partitionKeyPaths);
                return;
            } catch (CosmosException e) {
                if (e.getStatusCode() == 403 && e.getSubStatusCode() == AAD_METADATA_WRITE) {
                    // An Entra ID token may not create containers: say so plainly.
                    throw new CosmosConfigurationException(
                            "Cannot create database or container for '%s' (cosmos.auto-create): %s"
                                    .formatted(
                                            connection.containerPath(),
                                            AuthenticationFailures.describe(
                                                            connection.authentication(), e)
                                                    .orElseThrow()));
                }
                if (e.getStatusCode() != CONFLICT || attempt == ATTEMPTS) {
                    throw new IllegalStateException(
                            "Cannot create database or container for '"
                                    + connection.containerPath()
                                    + "' (cosmos.auto-create): status "
                                    + e.getStatusCode()
                                    + ", sub-status "
                                    + e.getSubStatusCode()
                                    + ".");
                }
                pause(PAUSE_AFTER_CONFLICT.multipliedBy(attempt));
            }
        }
    }

    private static void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating a container", e);
        }
    }

    private static void ensureOnce(
            CosmosAsyncClient client, CosmosConnection connection, List<String> partitionKeyPaths) {
        client.createDatabaseIfNotExists(connection.database()).block(TIMEOUT);
        CosmosContainerProperties existing =
                client.getDatabase(connection.database())
                        .createContainerIfNotExists(
                                new CosmosContainerProperties(
                                        connection.container(), definition(partitionKeyPaths)))
                        .block(TIMEOUT)
                        .getProperties();
        List<String> actual = existing.getPartitionKeyDefinition().getPaths();
        if (!actual.equals(partitionKeyPaths)) {
            throw new IllegalStateException(
                    "Container '"
                            + connection.containerPath()
                            + "' exists with partition key "
                            + actual
                            + ", but the table's PARTITIONED BY clause gives "
                            + partitionKeyPaths
                            + ". Make the PARTITIONED BY columns match the container, or write"
                            + " to another container.");
        }
    }

    /** One path gives a hash key, two or three a hierarchical (MultiHash, V2) key. */
    public static PartitionKeyDefinition definition(List<String> paths) {
        PartitionKeyDefinition definition = new PartitionKeyDefinition();
        definition.setPaths(paths);
        if (paths.size() > 1) {
            definition.setKind(PartitionKind.MULTI_HASH);
            definition.setVersion(PartitionKeyDefinitionVersion.V2);
        }
        return definition;
    }
}
