package io.github.flinkcosmos.embedded;

import com.azure.cosmos.CosmosAsyncClient;
import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.CosmosClientBuilder;
import com.azure.cosmos.ThrottlingRetryOptions;
import com.azure.cosmos.models.CosmosContainerProperties;
import com.azure.cosmos.models.PartitionKeyDefinition;
import com.azure.cosmos.models.PartitionKeyDefinitionVersion;
import com.azure.cosmos.models.PartitionKind;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** Real SDK clients for the tests, in gateway mode, the only mode local endpoints speak. */
final class SdkClients {

    private SdkClients() {}

    static CosmosAsyncClient client(CosmosTestEndpoint endpoint) {
        return builder(endpoint).buildAsyncClient();
    }

    /** A client that gives up on the first 429, so a test sees the throttling itself. */
    static CosmosAsyncClient clientWithoutThrottlingRetries(CosmosTestEndpoint endpoint) {
        return builder(endpoint)
                .throttlingRetryOptions(
                        new ThrottlingRetryOptions()
                                .setMaxRetryAttemptsOnThrottledRequests(0)
                                .setMaxRetryWaitTime(Duration.ofSeconds(1)))
                .buildAsyncClient();
    }

    private static CosmosClientBuilder builder(CosmosTestEndpoint endpoint) {
        return new CosmosClientBuilder()
                .endpoint(endpoint.uri().toString())
                .key(endpoint.key())
                .gatewayMode()
                .contentResponseOnWriteEnabled(true);
    }

    /** A new database and container with a unique name, so tests on a real account never clash. */
    static CosmosAsyncContainer newContainer(
            CosmosAsyncClient client, String... partitionKeyPaths) {
        return newContainer(
                client,
                partitionKeyPaths.length > 1 ? PartitionKeyDefinitionVersion.V2 : null,
                partitionKeyPaths);
    }

    /**
     * As {@link #newContainer(CosmosAsyncClient, String...)}, with this partition-key definition
     * version; null sends none, which the service takes as version 1.
     */
    static CosmosAsyncContainer newContainer(
            CosmosAsyncClient client,
            PartitionKeyDefinitionVersion version,
            String... partitionKeyPaths) {
        String database = "it-" + UUID.randomUUID().toString().substring(0, 8);
        client.createDatabaseIfNotExists(database).block();
        PartitionKeyDefinition partitionKey = new PartitionKeyDefinition();
        partitionKey.setPaths(List.of(partitionKeyPaths));
        if (partitionKeyPaths.length > 1) {
            partitionKey.setKind(PartitionKind.MULTI_HASH);
        }
        if (version != null) {
            partitionKey.setVersion(version);
        }
        client.getDatabase(database)
                .createContainer(new CosmosContainerProperties("c", partitionKey))
                .block();
        return client.getDatabase(database).getContainer("c");
    }

    static void dropDatabase(CosmosAsyncContainer container) {
        container.getDatabase().delete().block();
    }
}
