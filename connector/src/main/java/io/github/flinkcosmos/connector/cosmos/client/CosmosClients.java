package io.github.flinkcosmos.connector.cosmos.client;

import com.azure.cosmos.CosmosAsyncClient;
import com.azure.cosmos.CosmosClientBuilder;
import org.apache.flink.annotation.Internal;

/**
 * Builds Cosmos DB async clients for a connection, with the account key or a Microsoft Entra ID
 * credential; a refused one fails with a {@link CosmosConfigurationException} that says so.
 */
@Internal
public final class CosmosClients {

    private CosmosClients() {}

    /** A client with the Cosmos DB client's own throttling retries. */
    public static CosmosAsyncClient create(CosmosConnection connection) {
        return create(connection, ThrottlingRetry.CLIENT_DEFAULTS);
    }

    /** A client that retries operations answered 429 as {@code throttling} says. */
    public static CosmosAsyncClient create(
            CosmosConnection connection, ThrottlingRetry throttling) {
        CosmosClientBuilder builder =
                new CosmosClientBuilder()
                        .endpoint(connection.endpoint())
                        // The sink never reads what it wrote back, so the service need not send it.
                        .contentResponseOnWriteEnabled(false)
                        .userAgentSuffix("flink-connector-cosmos")
                        .throttlingRetryOptions(throttling.toOptions());
        if (connection.authentication() instanceof AccountKey key) {
            builder.key(key.reveal());
        } else {
            // The client asks the credential for a token and refreshes it before it expires.
            builder.credential(
                    TokenCredentials.create((EntraIdCredential) connection.authentication()));
        }
        if (connection.connectionMode() == ConnectionMode.GATEWAY) {
            builder.gatewayMode();
        } else {
            builder.directMode();
        }
        if (!connection.preferredRegions().isEmpty()) {
            builder.preferredRegions(connection.preferredRegions());
        }
        try {
            // The client reads the account here: a refused key or credential fails now.
            return builder.buildAsyncClient();
        } catch (RuntimeException e) {
            throw AuthenticationFailures.describe(connection.authentication(), e)
                    .<RuntimeException>map(CosmosConfigurationException::new)
                    .orElse(e);
        }
    }
}
