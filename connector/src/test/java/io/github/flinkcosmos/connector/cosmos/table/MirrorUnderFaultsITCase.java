package io.github.flinkcosmos.connector.cosmos.table;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinkcosmos.connector.cosmos.testing.CosmosEnvironment;
import io.github.flinkcosmos.connector.cosmos.testing.CosmosSql;
import io.github.flinkcosmos.connector.cosmos.testing.CosmosTestContainers;
import io.github.flinkcosmos.embedded.faults.FaultInjector;
import io.github.flinkcosmos.embedded.faults.OperationFailure;
import io.github.flinkcosmos.embedded.faults.OperationKind;
import io.github.flinkcosmos.embedded.faults.OperationMatch;
import io.github.flinkcosmos.embedded.faults.RequestFailure;
import io.github.flinkcosmos.embedded.faults.RequestKind;
import io.github.flinkcosmos.embedded.observability.EndpointStats;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.api.java.typeutils.RowTypeInfo;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mirror queries of {@link DeleteModeITCase} under faults: with {@code
 * cosmos.write.delete-mode} = {@code delete}, the container after the job holds exactly the query's
 * final result, computed by Flink itself from the query's changelog without faults, although
 * operations are answered 503, 408 or 429, whole bulk requests fail, or the job fails over after a
 * checkpoint.
 *
 * <p>The sources are small (104 and 91 rows) and one cluster and one endpoint serve every case.
 */
class MirrorUnderFaultsITCase {
    @RegisterExtension static final CosmosEnvironment COSMOS = CosmosEnvironment.embeddedOnly();

    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    /** How many answers of each kind (upsert, delete) a per-operation fault rule gives at most. */
    private static final int FAULTED_PER_KIND = 3;

    /** The final results, by query, computed once and shared by the fault cases. */
    private static final Map<Query, Map<String, String>> FINAL_RESULTS = new EnumMap<>(Query.class);

    /** Survive the restart, as tasks run in this JVM: the job fails exactly once. */
    static final AtomicBoolean FAILED_ONCE = new AtomicBoolean();

    static final AtomicBoolean CHECKPOINT_DONE = new AtomicBoolean();

    enum Query {
        HAVING(
                "SELECT id, 'p' AS pk, SUM(n) AS total FROM increments GROUP BY id"
                        + " HAVING SUM(n) BETWEEN 3 AND 9"),
        TOP_THREE(
                "SELECT id, pk, total FROM ("
                        + " SELECT id, pk, total,"
                        + " ROW_NUMBER() OVER (PARTITION BY pk ORDER BY total DESC, id) AS rn"
                        + " FROM (SELECT id, 'p' AS pk, SUM(n) AS total FROM increments GROUP BY id))"
                        + " WHERE rn <= 3"),
        JOIN(
                "SELECT a.id, 'p' AS pk, CAST(a.total + b.total AS BIGINT) AS total FROM"
                        + " (SELECT id, SUM(n) AS total FROM increments GROUP BY id"
                        + "  HAVING SUM(n) BETWEEN 3 AND 9) a"
                        + " JOIN (SELECT id, MAX(n) AS total FROM increments GROUP BY id) b"
                        + " ON a.id = b.id"),
        CHANGELOG_STREAM("SELECT id, pk, total FROM changes");

        final String sql;

        Query(String sql) {
            this.sql = sql;
        }
    }

    enum Fault {
        OPERATIONS_503,
        OPERATIONS_408,
        OPERATIONS_429,
        WHOLE_BATCHES,
        FAILOVER_AFTER_A_CHECKPOINT
    }

    static Stream<Arguments> cases() {
        return Stream.of(Query.values())
                .flatMap(query -> Stream.of(Fault.values()).map(f -> Arguments.of(query, f)));
    }

    @AfterEach
    void clearFaults() {
        COSMOS.embedded().faults().clear();
    }

