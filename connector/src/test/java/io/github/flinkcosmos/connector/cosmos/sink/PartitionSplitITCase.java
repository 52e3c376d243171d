package io.github.flinkcosmos.connector.cosmos.sink;

import io.github.flinkcosmos.connector.cosmos.testing.CosmosEnvironment;
import io.github.flinkcosmos.connector.cosmos.testing.CosmosSql;
import io.github.flinkcosmos.connector.cosmos.testing.CosmosTestContainers;
import io.github.flinkcosmos.embedded.faults.OperationKind;
import io.github.flinkcosmos.embedded.faults.RequestKind;
import io.github.flinkcosmos.embedded.partitions.PartitionKeyRange;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Flink SQL job at parallelism 2 writes into a container of 4 partition-key ranges, one of which
 * splits while the job runs: the SDK under the sink meets 410/1002, refreshes its routing map and
 * sends again, and every document ends at the last value of its key.
 */
class PartitionSplitITCase {

    @RegisterExtension static final CosmosEnvironment COSMOS = CosmosEnvironment.embeddedOnly();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final int KEYS = 200;
    private static final int VERSIONS = 12;

    @Test
    void everyDocumentEndsAtItsLastValueWhenARangeSplitsMidJob() throws Exception {
        String database = CosmosTestContainers.uniqueDatabase("split");
        COSMOS.embedded().partitions().rangesForNewContainers(4);
        COSMOS.containers().create(database, "totals", "/pk");
        COSMOS.embedded().partitions().rangesForNewContainers(1);
        COSMOS.embedded().stats().reset();
        // Range 1 splits when the sink sends its KEYS-th upsert: the job writes at least one
        // upsert per key, so that is before the last key's final version at the latest.
        AtomicInteger upserts = new AtomicInteger();
        COSMOS.embedded()
                .faults()
                .splitRange(
                        operation ->
                                operation.kind() == OperationKind.UPSERT
                                        && upserts.incrementAndGet() >= KEYS
                                        && operation.rangeId().equals("1"),
                        1);
        TableEnvironment sql = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        sql.getConfig().set("parallelism.default", "2");
        sql.executeSql(
                "CREATE TABLE totals (id STRING, pk STRING, total BIGINT, updates BIGINT,"
                        + " PRIMARY KEY (id, pk) NOT ENFORCED) "
                        + CosmosSql.with(
                                COSMOS.endpoint(),
                                database,
                                "totals",
                                "sink.batch.max-size",
                                "50",
                                "sink.flush-buffer.timeout",
                                "10"));
        sql.executeSql(
                "CREATE TEMPORARY VIEW increments AS SELECT * FROM (VALUES "
                        + increments()
                        + ") AS t(id, n)");

        sql.executeSql(
                        "INSERT INTO totals SELECT id, CONCAT('pk-', id), SUM(n), COUNT(*)"
                                + " FROM increments GROUP BY id")
                .await();

        Map<String, Long> updates =
                COSMOS.containers().documents(database, "totals").stream()
                        .collect(
                                Collectors.toMap(
                                        d -> d.get("id").asText(), d -> d.get("updates").asLong()));
        assertThat(updates).hasSize(KEYS);
        assertThat(updates.values()).containsOnly((long) VERSIONS);
        assertThat(COSMOS.embedded().partitions().ranges(database, "totals"))
                .extracting(PartitionKeyRange::id)
                .containsExactly("0", "4", "5", "2", "3");
        assertThat(COSMOS.embedded().stats().requests(RequestKind.BULK, 410))
                .as("bulk requests that met the split")
                .isPositive();
        assertThat(COSMOS.embedded().partitions().operationsByRange(database, "totals"))
                .containsKeys("0", "2", "3", "4", "5");
        COSMOS.embedded().faults().clear();
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
