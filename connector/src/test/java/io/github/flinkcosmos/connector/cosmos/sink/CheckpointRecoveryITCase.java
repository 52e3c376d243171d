package io.github.flinkcosmos.connector.cosmos.sink;

import io.github.flinkcosmos.connector.cosmos.client.ConnectionMode;
import io.github.flinkcosmos.connector.cosmos.table.RowDataToCosmosDocument;
import io.github.flinkcosmos.connector.cosmos.testing.CosmosEnvironment;
import io.github.flinkcosmos.connector.cosmos.testing.CosmosTestContainers;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.VarCharType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills a streaming job mid-stream, after a checkpoint completed, and lets the restart strategy
 * recover it: every document must arrive, each with its last value.
 */
class CheckpointRecoveryITCase {
    @RegisterExtension static final CosmosEnvironment COSMOS = new CosmosEnvironment();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final int KEYS = 50;
    private static final long ROWS = 3_000;
    private static final RowType ROW =
            RowType.of(
                    new org.apache.flink.table.types.logical.LogicalType[] {
                        new VarCharType(VarCharType.MAX_LENGTH),
                        new VarCharType(VarCharType.MAX_LENGTH),
                        new BigIntType()
                    },
                    new String[] {"id", "pk", "version"});

    /** Survives the restart, as tasks run in this JVM: the job fails exactly once. */
    static final AtomicBoolean FAILED_ONCE = new AtomicBoolean();

    static final AtomicBoolean CHECKPOINT_DONE = new AtomicBoolean();

    @Test
    void recoversFromAFailureAfterACheckpointWithEveryDocumentAtItsLastValue() throws Exception {
        String database = CosmosTestContainers.uniqueDatabase("recovery");
        COSMOS.containers().create(database, "c", "/pk");
        Configuration config = new Configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        config.set(
                RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        env.enableCheckpointing(200);
        env.setParallelism(2);

        DataGeneratorSource<RowData> source =
                new DataGeneratorSource<>(
                        CheckpointRecoveryITCase::row,
                        ROWS,
                        RateLimiterStrategy.perSecond(1_000),
                        InternalTypeInfo.of(ROW));
        // One source subtask keeps each id's versions in order; two writers share the ids.
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "rows")
                .setParallelism(1)
                .keyBy(row -> row.getString(0).toString())
                .map(new FailOnceAfterACheckpoint())
                .returns(InternalTypeInfo.of(ROW))
                .sinkTo(sink(database));

        env.execute("checkpoint recovery");

        assertThat(FAILED_ONCE).as("the job was killed once").isTrue();
        Map<String, Long> versions =
                COSMOS.containers().documents(database, "c").stream()
                        .collect(
                                Collectors.toMap(
                                        d -> d.get("id").asText(), d -> d.get("version").asLong()));
        assertThat(versions).hasSize(KEYS);
        for (int k = 0; k < KEYS; k++) {
            // The last row of key k is the last i below ROWS with i % KEYS == k.
            long last = (ROWS - 1) - ((ROWS - 1 - k) % KEYS);
            assertThat(versions).containsEntry("k" + k, last);
        }
        COSMOS.containers().dropDatabase(database);
    }

    private static RowData row(long i) {
        return GenericRowData.of(
                StringData.fromString("k" + (i % KEYS)),
                StringData.fromString("p" + (i % KEYS % 7)),
                i); // one document per id
    }

    /** Throws once, halfway through, when at least one checkpoint has completed. */
    static final class FailOnceAfterACheckpoint
            implements MapFunction<RowData, RowData>, CheckpointListener {

        @Override
        public RowData map(RowData row) {
            if (row.getLong(2) > ROWS / 2
                    && CHECKPOINT_DONE.get()
                    && FAILED_ONCE.compareAndSet(false, true)) {
                throw new IllegalStateException("Killed mid-stream by the test");
            }
            return row;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            CHECKPOINT_DONE.set(true);
        }
    }

    private static CosmosSink<RowData> sink(String database) {
        return CosmosSink.<RowData>builder()
                .setEndpoint(COSMOS.endpoint().uri().toString())
                .setAccountKey(COSMOS.endpoint().key())
                .setDatabase(database)
                .setContainer("c")
                .setConnectionMode(ConnectionMode.GATEWAY)
                .setPartitionKeyPaths("/pk")
                .setDocumentConverter(RowDataToCosmosDocument.of(ROW, "id", List.of("/pk")))
                .setRetryBackoff(5, Duration.ofMillis(50), Duration.ofMillis(50), 1.0)
                .setMaxBatchSize(50)
                .build();
    }
}
