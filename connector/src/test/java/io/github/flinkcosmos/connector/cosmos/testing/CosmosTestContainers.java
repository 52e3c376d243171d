package io.github.flinkcosmos.connector.cosmos.testing;

import com.azure.cosmos.CosmosAsyncClient;
import com.azure.cosmos.CosmosClientBuilder;
import com.azure.cosmos.models.CosmosContainerProperties;
import com.azure.cosmos.models.PartitionKeyDefinition;
import com.azure.cosmos.models.PartitionKeyDefinitionVersion;
import com.azure.cosmos.models.ThroughputProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinkcosmos.connector.cosmos.client.ContainerAutoCreator;
import io.github.flinkcosmos.embedded.CosmosTestEndpoint;

import java.util.List;
import java.util.UUID;

/**
 * Databases and containers for connector tests, made and read with the real SDK, so the tests work
 * the same against the embedded endpoint and a real account.
 */
public final class CosmosTestContainers implements AutoCloseable {

    private final CosmosAsyncClient client;

    public CosmosTestContainers(CosmosTestEndpoint endpoint) {
        this.client =
                new CosmosClientBuilder()
                        .endpoint(endpoint.uri().toString())
                        .key(endpoint.key())
                        .gatewayMode()
                        .buildAsyncClient();
    }

    /** A database name no other test run uses. */
    public static String uniqueDatabase(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public void create(String database, String container, String... partitionKeyPaths) {
        client.createDatabaseIfNotExists(database).block();
        // The definition auto-create would make, so tests meet the containers users get.
        client.getDatabase(database)
                .createContainer(
                        new CosmosContainerProperties(
                                container,
                                ContainerAutoCreator.definition(List.of(partitionKeyPaths))))
                .block();
    }

    /**
     * A container with one partition-key path and the version 1 definition, which hashes only the
     * first 101 bytes of a value: the SDK's default, which containers made elsewhere may have.
     */
    public void createWithVersion1PartitionKey(String database, String container, String path) {
        client.createDatabaseIfNotExists(database).block();
        PartitionKeyDefinition definition = new PartitionKeyDefinition();
        definition.setPaths(List.of(path));
        definition.setVersion(PartitionKeyDefinitionVersion.V1);
        client.getDatabase(database)
                .createContainer(new CosmosContainerProperties(container, definition))
                .block();
    }

    /**
     * Creates a container with time-to-live on without a default expiry (-1), as soft deletes need.
     */
    public void createWithTimeToLive(String database, String container, String partitionKeyPath) {
        client.createDatabaseIfNotExists(database).block();
        CosmosContainerProperties properties =
                new CosmosContainerProperties(
                        container, ContainerAutoCreator.definition(List.of(partitionKeyPath)));
        properties.setDefaultTimeToLiveInSeconds(-1);
        client.getDatabase(database).createContainer(properties).block();
    }

    /** The container's defaultTimeToLive as the service returns it, null when it is off. */
    public Integer defaultTimeToLive(String database, String container) {
        return client.getDatabase(database)
                .getContainer(container)
                .read()
                .block()
                .getProperties()
                .getDefaultTimeToLiveInSeconds();
    }

    /** Every document of the container, read with a cross-partition query. */
    public List<JsonNode> documents(String database, String container) {
        return client.getDatabase(database)
                .getContainer(container)
                .queryItems("SELECT * FROM c", ObjectNode.class)
                .map(JsonNode.class::cast)
                .collectList()
                .block();
    }

    public List<String> partitionKeyPaths(String database, String container) {
        return client.getDatabase(database)
                .getContainer(container)
                .read()
                .block()
                .getProperties()
                .getPartitionKeyDefinition()
                .getPaths();
    }

    /** The container's own throughput, read from its offer. */
    public ThroughputProperties throughput(String database, String container) {
        return client.getDatabase(database)
                .getContainer(container)
                .readThroughput()
                .block()
                .getProperties();
    }

    public PartitionKeyDefinitionVersion partitionKeyVersion(String database, String container) {
        return client.getDatabase(database)
                .getContainer(container)
                .read()
                .block()
                .getProperties()
                .getPartitionKeyDefinition()
                .getVersion();
    }

    /** As {@link #create}, with manual throughput of its own. */
    public void createWithThroughput(
            String database, String container, String partitionKeyPath, int requestUnits) {
        client.createDatabaseIfNotExists(database).block();
        client.getDatabase(database)
                .createContainer(
                        new CosmosContainerProperties(
                                container,
                                ContainerAutoCreator.definition(List.of(partitionKeyPath))),
                        ThroughputProperties.createManualThroughput(requestUnits))
                .block();
    }

    public void dropDatabase(String database) {
        client.getDatabase(database).delete().onErrorComplete().block();
    }

    @Override
    public void close() {
        client.close();
    }
}