    @ParameterizedTest(name = "{0} under {1}")
    @MethodSource("cases")
    void theContainerMirrorsTheQueryDespiteTheFault(Query query, Fault fault) throws Exception {
        Map<String, String> expected = FINAL_RESULTS.computeIfAbsent(query, q -> finalResult(q));
        String database = CosmosTestContainers.uniqueDatabase("mirrorfaults");
        COSMOS.containers().create(database, "mirror", "/pk");
        EndpointStats stats = COSMOS.embedded().stats();
        long deletes = stats.operations(OperationKind.DELETE, status(fault));
        long upserts = stats.operations(OperationKind.UPSERT, status(fault));
        long bulk503 = stats.requests(RequestKind.BULK, 503);
        long bulk408 = stats.requests(RequestKind.BULK, 408);
        long bulkReset = stats.requests(RequestKind.BULK, 0);
        FAILED_ONCE.set(false);
        CHECKPOINT_DONE.set(false);
        inject(fault, COSMOS.embedded().faults());

        StreamTableEnvironment sql = tables(fault == Fault.FAILOVER_AFTER_A_CHECKPOINT);
        createSink(sql, database);
        sql.executeSql("INSERT INTO mirror " + query.sql).await();

        assertThat(documents(database)).isEqualTo(expected);
        // The faults were met. How many of them is up to the batching: on an idle machine a
        // flush may carry a whole changelog, so a bulk request can take several rules at once, or
        // its deletes collapse into later rows; the container above is what must not depend on it.
        switch (fault) {
            case WHOLE_BATCHES -> {
                assertThat(stats.requests(RequestKind.BULK, 503) - bulk503).isPositive();
                assertThat(stats.requests(RequestKind.BULK, 0) - bulkReset).isPositive();
            }
            case FAILOVER_AFTER_A_CHECKPOINT ->
                    assertThat(FAILED_ONCE).as("the job failed over once").isTrue();
            default -> {
                assertThat(stats.operations(OperationKind.DELETE, status(fault)) - deletes)
                        .isPositive();
                assertThat(stats.operations(OperationKind.UPSERT, status(fault)) - upserts)
                        .isPositive();
            }
        }
        COSMOS.containers().dropDatabase(database);
    }

    private static int status(Fault fault) {
        return switch (fault) {
            case OPERATIONS_408 -> 408;
            case OPERATIONS_429 -> 429;
            default -> 503;
        };
    }

    private static void inject(Fault fault, FaultInjector faults) {
        switch (fault) {
            case OPERATIONS_503, OPERATIONS_408 -> {
                OperationFailure failure = OperationFailure.status(status(fault));
                faults.failOperations(
                                OperationMatch.kind(OperationKind.DELETE),
                                FAULTED_PER_KIND,
                                failure)
                        .failOperations(
                                OperationMatch.kind(OperationKind.UPSERT),
                                FAULTED_PER_KIND,
                                failure);
            }
            case OPERATIONS_429 -> {
                OperationFailure failure = OperationFailure.throttled(Duration.ofMillis(20));
                faults.failOperations(
                                OperationMatch.kind(OperationKind.DELETE),
                                FAULTED_PER_KIND,
                                failure)
                        .failOperations(
                                OperationMatch.kind(OperationKind.UPSERT),
                                FAULTED_PER_KIND,
                                failure);
            }
            case WHOLE_BATCHES ->
                    faults.failRequests(RequestKind.BULK, 1, RequestFailure.status(503))
                            .failRequests(RequestKind.BULK, 1, RequestFailure.resetConnection())
                            .failBulkRequestsHolding(
                                    OperationMatch.kind(OperationKind.DELETE),
                                    1,
                                    RequestFailure.status(503))
                            .failBulkRequestsHolding(
                                    OperationMatch.kind(OperationKind.DELETE),
                                    1,
                                    RequestFailure.status(408));
            case FAILOVER_AFTER_A_CHECKPOINT -> {
                // The map in the source's stream fails the job once.
            }
        }
    }

    /** The query's final result by Flink itself: its changelog applied to a map keyed by id. */
    private static Map<String, String> finalResult(Query query) {
        Map<String, String> result = new TreeMap<>();
        try (CloseableIterator<Row> rows = tables(false).executeSql(query.sql).collect()) {
            while (rows.hasNext()) {
                Row row = rows.next();
                String id = (String) row.getField(0);
                if (row.getKind() == RowKind.INSERT || row.getKind() == RowKind.UPDATE_AFTER) {
                    result.put(id, row.getField(1) + "/" + row.getField(2));
                } else {
                    result.remove(id);
                }
            }
        } catch (Exception e) {
            throw new AssertionError("collecting the final result of " + query + " failed", e);
        }
        assertThat(result).as("the final result of %s", query).isNotEmpty();
        return result;
    }

    /**
     * A table environment with the views {@code increments} and {@code changes}; with {@code
     * failover}, checkpoints every 50 ms, sources that emit 16 rows per checkpoint, and a map that
     * fails the job once halfway, after a checkpoint completed, with one restart allowed.
     */
    private static StreamTableEnvironment tables(boolean failover) {
        Configuration config = new Configuration();
        if (failover) {
            config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 1);
            config.set(
                    RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY,
                    Duration.ofMillis(100));
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(1);
        if (failover) {
            env.enableCheckpointing(50);
        }
        StreamTableEnvironment sql = StreamTableEnvironment.create(env);
        RowTypeInfo increments =
                new RowTypeInfo(
                        new TypeInformation<?>[] {Types.STRING, Types.INT},
                        new String[] {"id", "n"});
        sql.createTemporaryView(
                "increments",
                sql.fromChangelogStream(
                        source(env, "increments", increments(), increments, failover),
                        Schema.newBuilder().build(),
                        ChangelogMode.insertOnly()));
        RowTypeInfo changes =
                new RowTypeInfo(
                        new TypeInformation<?>[] {Types.STRING, Types.STRING, Types.LONG},
                        new String[] {"id", "pk", "total"});
        // The source's PRIMARY KEY is the sink's, so Flink 2.3 asks for no ON CONFLICT clause.
        sql.createTemporaryView(
                "changes",
                sql.fromChangelogStream(
                        source(env, "changes", changes(), changes, failover),
                        Schema.newBuilder().primaryKey("id", "pk").build(),
                        ChangelogMode.all()));
        return sql;
    }

