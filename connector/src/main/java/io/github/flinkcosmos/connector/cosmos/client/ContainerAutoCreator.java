package io.github.flinkcosmos.connector.cosmos.client;

import com.azure.cosmos.CosmosAsyncClient;
import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.CosmosAsyncDatabase;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosContainerProperties;
import com.azure.cosmos.models.CosmosContainerResponse;
import com.azure.cosmos.models.PartitionKeyDefinition;
import com.azure.cosmos.models.PartitionKeyDefinitionVersion;
import com.azure.cosmos.models.PartitionKind;
import com.azure.cosmos.models.ThroughputProperties;
import org.apache.flink.annotation.Internal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    private static final Logger LOG = LoggerFactory.getLogger(ContainerAutoCreator.class);

    private static final int CREATED = 201;
    private static final int CONFLICT = 409;

    /**
     * The service's sub-status of a 403 to a database or container write with an Entra ID token.
     */
    private static final int AAD_METADATA_WRITE = 5300;

    /** One lost race per resource at most: database, then container. */
    private static final int ATTEMPTS = 3;

    private static final Duration PAUSE_AFTER_CONFLICT = Duration.ofMillis(200);

    /** {@code defaultTimeToLive} -1: time-to-live on, documents expire only by their own ttl. */
    static final int NO_DEFAULT_EXPIRY = -1;

    private ContainerAutoCreator() {}

    /**
     * @param partitionKeyPaths one path gives a hash key, two or three a hierarchical key
     * @throws IllegalStateException when the container exists with another partition key
     */
    public static void ensure(
            CosmosAsyncClient client, CosmosConnection connection, List<String> partitionKeyPaths) {
        ensure(client, connection, partitionKeyPaths, false);
    }

    /**
     * @param timeToLive whether a container this creates has time-to-live on ({@code
     *     defaultTimeToLive} -1: documents expire only by their own {@code ttl}), as soft deletes
     *     need; an existing container is left as it is
     * @throws IllegalStateException when the container exists with another partition key
     */
    public static void ensure(
            CosmosAsyncClient client,
            CosmosConnection connection,
            List<String> partitionKeyPaths,
            boolean timeToLive) {
        ensure(
                client,
                connection,
                partitionKeyPaths,
                timeToLive,
                ProvisionedThroughput.serviceDefault());
    }

    /**
     * @param throughput what a container this creates is provisioned with; an existing container
     *     keeps its own, logged at INFO when it differs
     * @throws IllegalStateException when the container exists with another partition key
     */
    public static void ensure(
            CosmosAsyncClient client,
            CosmosConnection connection,
            List<String> partitionKeyPaths,
            boolean timeToLive,
            ProvisionedThroughput throughput) {
        for (int attempt = 1; ; attempt++) {
            try {
                ensureOnce(client, connection, partitionKeyPaths, timeToLive, throughput);
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
            CosmosAsyncClient client,
            CosmosConnection connection,
            List<String> partitionKeyPaths,
            boolean timeToLive,
            ProvisionedThroughput throughput) {
        client.createDatabaseIfNotExists(connection.database()).block(TIMEOUT);
        CosmosContainerProperties wanted =
                new CosmosContainerProperties(
                        connection.container(), definition(partitionKeyPaths));
        if (timeToLive) {
            wanted.setDefaultTimeToLiveInSeconds(NO_DEFAULT_EXPIRY);
        }
        CosmosAsyncDatabase database = client.getDatabase(connection.database());
        CosmosContainerResponse response =
                throughput
                        .properties()
                        .map(
                                provisioned ->
                                        database.createContainerIfNotExists(wanted, provisioned))
                        .orElseGet(() -> database.createContainerIfNotExists(wanted))
                        .block(TIMEOUT);
        if (response.getStatusCode() != CREATED && !throughput.isServiceDefault()) {
            logThroughputOfExisting(
                    database.getContainer(connection.container()), connection, throughput);
        }
        CosmosContainerProperties existing = response.getProperties();
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

    /**
     * An existing container is never changed: a throughput other than the options' is only worth a
     * line in the log, since someone chose it (or the database shares its throughput).
     */
    private static void logThroughputOfExisting(
            CosmosAsyncContainer container,
            CosmosConnection connection,
            ProvisionedThroughput wanted) {
        ProvisionedThroughput actual;
        try {
            ThroughputProperties properties =
                    container.readThroughput().block(TIMEOUT).getProperties();
            actual =
                    properties.getAutoscaleMaxThroughput() > 0
                            ? new ProvisionedThroughput(
                                    true, properties.getAutoscaleMaxThroughput())
                            : new ProvisionedThroughput(false, properties.getManualThroughput());
        } catch (CosmosException e) {
            LOG.info(
                    "Container '{}' exists; its throughput cannot be read (status {}, sub-status"
                            + " {}: it may share its database's), and it is left as it is rather"
                            + " than given {}.",
                    connection.containerPath(),
                    e.getStatusCode(),
                    e.getSubStatusCode(),
                    wanted);
            return;
        }
        if (!actual.equals(wanted)) {
            LOG.info(
                    "Container '{}' exists with {}; the sink leaves it as it is rather than give"
                            + " it {} (cosmos.auto-create.throughput and"
                            + " cosmos.auto-create.autoscale-max-throughput apply to new"
                            + " containers only).",
                    connection.containerPath(),
                    actual,
                    wanted);
        }
    }

    /**
     * Fails unless the container's time-to-live is on, which soft deletes need: without it the
     * service ignores their {@code ttl} and soft-deleted documents stay forever.
     *
     * @throws IllegalStateException naming the option and the fix
     */
    public static void requireTimeToLive(
            CosmosAsyncContainer container, CosmosConnection connection) {
        Integer defaultTimeToLive;
        try {
            defaultTimeToLive =
                    container.read().block(TIMEOUT).getProperties().getDefaultTimeToLiveInSeconds();
        } catch (CosmosException e) {
            throw new IllegalStateException(
                    """
                    Cannot read container '%s' to check its time-to-live for \
                    'cosmos.write.delete-mode' = 'soft-delete': status %s, sub-status %s."""
                            .formatted(
                                    connection.containerPath(),
                                    e.getStatusCode(),
                                    e.getSubStatusCode()));
        }
        if (defaultTimeToLive == null || defaultTimeToLive == 0) {
            throw new IllegalStateException(
                    """
                    Container '%s' has time-to-live off, but 'cosmos.write.delete-mode' = \
                    'soft-delete' gives deleted documents a ttl, which the service ignores then, \
                    so they would never be removed. Turn time-to-live on for the container \
                    (defaultTimeToLive = -1, "On (no default)" in the portal, or `az cosmosdb sql \
                    container update --ttl -1`), set 'cosmos.auto-create' = 'true' for a new \
                    container, or use 'cosmos.write.delete-mode' = 'delete'."""
                            .formatted(connection.containerPath()));
        }
    }

    /**
     * One path gives a hash key, two or three a hierarchical (MultiHash) key; both with the large
     * (version 2) definition, which hashes the whole value of up to 2,048 bytes. The SDK's default
     * for one path is version 1, which hashes only the first 101 bytes.
     */
    public static PartitionKeyDefinition definition(List<String> paths) {
        PartitionKeyDefinition definition = new PartitionKeyDefinition();
        definition.setPaths(paths);
        if (paths.size() > 1) {
            definition.setKind(PartitionKind.MULTI_HASH);
        }
        definition.setVersion(PartitionKeyDefinitionVersion.V2);
        return definition;
    }
}
