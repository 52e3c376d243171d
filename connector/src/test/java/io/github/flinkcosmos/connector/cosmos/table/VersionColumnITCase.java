package io.github.flinkcosmos.connector.cosmos.table;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinkcosmos.connector.cosmos.sink.CosmosSinkMetrics;
import io.github.flinkcosmos.connector.cosmos.testing.CosmosEnvironment;
import io.github.flinkcosmos.connector.cosmos.testing.CosmosSql;
import io.github.flinkcosmos.connector.cosmos.testing.CosmosTestContainers;
import io.github.flinkcosmos.embedded.docs.DocsFragment;
import io.github.flinkcosmos.embedded.docs.SqlExample;
import io.github.flinkcosmos.embedded.faults.OperationFailure;
import io.github.flinkcosmos.embedded.faults.OperationKind;
import io.github.flinkcosmos.embedded.faults.OperationMatch;
import org.apache.flink.api.common.JobID;
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
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * {@code cosmos.write.version-column}: a write applies only when its row's version is greater than
 * the stored document's. Replays of older or equal rows leave the container as it is (values and
 * {@code _etag}) and count as {@code operationsSkippedStale}; two jobs racing on the same ids end
 * at the highest version of each; deletes, soft deletes and 25-column patches obey the same rule,
 * also under injected 503, 408 and 429 and across a failover.
 */
