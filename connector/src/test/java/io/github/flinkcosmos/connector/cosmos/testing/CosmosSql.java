package io.github.flinkcosmos.connector.cosmos.testing;

import io.github.flinkcosmos.embedded.CosmosTestEndpoint;

/** Writes the WITH clause of a cosmos sink table pointed at the test endpoint. */
public final class CosmosSql {

    private CosmosSql() {}

    /** The options every test table needs, plus any given as key/value pairs. */
    public static String with(
            CosmosTestEndpoint endpoint, String database, String container, String... more) {
        return withKey(endpoint, endpoint.key(), database, container, more);
    }

    /** As {@link #with}, with an account key of the test's choosing. */
    public static String withKey(
            CosmosTestEndpoint endpoint,
            String key,
            String database,
            String container,
            String... more) {
        StringBuilder with = new StringBuilder("WITH (\n");
        with.append("  'connector' = 'cosmos',\n");
        with.append("  'cosmos.endpoint' = '").append(endpoint.uri()).append("',\n");
        with.append("  'cosmos.key' = '").append(key).append("',\n");
        with.append("  'cosmos.database' = '").append(database).append("',\n");
        with.append("  'cosmos.container' = '").append(container).append("',\n");
        // The embedded endpoint and most emulators speak gateway mode only.
        with.append("  'cosmos.connection-mode' = 'gateway'");
        for (int i = 0; i + 1 < more.length; i += 2) {
            with.append(",\n  '").append(more[i]).append("' = '").append(more[i + 1]).append("'");
        }
        return with.append("\n)").toString();
    }
}
