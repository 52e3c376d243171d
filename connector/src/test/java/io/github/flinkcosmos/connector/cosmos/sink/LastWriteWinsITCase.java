package io.github.flinkcosmos.connector.cosmos.sink;

import io.github.flinkcosmos.connector.cosmos.testing.CosmosEnvironment;
import io.github.flinkcosmos.connector.cosmos.testing.CosmosSql;
import io.github.flinkcosmos.connector.cosmos.testing.CosmosTestContainers;
import io.github.flinkcosmos.embedded.faults.OperationFailure;
import io.github.flinkcosmos.embedded.faults.OperationKind;
import io.github.flinkcosmos.embedded.faults.OperationMatch;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The document that ends up in Cosmos DB is the last changelog row of its key, even when early
 * writes of that key fail and are retried while later versions arrive.
 */
class LastWriteWinsITCase {
    @RegisterExtension static final CosmosEnvironment COSMOS = CosmosEnvironment.embeddedOnly();

    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static final int KEYS = 20;
    private static final int VERSIONS = 40;

    @Test
    void theLastRowOfEachKeyWinsDespiteRetriedEarlierWrites() throws Exception {
        String database = CosmosTestContainers.uniqueDatabase("lww");
        COSMOS.containers().create(database, "totals", "/pk");
        // The first write of k0..k4 fails and is retried only after every later version has
        // been sent: without last-write-wins, that stale retry would land last.
        for (int k = 0; k < 5; k++) {
            COSMOS.embedded()
                    .faults()
                    .failOperations(
                            OperationMatch.kind(OperationKind.UPSERT)
                                    .and(OperationMatch.id("k" + k)),
                            1,
                            OperationFailure.status(503));
        }
        TableEnvironment sql = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        sql.executeSql(
                "CREATE TABLE totals (id STRING, pk STRING, total BIGINT, updates BIGINT,"
                        + " PRIMARY KEY (id, pk) NOT ENFORCED) "
                        + CosmosSql.with(
                                COSMOS.endpoint(),
                                database,
                                "totals",
                                "cosmos.retry.backoff.initial-delay-ms",
                                "3000",
                                "cosmos.retry.backoff.max-delay-ms",
                                "3000",
                                "sink.batch.max-size",
                                "5",
                                "sink.flush-buffer.timeout",
                                "10"));
        sql.executeSql(
                "CREATE TEMPORARY VIEW increments AS SELECT * FROM (VALUES "
                        + increments()
                        + ") AS t(id, n)");

        // An aggregation: every input row updates its key's total, so each key gets many versions.
        sql.executeSql(
                        "INSERT INTO totals SELECT id, 'p', SUM(n), COUNT(*) FROM increments GROUP BY id")
                .await();

        Map<String, Long> totals =
                COSMOS.containers().documents(database, "totals").stream()
                        .collect(
                                Collectors.toMap(
                                        d -> d.get("id").asText(), d -> d.get("updates").asLong()));
        assertThat(totals).hasSize(KEYS);
        assertThat(totals.values()).containsOnly((long) VERSIONS);
        assertThat(COSMOS.embedded().stats().operations(OperationKind.UPSERT, 503)).isEqualTo(5);
        // Regression: UPDATE_BEFORE rows reached the writer and were written as upserts of old
        // values, up to one per update; rows of one document in one buffer are collapsed too.
        assertThat(COSMOS.embedded().stats().operations(OperationKind.UPSERT))
                .isLessThanOrEqualTo(KEYS * VERSIONS + 5);
        COSMOS.containers().dropDatabase(database);
    }

    private static String increments() {
        StringJoiner rows = new StringJoiner(",");
        for (int version = 0; version < VERSIONS; version++) {
            for (int k = 0; k < KEYS; k++) {
                rows.add("('k" + k + "', " + version + ")");
            }
        }
        return rows.toString();
    }
}
