package io.github.flinkcosmos.connector.cosmos.client;

import com.azure.cosmos.CosmosAsyncClient;
import com.azure.cosmos.CosmosClientBuilder;
import org.apache.flink.annotation.Internal;

/** Builds Cosmos DB async clients for a connection. */
@Internal
public final class CosmosClients {

    private CosmosClients() {}

    public static CosmosAsyncClient create(CosmosConnection connection) {
        CosmosClientBuilder builder =
                new CosmosClientBuilder()
                        .endpoint(connection.endpoint())
                        .key(connection.key().reveal())
                        // The sink never reads what it wrote back, so the service need not send it.
                        .contentResponseOnWriteEnabled(false)
                        .userAgentSuffix("flink-connector-cosmos");
        if (connection.connectionMode() == ConnectionMode.GATEWAY) {
            builder.gatewayMode();
        } else {
            builder.directMode();
        }
        if (!connection.preferredRegions().isEmpty()) {
            builder.preferredRegions(connection.preferredRegions());
        }
        return builder.buildAsyncClient();
    }
}