    private static DataStream<Row> source(
            StreamExecutionEnvironment env,
            String name,
            List<Row> rows,
            RowTypeInfo type,
            boolean failover) {
        DataGeneratorSource<Row> generator =
                new DataGeneratorSource<>(
                        index -> rows.get(index.intValue()),
                        rows.size(),
                        failover
                                ? RateLimiterStrategy.perCheckpoint(16)
                                : RateLimiterStrategy.noOp(),
                        type);
        DataStream<Row> stream = env.fromSource(generator, WatermarkStrategy.noWatermarks(), name);
        return failover
                ? stream.map(new FailOnceAfterACheckpoint(rows.size() / 2)).returns(type)
                : stream;
    }

    private static void createSink(StreamTableEnvironment sql, String database) {
        sql.executeSql(
                "CREATE TABLE mirror (id STRING, pk STRING, total BIGINT,"
                        + " PRIMARY KEY (id, pk) NOT ENFORCED) "
                        + CosmosSql.with(
                                COSMOS.endpoint(),
                                database,
                                "mirror",
                                "cosmos.write.delete-mode",
                                "delete",
                                "cosmos.retry.backoff.initial-delay-ms",
                                "20",
                                "cosmos.retry.backoff.max-delay-ms",
                                "20",
                                "sink.batch.max-size",
                                "5",
                                "sink.flush-buffer.timeout",
                                "10"));
    }

    private static Map<String, String> documents(String database) {
        Map<String, String> documents = new TreeMap<>();
        for (JsonNode document : COSMOS.containers().documents(database, "mirror")) {
            documents.put(
                    document.get("id").asText(),
                    document.get("pk").asText() + "/" + document.get("total").asText());
        }
        return documents;
    }

    /**
     * Twelve keys whose running sums rise through 3..9 and beyond, then fall back, and four that
     * end above 9 after being inside. The deletes of the twelve can all be collapsed away, by a
     * later row of their document in the same flush, when the sink flushes seldom (an idle
     * machine); the last four's cannot, so every query sends deletes for the faults to meet.
     */
    private static List<Row> increments() {
        int[] steps = {1, 2, 3, 4, -3, -4, 5, -1};
        List<Row> rows = new ArrayList<>();
        for (int round = 0; round < steps.length; round++) {
            for (int k = 0; k < 12; k++) {
                int n = (k + round) % 3 == 0 ? steps[round] : steps[(round + k) % steps.length];
                rows.add(Row.ofKind(RowKind.INSERT, "k" + k, n));
            }
        }
        for (int k = 0; k < 4; k++) {
            rows.add(Row.ofKind(RowKind.INSERT, "x" + k, 5));
        }
        for (int k = 0; k < 4; k++) {
            rows.add(Row.ofKind(RowKind.INSERT, "x" + k, 10));
        }
        return rows;
    }

    /**
     * Eight accounts, interleaved: each is inserted, updated, deleted, inserted again and updated
     * three times; every third is deleted at the end. 91 rows of +I, −U, +U and −D.
     */
    private static List<Row> changes() {
        RowKind[] life = {
            RowKind.INSERT,
            RowKind.UPDATE_BEFORE,
            RowKind.UPDATE_AFTER,
            RowKind.DELETE,
            RowKind.INSERT,
            RowKind.UPDATE_BEFORE,
            RowKind.UPDATE_AFTER,
            RowKind.UPDATE_BEFORE,
            RowKind.UPDATE_AFTER,
            RowKind.UPDATE_BEFORE,
            RowKind.UPDATE_AFTER,
            RowKind.DELETE
        };
        List<Row> rows = new ArrayList<>();
        long[] current = new long[8];
        for (int step = 0; step < life.length; step++) {
            for (int account = 0; account < 8; account++) {
                RowKind kind = life[step];
                if (kind == RowKind.DELETE && step == life.length - 1 && account % 3 != 0) {
                    continue; // two of every three accounts stay
                }
                if (kind == RowKind.INSERT || kind == RowKind.UPDATE_AFTER) {
                    current[account] = step * 100L + account;
                }
                rows.add(Row.ofKind(kind, "a" + account, "t" + (account % 2), current[account]));
            }
        }
        return rows;
    }

    /** Fails the job once, halfway through its rows, when a checkpoint has completed. */
    static final class FailOnceAfterACheckpoint
            implements MapFunction<Row, Row>, CheckpointListener {
        private final int failAt;
        private int seen;

        FailOnceAfterACheckpoint(int failAt) {
            this.failAt = failAt;
        }

        @Override
        public Row map(Row row) {
            if (++seen >= failAt
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
}