class VersionColumnITCase {
    @RegisterExtension static final CosmosEnvironment COSMOS = CosmosEnvironment.embeddedOnly();

    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setConfiguration(REPORTER.addToConfiguration(new Configuration()))
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(4)
                            .build());

    private String database;

    @BeforeEach
    void newDatabase() {
        database = CosmosTestContainers.uniqueDatabase("versions");
        COSMOS.containers().create(database, "c", "/pk");
    }

    @AfterEach
    void dropDatabase() {
        COSMOS.embedded().faults().clear();
        COSMOS.containers().dropDatabase(database);
    }

    // ---- replay ------------------------------------------------------------------------------

    @Test
    void aReplayOfOlderOrEqualVersionsChangesNothingAndNewerRowsStillApply() throws Exception {
        run(rows(0, 200, i -> 10, "first"));
        Map<String, String> written = snapshot();
        assertThat(written).hasSize(200);

        JobID older = run(rows(0, 100, i -> 5, "older"));
        assertThat(snapshot()).isEqualTo(written);
        assertThat(counter(older, CosmosSinkMetrics.OPERATIONS_SKIPPED_STALE)).isEqualTo(100);
        assertThat(counter(older, CosmosSinkMetrics.OPERATIONS_SUCCEEDED)).isZero();

        JobID equal = run(rows(0, 200, i -> 10, "equal"));
        assertThat(snapshot()).isEqualTo(written);
        assertThat(counter(equal, CosmosSinkMetrics.OPERATIONS_SKIPPED_STALE)).isEqualTo(200);

        JobID newer = run(rows(150, 200, i -> 11, "newer"));
        Map<String, String> after = snapshot();
        assertThat(counter(newer, CosmosSinkMetrics.OPERATIONS_SKIPPED_STALE)).isZero();
        for (int i = 0; i < 200; i++) {
            String id = "i" + i;
            if (i < 150) {
                assertThat(after.get(id)).isEqualTo(written.get(id));
            } else {
                assertThat(after.get(id)).startsWith("11/newer/").isNotEqualTo(written.get(id));
            }
        }
    }

    // ---- race --------------------------------------------------------------------------------

    /** Three timings: batch sizes, which job starts first, and how long the second waits. */
    @ParameterizedTest(name = "batch {0}, live first {1}, second starts after {2} ms")
    @CsvSource({"100, false, 0", "7, true, 0", "25, false, 150"})
    void aBackfillRacingTheLiveJobNeverWinsOverANewerVersion(
            int batchSize, boolean liveFirst, long secondAfterMs) throws Exception {
        int ids = 1_000;
        StreamTableEnvironment sql = sqlEnvironment(2);
        sql.executeSql(raceTable("race", "upsert", batchSize));
        String backfill = insert(sql, "race", rows(0, ids, i -> i, "backfill"));
        String live = insert(sql, "race", rows(0, ids, i -> 1_000 + i, "live"));
        TableResult first = sql.executeSql(liveFirst ? live : backfill);
        Thread.sleep(secondAfterMs);
        TableResult second = sql.executeSql(liveFirst ? backfill : live);
        first.await();
        second.await();

        Map<String, JsonNode> documents = documentsById();
        assertThat(documents).hasSize(ids);
        for (int i = 0; i < ids; i++) {
            JsonNode document = documents.get("i" + i);
            assertThat(document.get("v").asLong()).as("version of i%s", i).isEqualTo(1_000 + i);
            assertThat(document.get("val").asText()).isEqualTo("live");
        }
    }

    // ---- edges -------------------------------------------------------------------------------

    @Test
    void aWideTablePatchedByTwoRacingJobsEndsWhollyAtTheNewestVersion() throws Exception {
        StringJoiner columns = new StringJoiner(", ");
        for (int c = 0; c < 22; c++) {
            columns.add("c" + c + " STRING");
        }
        StreamTableEnvironment sql = sqlEnvironment(2);
        // id, pk, v and 22 more: 25 columns, so each patch has 3 parts.
        sql.executeSql(
                "CREATE TABLE wide (id STRING, pk STRING, v BIGINT, "
                        + columns
                        + ", PRIMARY KEY (id, pk) NOT ENFORCED) "
                        + versioned("cosmos.write.mode", "patch", "sink.batch.max-size", "20"));
        int ids = 200;
        TableResult backfill = sql.executeSql(insert(sql, "wide", wideRows(ids, 1, "old"), WIDE));
        TableResult live = sql.executeSql(insert(sql, "wide", wideRows(ids, 2, "new"), WIDE));
        backfill.await();
        live.await();

        Map<String, JsonNode> documents = documentsById();
        assertThat(documents).hasSize(ids);
        for (JsonNode document : documents.values()) {
            assertThat(document.get("v").asLong()).isEqualTo(2);
            for (int c = 0; c < 22; c++) {
                assertThat(document.get("c" + c).asText())
                        .as("%s.c%s", document.get("id").asText(), c)
                        .isEqualTo("new" + c);
            }
        }
        Map<String, String> written = snapshot();
        JobID replay = run(sql, insert(sql, "wide", wideRows(ids, 1, "old"), WIDE));
        assertThat(snapshot()).isEqualTo(written);
        assertThat(counter(replay, CosmosSinkMetrics.OPERATIONS_SKIPPED_STALE)).isEqualTo(ids);
    }

    @Test
    void aWidePatchCutOffBetweenItsPartsIsWrittenWhollyWhenItsRowComesAgain() throws Exception {
        StringJoiner columns = new StringJoiner(", ");
        for (int c = 0; c < 22; c++) {
            columns.add("c" + c + " STRING");
        }
        StreamTableEnvironment sql = sqlEnvironment(1);
        sql.executeSql(
                "CREATE TABLE cut (id STRING, pk STRING, v BIGINT, "
                        + columns
                        + ", PRIMARY KEY (id, pk) NOT ENFORCED) "
                        + versioned("cosmos.write.mode", "patch"));
        run(sql, insert(sql, "cut", wideRows(1, 1, "old"), WIDE));
        // The second part of the next patch of w0 is refused (400 fails the job), as a failover
        // between the parts would leave it: its first part is in, the rest is not.
        AtomicInteger patches = new AtomicInteger();
        COSMOS.embedded()
                .faults()
                .failOperations(
                        operation ->
                                operation.kind() == OperationKind.PATCH
                                        && operation.id().equals("w0")
                                        && patches.incrementAndGet() == 2,
                        1,
                        OperationFailure.status(400));
        assertThatThrownBy(
                        () ->
                                sql.executeSql(insert(sql, "cut", wideRows(1, 2, "new"), WIDE))
                                        .await())
                .hasStackTraceContaining("400");
        assertThat(documentsById().get("w0").get("v").asLong())
                .as("the version comes with the last part, which is not in")
                .isEqualTo(1);

        // The same row again, as a source replays it after a failover: not skipped as equal.
        run(sql, insert(sql, "cut", wideRows(1, 2, "new"), WIDE));
        JsonNode document = documentsById().get("w0");
        assertThat(document.get("v").asLong()).isEqualTo(2);
        for (int c = 0; c < 22; c++) {
            assertThat(document.get("c" + c).asText()).as("c%s", c).isEqualTo("new" + c);
        }
    }

    @Test
    void anOlderDeleteIsSkippedAndANewerOneDeletes() throws Exception {
        StreamTableEnvironment sql =
                changelog(
                        List.of(
                                Row.ofKind(RowKind.INSERT, "a", "p", 10L, "x"),
                                Row.ofKind(RowKind.INSERT, "b", "p", 10L, "x")));
        sql.executeSql(
                "CREATE TABLE t (id STRING, pk STRING, v BIGINT, val STRING,"
                        + " PRIMARY KEY (id, pk) NOT ENFORCED) "
                        + versioned("cosmos.write.delete-mode", "delete"));
        sql.executeSql("INSERT INTO t SELECT * FROM changes").await();
        String a = snapshot().get("a");

        StreamTableEnvironment deletes =
                changelog(
                        List.of(
                                Row.ofKind(RowKind.DELETE, "a", "p", 9L, "x"),
                                Row.ofKind(RowKind.DELETE, "b", "p", 11L, "x")));
        deletes.executeSql(
                "CREATE TABLE t (id STRING, pk STRING, v BIGINT, val STRING,"
                        + " PRIMARY KEY (id, pk) NOT ENFORCED) "
                        + versioned("cosmos.write.delete-mode", "delete"));
        JobID job = run(deletes, "INSERT INTO t SELECT * FROM changes");

        assertThat(snapshot()).containsOnlyKeys("a").containsEntry("a", a);
        assertThat(counter(job, CosmosSinkMetrics.OPERATIONS_SKIPPED_STALE)).isEqualTo(1);
    }

    @Test
    void anOlderSoftDeleteIsSkippedAndANewerOneMarksTheDocumentWithItsVersion() throws Exception {
        COSMOS.containers().createWithTimeToLive(database, "soft", "/pk");
        String ddl =
                "CREATE TABLE t (id STRING, pk STRING, v BIGINT, val STRING,"
                        + " PRIMARY KEY (id, pk) NOT ENFORCED) "
                        + CosmosSql.with(
                                COSMOS.endpoint(),
                                database,
                                "soft",
                                "cosmos.write.version-column",
                                "v",
                                "cosmos.write.delete-mode",
                                "soft-delete",
                                "sink.flush-buffer.timeout",
                                "10");
        StreamTableEnvironment sql =
                changelog(
                        List.of(
                                Row.ofKind(RowKind.INSERT, "a", "p", 10L, "x"),
                                Row.ofKind(RowKind.INSERT, "b", "p", 10L, "x")));
        sql.executeSql(ddl);
        sql.executeSql("INSERT INTO t SELECT * FROM changes").await();

        StreamTableEnvironment deletes =
                changelog(
                        List.of(
                                Row.ofKind(RowKind.DELETE, "a", "p", 3L, "x"),
                                Row.ofKind(RowKind.DELETE, "b", "p", 12L, "x")));
        deletes.executeSql(ddl);
        JobID job = run(deletes, "INSERT INTO t SELECT * FROM changes");

        Map<String, JsonNode> documents = new TreeMap<>();
        COSMOS.containers()
                .documents(database, "soft")
                .forEach(d -> documents.put(d.get("id").asText(), d));
        assertThat(documents.get("a").has("deleted")).isFalse();
        assertThat(documents.get("b").get("deleted").asBoolean()).isTrue();
        assertThat(documents.get("b").get("v").asLong()).isEqualTo(12);
        assertThat(counter(job, CosmosSinkMetrics.OPERATIONS_SKIPPED_STALE)).isEqualTo(1);
    }

    @Test
    void aNullVersionFailsTheJobNamingTheDocumentAndTheColumn() throws Exception {
        StreamTableEnvironment sql = sqlEnvironment(1);
        sql.executeSql(raceTable("t", "upsert", 10));
        Throwable error =
                catchThrowable(
                        () ->
                                sql.executeSql(
                                                "INSERT INTO t VALUES ('ok', 'p', CAST(1 AS BIGINT),"
                                                        + " 'x'), ('late', 'p', CAST(NULL AS BIGINT), 'x')")
                                        .await());

        assertThat(ExceptionUtils.stringifyException(error))
                .contains("document 'late'")
                .contains("NULL in the version column 'v'");
    }

    @Test
    void aVersionColumnTheTableLacksOrOfAnotherTypeIsRefusedWhenPlanning() {
        StreamTableEnvironment sql = sqlEnvironment(1);
        sql.executeSql(
                "CREATE TABLE missing (id STRING, pk STRING, v BIGINT,"
                        + " PRIMARY KEY (id, pk) NOT ENFORCED) "
                        + CosmosSql.with(
                                COSMOS.endpoint(),
                                database,
                                "c",
                                "cosmos.write.version-column",
                                "version"));
        sql.executeSql(
                "CREATE TABLE text (id STRING, pk STRING, v STRING,"
                        + " PRIMARY KEY (id, pk) NOT ENFORCED) "
                        + versioned());
        sql.executeSql(
                "CREATE TABLE creates (id STRING, pk STRING, v BIGINT,"
                        + " PRIMARY KEY (id, pk) NOT ENFORCED) "
                        + versioned("cosmos.write.mode", "create"));

        assertThat(planningError(sql, "INSERT INTO missing VALUES ('a', 'p', CAST(1 AS BIGINT))"))
                .contains(
                        "Option 'cosmos.write.version-column' names column 'version', but the"
                                + " table has no such column (it has id, pk, v)")
                .contains(VersionColumn.ALLOWED_TYPES);
        assertThat(planningError(sql, "INSERT INTO text VALUES ('a', 'p', '1')"))
                .contains("names column 'v' of type STRING, which does not order versions")
                .contains(VersionColumn.ALLOWED_TYPES);
        assertThat(planningError(sql, "INSERT INTO creates VALUES ('a', 'p', CAST(1 AS BIGINT))"))
                .contains("cosmos.write.version-column")
                .contains("cosmos.write.mode");
    }

    @Test
    void timestampVersionsCompareAsTimesWhateverTheirFractionDigits() throws Exception {
        StreamTableEnvironment sql = sqlEnvironment(1);
        String ddl =
                "CREATE TABLE ts (id STRING, pk STRING, v TIMESTAMP(3), val STRING,"
                        + " PRIMARY KEY (id, pk) NOT ENFORCED) "
                        + versioned();
        sql.executeSql(ddl);
        // As text, '…:30.5' sorts after '…:30.25'; as times it is later only than '…:30.25'.
        sql.executeSql(
                        "INSERT INTO ts VALUES ('a', 'p', TIMESTAMP '2026-11-21 10:15:30.5', 'first'),"
                                + " ('b', 'p', TIMESTAMP '2026-11-21 10:15:30.5', 'first')")
                .await();
        JobID job =
                run(
                        sql,
                        "INSERT INTO ts VALUES ('a', 'p', TIMESTAMP '2026-11-21 10:15:30.25', 'older'),"
                                + " ('b', 'p', TIMESTAMP '2026-11-21 10:15:30.75', 'newer')");

        Map<String, JsonNode> documents = documentsById();
        assertThat(documents.get("a").get("val").asText()).isEqualTo("first");
        assertThat(documents.get("b").get("val").asText()).isEqualTo("newer");
        assertThat(counter(job, CosmosSinkMetrics.OPERATIONS_SKIPPED_STALE)).isEqualTo(1);
    }

    /** The reference page's example, as it is written there: a late update is left out. */
    @Test
    void theReferencePagesExampleKeepsEachCustomerAtItsLatestUpdate() throws Exception {
        COSMOS.containers().create(database, "customers", "/region");
        SqlExample example =
                DocsFragment.named("versioned-writes.md")
                        .creating("customers")
                        .connectedTo(COSMOS.endpoint().uri(), COSMOS.endpoint().key())
                        .withCosmosOption("cosmos.connection-mode", "gateway")
                        .withCosmosOption("cosmos.database", database);
        StreamTableEnvironment sql = sqlEnvironment(1);
        example.statements().forEach(sql::executeSql);

        sql.executeSql(
                        "INSERT INTO customers VALUES"
                                + " ('c1', 'eu', 'Ann', TIMESTAMP '2026-11-21 10:00:00'),"
                                + " ('c1', 'eu', 'Ann Lee', TIMESTAMP '2026-11-21 12:00:00.5'),"
                                + " ('c2', 'us', 'Bob', TIMESTAMP '2026-11-21 09:00:00')")
                .await();
        JobID late =
                run(
                        sql,
                        "INSERT INTO customers VALUES"
                                + " ('c1', 'eu', 'Ann Late', TIMESTAMP '2026-11-21 12:00:00.25')");

        Map<String, String> names = new TreeMap<>();
        COSMOS.containers()
                .documents(database, "customers")
                .forEach(d -> names.put(d.get("id").asText(), d.get("name").asText()));
        assertThat(names).isEqualTo(Map.of("c1", "Ann Lee", "c2", "Bob"));
        assertThat(counter(late, CosmosSinkMetrics.OPERATIONS_SKIPPED_STALE)).isEqualTo(1);
    }

    // ---- faults ------------------------------------------------------------------------------

    @Test
    void theReplayAndTheRaceHoldUnderInjected503And408And429() throws Exception {
        for (int i = 0; i < 10; i++) {
            COSMOS.embedded()
                    .faults()
                    .failOperations(
                            OperationMatch.kind(OperationKind.READ).and(OperationMatch.id("i" + i)),
                            1,
                            OperationFailure.status(503))
                    .failOperations(
                            OperationMatch.kind(OperationKind.CREATE)
                                    .and(OperationMatch.id("i" + (10 + i))),
                            1,
                            OperationFailure.status(408))
                    .failOperations(
                            OperationMatch.kind(OperationKind.READ)
                                    .and(OperationMatch.id("i" + (20 + i))),
                            1,
                            OperationFailure.throttled(Duration.ofMillis(20)));
        }
        StreamTableEnvironment sql = sqlEnvironment(2);
        sql.executeSql(raceTable("race", "upsert", 10));
        TableResult backfill =
                sql.executeSql(insert(sql, "race", rows(0, 100, i -> i, "backfill")));
        TableResult live = sql.executeSql(insert(sql, "race", rows(0, 100, i -> 100 + i, "live")));
        backfill.await();
        live.await();
        Map<String, JsonNode> documents = documentsById();
        assertThat(documents).hasSize(100);
        documents.forEach(
                (id, document) -> {
                    assertThat(document.get("val").asText()).as(id).isEqualTo("live");
                    assertThat(document.get("v").asLong())
                            .isEqualTo(100 + Long.parseLong(id.substring(1)));
                });

        // Every read of the replay fails once first: retried, then skipped, each counted once.
        for (int i = 0; i < 50; i++) {
            COSMOS.embedded()
                    .faults()
                    .failOperations(
                            OperationMatch.kind(OperationKind.READ).and(OperationMatch.id("i" + i)),
                            1,
                            OperationFailure.status(503));
        }
        Map<String, String> written = snapshot();
        JobID replay = run(sql, insert(sql, "race", rows(0, 50, i -> i, "replay")));
        assertThat(snapshot()).isEqualTo(written);
        assertThat(counter(replay, CosmosSinkMetrics.OPERATIONS_SKIPPED_STALE)).isEqualTo(50);
        assertThat(counter(replay, CosmosSinkMetrics.OPERATIONS_RETRIED)).isEqualTo(50);
        assertThat(COSMOS.embedded().stats().operations(OperationKind.READ, 503))
                .isGreaterThanOrEqualTo(60);
        assertThat(COSMOS.embedded().stats().operations(OperationKind.READ, 429)).isPositive();
        assertThat(COSMOS.embedded().stats().operations(OperationKind.CREATE, 408)).isPositive();

        // Newer rows replace their documents, though every replace fails twice first.
        long failedReplaces = COSMOS.embedded().stats().operations(OperationKind.REPLACE, 503);
        for (int i = 30; i < 40; i++) {
            COSMOS.embedded()
                    .faults()
                    .failOperations(
                            OperationMatch.kind(OperationKind.REPLACE)
                                    .and(OperationMatch.id("i" + i)),
                            2,
                            OperationFailure.status(503));
        }
        run(sql, insert(sql, "race", rows(30, 40, i -> 5_000, "newest")));
        assertThat(COSMOS.embedded().stats().operations(OperationKind.REPLACE, 503))
                .isEqualTo(failedReplaces + 20);
        Map<String, JsonNode> after = documentsById();
        for (int i = 0; i < 100; i++) {
            JsonNode document = after.get("i" + i);
            boolean newest = i >= 30 && i < 40;
            assertThat(document.get("val").asText()).isEqualTo(newest ? "newest" : "live");
        }
    }

    /** Survives the restart, as tasks run in this JVM: the job fails exactly once. */
    static final AtomicBoolean FAILED_ONCE = new AtomicBoolean();

    static final AtomicBoolean CHECKPOINT_DONE = new AtomicBoolean();

    private static final int FAILOVER_IDS = 50;
    private static final long FAILOVER_ROWS = 2_000;

    @Test
    void afterAFailoverEveryDocumentHoldsItsHighestVersion() throws Exception {
        Configuration config = new Configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        config.set(
                RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.enableCheckpointing(200);
        env.setParallelism(2);
        RowTypeInfo type =
                new RowTypeInfo(
                        new TypeInformation<?>[] {
                            Types.STRING, Types.STRING, Types.LONG, Types.STRING
                        },
                        new String[] {"id", "pk", "v", "val"});
        // Versions go down as well as up within an id, so only the guard makes the highest win.
        DataGeneratorSource<Row> source =
                new DataGeneratorSource<>(
                        i -> Row.of("k" + (i % FAILOVER_IDS), "p", scrambled(i), "r" + i),
                        FAILOVER_ROWS,
                        RateLimiterStrategy.perSecond(1_000),
                        type);
        StreamTableEnvironment sql = StreamTableEnvironment.create(env);
        sql.createTemporaryView(
                "generated",
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "rows")
                        .setParallelism(1)
                        .map(new FailOnceAfterACheckpoint())
                        .returns(type));
        sql.executeSql(raceTable("t", "upsert", 20));
        sql.executeSql("INSERT INTO t SELECT * FROM generated").await();

        assertThat(FAILED_ONCE).as("the job was killed once").isTrue();
        Map<String, Long> highest = new TreeMap<>();
        for (long i = 0; i < FAILOVER_ROWS; i++) {
            highest.merge("k" + (i % FAILOVER_IDS), scrambled(i), Math::max);
        }
        Map<String, Long> stored = new TreeMap<>();
        documentsById().forEach((id, document) -> stored.put(id, document.get("v").asLong()));
        assertThat(stored).isEqualTo(highest);
    }

    /** A permutation of 0..FAILOVER_ROWS-1 that is far from sorted. */
    private static long scrambled(long i) {
        return (i * 7_919) % FAILOVER_ROWS;
    }

    /** Throws once, past the middle, when at least one checkpoint has completed. */
    static final class FailOnceAfterACheckpoint
            implements MapFunction<Row, Row>, CheckpointListener {
        @Override
        public Row map(Row row) {
            if (Long.parseLong(((String) row.getField(3)).substring(1)) > FAILOVER_ROWS / 2
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

    // ---- helpers -----------------------------------------------------------------------------

    private static final RowTypeInfo ROW =
            new RowTypeInfo(
                    new TypeInformation<?>[] {Types.STRING, Types.STRING, Types.LONG, Types.STRING},
                    new String[] {"id", "pk", "v", "val"});

    private static int views;

    /** One row per id {@code i<from>..i<to-1>}: id, pk, version, value. */
    private static List<Row> rows(
            int from, int to, java.util.function.IntUnaryOperator version, String value) {
        List<Row> rows = new ArrayList<>();
        IntStream.range(from, to)
                .forEach(
                        i ->
                                rows.add(
                                        Row.of(
                                                "i" + i,
                                                "p" + (i % 7),
                                                (long) version.applyAsInt(i),
                                                value)));
        return rows;
    }

    /**
     * {@code INSERT INTO table SELECT * FROM} a new view of the rows: a DataStream source, as a
     * long VALUES list would become a union of one operator per row.
     */
    private static String insert(
            StreamTableEnvironment sql, String table, List<Row> rows, RowTypeInfo type) {
        String view = "source" + (++views);
        StreamExecutionEnvironment env = env(sql);
        sql.createTemporaryView(view, env.fromData(rows, type));
        return "INSERT INTO " + table + " SELECT * FROM " + view;
    }

    private static String insert(StreamTableEnvironment sql, String table, List<Row> rows) {
        return insert(sql, table, rows, ROW);
    }

    private static final RowTypeInfo WIDE = wideType();

    private static RowTypeInfo wideType() {
        TypeInformation<?>[] types = new TypeInformation<?>[25];
        String[] names = new String[25];
        types[0] = Types.STRING;
        names[0] = "id";
        types[1] = Types.STRING;
        names[1] = "pk";
        types[2] = Types.LONG;
        names[2] = "v";
        for (int c = 0; c < 22; c++) {
            types[3 + c] = Types.STRING;
            names[3 + c] = "c" + c;
        }
        return new RowTypeInfo(types, names);
    }

    private static List<Row> wideRows(int ids, long version, String prefix) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < ids; i++) {
            Row row = new Row(25);
            row.setField(0, "w" + i);
            row.setField(1, "p" + (i % 5));
            row.setField(2, version);
            for (int c = 0; c < 22; c++) {
                row.setField(3 + c, prefix + c);
            }
            rows.add(row);
        }
        return rows;
    }

    /** Runs rows into the versioned table {@code t} of a fresh environment. */
    private JobID run(List<Row> rows) throws Exception {
        StreamTableEnvironment sql = sqlEnvironment(2);
        sql.executeSql(raceTable("t", "upsert", 50));
        return run(sql, insert(sql, "t", rows));
    }

    private static JobID run(StreamTableEnvironment sql, String insert) throws Exception {
        TableResult result = sql.executeSql(insert);
        result.await();
        return result.getJobClient().orElseThrow().getJobID();
    }

    private String raceTable(String name, String mode, int batchSize) {
        return "CREATE TABLE "
                + name
                + " (id STRING, pk STRING, v BIGINT, val STRING, PRIMARY KEY (id, pk) NOT ENFORCED) "
                + versioned(
                        "cosmos.write.mode",
                        mode,
                        "sink.batch.max-size",
                        Integer.toString(batchSize));
    }

    /** The WITH clause of a table on container c versioned by column v, with more options. */
    private String versioned(String... more) {
        List<String> options =
                new ArrayList<>(
                        List.of(
                                "cosmos.write.version-column",
                                "v",
                                "sink.flush-buffer.timeout",
                                "10",
                                "cosmos.retry.backoff.initial-delay-ms",
                                "20",
                                "cosmos.retry.backoff.max-delay-ms",
                                "20"));
        options.addAll(List.of(more));
        return CosmosSql.with(COSMOS.endpoint(), database, "c", options.toArray(new String[0]));
    }

    private static final Map<StreamTableEnvironment, StreamExecutionEnvironment> ENVS =
            new java.util.IdentityHashMap<>();

    private static StreamTableEnvironment sqlEnvironment(int parallelism) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        StreamTableEnvironment sql = StreamTableEnvironment.create(env);
        ENVS.put(sql, env);
        return sql;
    }

    private static StreamExecutionEnvironment env(StreamTableEnvironment sql) {
        return ENVS.get(sql);
    }

    /** An environment with the view {@code changes}: the rows as a changelog keyed on id. */
    private static StreamTableEnvironment changelog(List<Row> rows) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        StreamTableEnvironment sql = StreamTableEnvironment.create(env);
        RowTypeInfo type =
                new RowTypeInfo(
                        new TypeInformation<?>[] {
                            Types.STRING, Types.STRING, Types.LONG, Types.STRING
                        },
                        new String[] {"id", "pk", "v", "val"});
        sql.createTemporaryView(
                "changes",
                sql.fromChangelogStream(
                        env.fromData(rows, type),
                        // The sink's own key, so that Flink 2.3 asks for no ON CONFLICT clause.
                        Schema.newBuilder().primaryKey("id", "pk").build(),
                        ChangelogMode.all()));
        return sql;
    }

    /** id → version/value/_etag of every document of container c. */
    private Map<String, String> snapshot() {
        Map<String, String> documents = new TreeMap<>();
        documentsById()
                .forEach(
                        (id, document) ->
                                documents.put(
                                        id,
                                        document.path("v").asText()
                                                + "/"
                                                + document.path("val").asText()
                                                + "/"
                                                + document.get("_etag").asText()));
        return documents;
    }

    private Map<String, JsonNode> documentsById() {
        Map<String, JsonNode> documents = new TreeMap<>();
        COSMOS.containers()
                .documents(database, "c")
                .forEach(document -> documents.put(document.get("id").asText(), document));
        return documents;
    }

    private static String planningError(StreamTableEnvironment sql, String insert) {
        Throwable error = catchThrowable(() -> sql.executeSql(insert).await());
        assertThat(error).as("the insert should fail").isNotNull();
        return ExceptionUtils.stringifyException(error);
    }

    private static long counter(JobID job, String name) {
        Map<String, org.apache.flink.metrics.Metric> metrics =
                REPORTER.findMetrics(job, CosmosSinkMetrics.GROUP + "\\." + name + "$");
        assertThat(metrics).as("metric %s", name).isNotEmpty();
        return metrics.values().stream().mapToLong(m -> ((Counter) m).getCount()).sum();
    }
}
