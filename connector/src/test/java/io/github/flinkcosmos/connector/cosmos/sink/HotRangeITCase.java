package io.github.flinkcosmos.connector.cosmos.sink;

import io.github.flinkcosmos.connector.cosmos.testing.CosmosEnvironment;
import io.github.flinkcosmos.connector.cosmos.testing.CosmosSql;
import io.github.flinkcosmos.connector.cosmos.testing.CosmosTestContainers;
import io.github.flinkcosmos.embedded.faults.OperationFailure;
import io.github.flinkcosmos.embedded.faults.OperationMatch;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A throttled partition-key range must not stall the others. A container of 4 ranges, whose range
 * "0" answers its first writes 429 with a retry-after of 3 s, twice as many as it has documents:
 * none of them can be stored before the client's second retry, 6 s after the first attempt at the
 * least. The sink must store every document of the three other ranges before the first of range
 * "0". A batch that mixed the ranges would hold its cold documents' in-flight slot until the hot
 * ones were done, and with all slots held, the cold documents behind them would wait too: the sink
 * did so before its batches were made per range: it stored 46 of the 900 cold documents first.
 */
class HotRangeITCase {

    @RegisterExtension static final CosmosEnvironment COSMOS = CosmosEnvironment.embeddedOnly();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(1)
                            .build());

    private static final String HOT = "0";
    private static final int HOT_DOCUMENTS = 100;
    private static final int COLD_DOCUMENTS_PER_RANGE = 300;
    private static final int KEYS_PER_RANGE = 4;

    @Test
    void storesEveryColdRangesDocumentWhileTheHotRangeThrottles() throws Exception {
        String database = CosmosTestContainers.uniqueDatabase("hot");
        COSMOS.embedded().partitions().rangesForNewContainers(4);
        COSMOS.containers().create(database, "items", "/pk");
        COSMOS.embedded().partitions().rangesForNewContainers(1);
        Map<String, List<String>> keysByRange = keysByRange(database);

        AtomicLong coldStored = new AtomicLong();
        AtomicLong coldStoredWhenTheFirstHotWas = new AtomicLong(-1);
        COSMOS.embedded()
                .stats()
                .listen(
                        (operation, status) -> {
                            if (status / 100 != 2 || !operation.container().equals("items")) {
                                return;
                            }
                            if (operation.rangeId().equals(HOT)) {
                                coldStoredWhenTheFirstHotWas.compareAndSet(-1, coldStored.get());
                            } else {
                                coldStored.incrementAndGet();
                            }
                        });
        COSMOS.embedded()
                .faults()
                .failOperations(
                        OperationMatch.range(HOT).and(OperationMatch.container("items")),
                        2 * HOT_DOCUMENTS,
                        OperationFailure.throttled(Duration.ofSeconds(3)));
        try {
            TableEnvironment sql = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
            sql.getConfig().set("parallelism.default", "1");
            sql.executeSql(
                    "CREATE TABLE items (id STRING, pk STRING, n INT,"
                            + " PRIMARY KEY (id, pk) NOT ENFORCED) "
                            + CosmosSql.with(
                                    COSMOS.endpoint(),
                                    database,
                                    "items",
                                    "sink.batch.max-size",
                                    "50"));
            sql.executeSql("INSERT INTO items VALUES " + rows(keysByRange)).await();
        } finally {
            COSMOS.embedded().stats().listen(null);
            COSMOS.embedded().faults().clear();
        }

        int cold = 3 * COLD_DOCUMENTS_PER_RANGE;
        assertThat(COSMOS.containers().documents(database, "items")).hasSize(cold + HOT_DOCUMENTS);
        assertThat(coldStoredWhenTheFirstHotWas.get())
                .as("cold documents stored when range %s stored its first", HOT)
                .isEqualTo(cold);
        COSMOS.containers().dropDatabase(database);
    }

    /** A few partition-key values held by each range, found by asking the endpoint. */
    private static Map<String, List<String>> keysByRange(String database) {
        Map<String, List<String>> keys = new TreeMap<>();
        for (int i = 0;
                keys.size() < 4
                        || keys.values().stream().anyMatch(found -> found.size() < KEYS_PER_RANGE);
                i++) {
            String value = "pk-" + i;
            String range =
                    COSMOS.embedded()
                            .partitions()
                            .rangeOf(database, "items", "[\"" + value + "\"]")
                            .id();
            List<String> ofRange = keys.computeIfAbsent(range, r -> new ArrayList<>());
            if (ofRange.size() < KEYS_PER_RANGE) {
                ofRange.add(value);
            }
        }
        return keys;
    }

    /** The hot range's documents spread among the others', as a changelog would bring them. */
    private static String rows(Map<String, List<String>> keysByRange) {
        StringJoiner rows = new StringJoiner(",");
        int hot = 0;
        for (int n = 0; n < COLD_DOCUMENTS_PER_RANGE; n++) {
            for (Map.Entry<String, List<String>> range : keysByRange.entrySet()) {
                List<String> keys = range.getValue();
                boolean isHot = range.getKey().equals(HOT);
                if (isHot && hot++ >= HOT_DOCUMENTS) {
                    continue;
                }
                String pk = keys.get(n % keys.size());
                rows.add("('" + range.getKey() + "-" + n + "', '" + pk + "', " + n + ")");
            }
        }
        return rows.toString();
    }
}
