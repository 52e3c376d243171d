package io.github.flinkcosmos.connector.cosmos.table;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinkcosmos.connector.cosmos.client.ConnectionMode;
import io.github.flinkcosmos.connector.cosmos.sink.CosmosDocument;
import io.github.flinkcosmos.connector.cosmos.sink.CosmosSink;
import io.github.flinkcosmos.connector.cosmos.sink.CosmosSinkMetrics;
import io.github.flinkcosmos.connector.cosmos.sink.WriteMode;
import io.github.flinkcosmos.connector.cosmos.testing.CosmosEnvironment;
import io.github.flinkcosmos.connector.cosmos.testing.CosmosSql;
import io.github.flinkcosmos.connector.cosmos.testing.CosmosTestContainers;
import io.github.flinkcosmos.embedded.docs.DocsFragment;
import io.github.flinkcosmos.embedded.docs.SqlExample;
import io.github.flinkcosmos.embedded.faults.OperationFailure;
import io.github.flinkcosmos.embedded.faults.OperationKind;
import io.github.flinkcosmos.embedded.faults.OperationMatch;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.RowTypeInfo;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.TableEnvironment;
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

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** {@code cosmos.write.mode} create and patch, and {@code cosmos.write.delete-mode} soft-delete. */
class WriteModesITCase {
    @RegisterExtension static final CosmosEnvironment COSMOS = CosmosEnvironment.embeddedOnly();

    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setConfiguration(REPORTER.addToConfiguration(new Configuration()))
                            .build());

    private String database;
    private TableEnvironment sql;

    /** The endpoint's counts before a test's faults, for the patch-cycle tests. */
    private long patches404Before;

    private long creates409Before;

    @BeforeEach
    void newDatabase() {
        database = CosmosTestContainers.uniqueDatabase("modes");
        sql = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
    }

    @AfterEach
    void dropDatabase() {
        COSMOS.containers().dropDatabase(database);
    }

    @Test
    void createKeepsTheFirstRowsDocumentAndCountsTheSkippedOnes() throws Exception {
        COSMOS.containers().create(database, "c", "/pk");
        table("t", "v STRING", "cosmos.write.mode", "create");

        sql.executeSql("INSERT INTO t VALUES ('a', 'p', 'first'), ('b', 'p', 'first')").await();
        TableResult second =
                sql.executeSql("INSERT INTO t VALUES ('a', 'p', 'second'), ('c', 'p', 'second')");
        second.await();

        assertThat(values("c", "v")).isEqualTo(Map.of("a", "first", "b", "first", "c", "second"));
        JobID job = second.getJobClient().orElseThrow().getJobID();
        assertThat(counter(job, CosmosSinkMetrics.OPERATIONS_SKIPPED_EXISTING)).isEqualTo(1);
        assertThat(counter(job, CosmosSinkMetrics.OPERATIONS_FAILED)).isZero();
    }

    /** The reference page's example: two tables over one container, each with its own columns. */
    @Test
    void twoJobsPatchingTheirOwnColumnsMergeIntoOneDocument() throws Exception {
        COSMOS.containers().create(database, "customers", "/region");
        SqlExample example =
                DocsFragment.named("write-modes.md")
                        .under("Two jobs write their own columns of one document")
                        .connectedTo(COSMOS.endpoint().uri(), COSMOS.endpoint().key())
                        .withCosmosOption("cosmos.database", database)
                        .withCosmosOption("cosmos.connection-mode", "gateway");
        for (String statement : example.statements()) {
            sql.executeSql(statement);
        }

        sql.executeSql(
                        "INSERT INTO customer_profile VALUES ('ann', 'eu', 'Ann', 'ann@x'),"
                                + " ('bob', 'us', 'Bob', 'bob@x')")
                .await();
        sql.executeSql("INSERT INTO customer_activity VALUES ('ann', 'eu', 3), ('cid', 'us', 1)")
                .await();

        Map<String, String> documents = new TreeMap<>();
        for (JsonNode document : COSMOS.containers().documents(database, "customers")) {
            documents.put(
                    document.get("id").asText(),
                    "%s/%s/%s/%s"
                            .formatted(
                                    document.get("region").asText(),
                                    document.path("name").asText("-"),
                                    document.path("email").asText("-"),
                                    document.path("orders").asText("-")));
        }
        assertThat(documents)
                .isEqualTo(
                        Map.of(
                                "ann", "eu/Ann/ann@x/3",
                                "bob", "us/Bob/bob@x/-",
                                "cid", "us/-/-/1"));
    }

    @Test
    void aTableOfTwentyFiveNonKeyColumnsIsWrittenAsThreePatchesPerRow() throws Exception {
        COSMOS.containers().create(database, "c", "/pk");
        List<String> columns = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            columns.add("c" + i + " INT");
            values.add(Integer.toString(i));
        }
        table("wide", String.join(", ", columns), "cosmos.write.mode", "patch");
        String row = String.join(", ", values);
        // The first INSERT creates both documents; the second patches them, 3 parts each.
        sql.executeSql("INSERT INTO wide VALUES ('a', 'p', " + row + "), ('b', 'p', " + row + ")")
                .await();
        long patchesBefore = COSMOS.embedded().stats().operations(OperationKind.PATCH, 200);
        String changed = row.replaceFirst("^0", "100").replaceFirst("24$", "124");
        sql.executeSql("INSERT INTO wide VALUES ('a', 'p', " + changed + ")").await();

        assertThat(COSMOS.embedded().stats().operations(OperationKind.PATCH, 200) - patchesBefore)
                .isEqualTo(3);
        JsonNode a = document("c", "a");
        assertThat(a.get("c0").asInt()).isEqualTo(100);
        assertThat(a.get("c12").asInt()).isEqualTo(12);
        assertThat(a.get("c24").asInt()).isEqualTo(124);
        assertThat(document("c", "b").get("c24").asInt()).isEqualTo(24);
    }

    @Test
    void aPatchLeavesTheDocumentsOtherFieldsAloneAndSetsNullsUnlessTheyAreSkipped()
            throws Exception {
        COSMOS.containers().create(database, "c", "/pk");
        table("whole", "a INT, b INT, extra STRING", "cosmos.write.mode", "upsert");
        sql.executeSql(
                        "INSERT INTO whole VALUES ('x', 'p', 1, 2, 'kept'), ('y', 'p', 1, 2, 'kept')")
                .await();
        table("nulls", "a INT, b INT", "cosmos.write.mode", "patch");
        table(
                "skips",
                "a INT, b INT",
                "cosmos.write.mode",
                "patch",
                "cosmos.write.patch.skip-null-columns",
                "true");

        sql.executeSql("INSERT INTO nulls VALUES ('x', 'p', CAST(NULL AS INT), 3)").await();
        sql.executeSql("INSERT INTO skips VALUES ('y', 'p', CAST(NULL AS INT), 3)").await();

        JsonNode x = document("c", "x");
        assertThat(x.get("a").isNull()).isTrue();
        assertThat(x.get("b").asInt()).isEqualTo(3);
        assertThat(x.get("extra").asText()).isEqualTo("kept");
        JsonNode y = document("c", "y");
        assertThat(y.get("a").asInt()).isEqualTo(1);
        assertThat(y.get("b").asInt()).isEqualTo(3);
        assertThat(y.get("extra").asText()).isEqualTo("kept");
    }

    /** Another writer wins the race to create the document: the row is patched onto it. */
    @Test
    void aPatchWhoseCreateLosesTheRaceIsPatchedAgain() throws Exception {
        COSMOS.containers().create(database, "c", "/pk");
        table("t", "a INT", "cosmos.write.mode", "patch");
        long patches404 = COSMOS.embedded().stats().operations(OperationKind.PATCH, 404);
        COSMOS.embedded()
                .faults()
                .failOperations(
                        OperationMatch.kind(OperationKind.CREATE).and(OperationMatch.id("race")),
                        1,
                        OperationFailure.status(409));
        try {
            sql.executeSql("INSERT INTO t VALUES ('race', 'p', 7)").await();
        } finally {
            COSMOS.embedded().faults().clear();
        }

        assertThat(document("c", "race").get("a").asInt()).isEqualTo(7);
        // patch 404, create 409 (the injected winner), patch 404 again, create 201
        assertThat(COSMOS.embedded().stats().operations(OperationKind.PATCH, 404) - patches404)
                .isEqualTo(2);
    }

    @Test
    void aRetriedPartOfAWidePatchIsHarmless() throws Exception {
        COSMOS.containers().create(database, "c", "/pk");
        List<String> columns = new ArrayList<>();
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            columns.add("c" + i + " INT");
            first.add("0");
            second.add(Integer.toString(i));
        }
        table(
                "wide",
                String.join(", ", columns),
                "cosmos.write.mode",
                "patch",
                "cosmos.retry.backoff.initial-delay-ms",
                "10",
                "cosmos.retry.backoff.max-delay-ms",
                "10");
        sql.executeSql("INSERT INTO wide VALUES ('a', 'p', " + String.join(", ", first) + ")")
                .await();
        COSMOS.embedded()
                .faults()
                .failOperations(
                        OperationMatch.kind(OperationKind.PATCH).and(OperationMatch.id("a")),
                        2,
                        OperationFailure.status(503));
        try {
            sql.executeSql("INSERT INTO wide VALUES ('a', 'p', " + String.join(", ", second) + ")")
                    .await();
        } finally {
            COSMOS.embedded().faults().clear();
        }

        JsonNode a = document("c", "a");
        for (int i = 0; i < 25; i++) {
            assertThat(a.get("c" + i).asInt()).as("c" + i).isEqualTo(i);
        }
    }

    /**
     * Regression: the next part of a patch started with no retries, so a document that another
     * writer deletes after each first part and re-creates before each create kept the patch cycling
     * forever (part 2 finds nothing, the create finds the document, part 1 again, ...). The retries
     * now count across the parts, and the write gives up after {@code cosmos.retry.max-attempts}:
     * the job fails, naming the document and the option.
     */
    @Test
    void aDocumentThatKeepsVanishingBetweenPatchPartsFailsTheJobAfterTheRetries() throws Exception {
        String insert = patchWhileAnotherWriterDeletesAndRecreates("flaky");
        Throwable error;
        try {
            error = catchThrowable(() -> sql.executeSql(insert).await(60, TimeUnit.SECONDS));
        } finally {
            COSMOS.embedded().faults().clear();
        }

        assertThat(error).as("the job ends").isNotNull().isNotInstanceOf(TimeoutException.class);
        assertThat(ExceptionUtils.stringifyException(error))
                .contains("status 404, sub-status 0 for part 2 of 2 of the patch of id 'flaky'")
                .contains("after 2 retries, cosmos.retry.max-attempts");
        assertGaveUpAfterTwoCycles();
    }

    /** The same exhaustion, with a dead-letter container: the write becomes a dead letter. */
    @Test
    void aDocumentThatKeepsVanishingBetweenPatchPartsBecomesADeadLetter() throws Exception {
        COSMOS.containers().create(database, "dl", "/id");
        String insert =
                patchWhileAnotherWriterDeletesAndRecreates(
                        "flaky", "cosmos.dead-letter.container", "dl");
        try {
            sql.executeSql(insert).await(60, TimeUnit.SECONDS);
        } finally {
            COSMOS.embedded().faults().clear();
        }

        assertGaveUpAfterTwoCycles();
        List<JsonNode> letters = COSMOS.containers().documents(database, "dl");
        assertThat(letters).hasSize(1);
        JsonNode letter = letters.get(0);
        assertThat(letter.get("originalId").asText()).isEqualTo("flaky");
        assertThat(letter.get("classification").asText()).isEqualTo("RETRIES_EXHAUSTED");
        assertThat(letter.get("statusCode").asInt()).isEqualTo(404);
        assertThat(letter.get("attempts").asInt()).isEqualTo(3);
        assertThat(letter.get("reason").asText())
                .contains("part 2 of 2 of the patch of id 'flaky'")
                .contains("after 2 retries, cosmos.retry.max-attempts");
        assertThat(document("c", "steady").get("c11").asInt()).isEqualTo(111);
    }

    /**
     * Writes {@code id} and {@code steady} with 12 non-key columns (a patch of 2 parts), then
     * programs another writer: every second patch of {@code id} finds no document (404) and every
     * create of it finds one (409).
     *
     * @return the INSERT that patches both documents with new values (111 for c11)
     */
    private String patchWhileAnotherWriterDeletesAndRecreates(String id, String... moreOptions) {
        COSMOS.containers().create(database, "c", "/pk");
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            columns.add("c" + i + " INT");
        }
        String row = "0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11";
        table("whole", String.join(", ", columns), "cosmos.write.mode", "upsert");
        try {
            sql.executeSql(
                            "INSERT INTO whole VALUES ('%s', 'p', %s), ('steady', 'p', %s)"
                                    .formatted(id, row, row))
                    .await();
        } catch (Exception e) {
            throw new AssertionError("writing the documents first failed", e);
        }
        List<String> options =
                new ArrayList<>(
                        List.of(
                                "cosmos.write.mode",
                                "patch",
                                "cosmos.retry.max-attempts",
                                "2",
                                "cosmos.retry.backoff.initial-delay-ms",
                                "10",
                                "cosmos.retry.backoff.max-delay-ms",
                                "10"));
        options.addAll(List.of(moreOptions));
        table("wide", String.join(", ", columns), options.toArray(new String[0]));
        patches404Before = COSMOS.embedded().stats().operations(OperationKind.PATCH, 404);
        creates409Before = COSMOS.embedded().stats().operations(OperationKind.CREATE, 409);
        AtomicInteger patches = new AtomicInteger();
        COSMOS.embedded()
                .faults()
                .failOperations(
                        OperationMatch.kind(OperationKind.PATCH)
                                .and(OperationMatch.id(id))
                                .and(operation -> patches.incrementAndGet() % 2 == 0),
                        Integer.MAX_VALUE,
                        OperationFailure.status(404))
                .failOperations(
                        OperationMatch.kind(OperationKind.CREATE).and(OperationMatch.id(id)),
                        Integer.MAX_VALUE,
                        OperationFailure.status(409));
        String changed = row.replace("11", "111");
        return "INSERT INTO wide VALUES ('%s', 'p', %s), ('steady', 'p', %s)"
                .formatted(id, changed, changed);
    }

    /** Part 1 (200), part 2 (404), create (409), part 1 (200), part 2 (404): out of retries. */
    private void assertGaveUpAfterTwoCycles() {
        assertThat(
                        COSMOS.embedded().stats().operations(OperationKind.PATCH, 404)
                                - patches404Before)
                .isEqualTo(2);
        assertThat(
                        COSMOS.embedded().stats().operations(OperationKind.CREATE, 409)
                                - creates409Before)
                .isEqualTo(1);
    }

    /** The DataStream API has the same concept: each job sets the fields of its JSON. */
    @Test
    void aDataStreamSinkInPatchModeSetsTheFieldsOfItsJson() throws Exception {
        COSMOS.containers().create(database, "c", "/pk");
        for (String json :
                List.of(
                        "{\"id\":\"a\",\"pk\":\"p\",\"x\":1}",
                        "{\"id\":\"a\",\"pk\":\"p\",\"y\":2}")) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(1);
            env.fromData(json)
                    .sinkTo(
                            CosmosSink.<String>builder()
                                    .setEndpoint(COSMOS.endpoint().uri().toString())
                                    .setAccountKey(COSMOS.endpoint().key())
                                    .setDatabase(database)
                                    .setContainer("c")
                                    .setConnectionMode(ConnectionMode.GATEWAY)
                                    .setPartitionKeyPaths("/pk")
                                    .setWriteMode(WriteMode.PATCH)
                                    .setDocumentConverter(
                                            text ->
                                                    CosmosDocument.of(
                                                            "a",
                                                            List.of("p"),
                                                            text.getBytes(StandardCharsets.UTF_8)))
                                    .build());
            env.execute("patch " + json);
        }

        JsonNode a = document("c", "a");
        assertThat(a.get("x").asInt()).isEqualTo(1);
        assertThat(a.get("y").asInt()).isEqualTo(2);
    }

    @Test
    void softDeleteMarksTheDocumentAndGivesItATtlOnAnAutoCreatedContainer() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        StreamTableEnvironment stream = StreamTableEnvironment.create(env);
        // Rows of one document within a flush collapse: the deletes come in a job of their own.
        List<Row> changes =
                List.of(
                        Row.ofKind(RowKind.DELETE, "a", "p", 1L),
                        Row.ofKind(RowKind.DELETE, "gone", "p", 0L));
        stream.createTemporaryView(
                "changes",
                stream.fromChangelogStream(
                        env.fromData(
                                changes,
                                new RowTypeInfo(
                                        new TypeInformation<?>[] {
                                            Types.STRING, Types.STRING, Types.LONG
                                        },
                                        new String[] {"id", "pk", "n"})),
                        Schema.newBuilder().primaryKey("id", "pk").build(),
                        ChangelogMode.upsert()));
        stream.executeSql(
                "CREATE TABLE t (id STRING, pk STRING, n BIGINT, PRIMARY KEY (id, pk) NOT ENFORCED)"
                        + " PARTITIONED BY (pk) "
                        + CosmosSql.with(
                                COSMOS.endpoint(),
                                database,
                                "c",
                                "cosmos.auto-create",
                                "true",
                                "cosmos.write.delete-mode",
                                "soft-delete",
                                "cosmos.write.soft-delete.marker-field",
                                "removed",
                                "cosmos.write.soft-delete.ttl-seconds",
                                "60"));

        stream.executeSql("INSERT INTO t VALUES ('a', 'p', 1), ('b', 'p', 2)").await();
        stream.executeSql("INSERT INTO t SELECT * FROM changes").await();

        assertThat(COSMOS.containers().defaultTimeToLive(database, "c")).isEqualTo(-1);
        JsonNode a = document("c", "a");
        assertThat(a.get("removed").asBoolean()).isTrue();
        assertThat(a.get("ttl").asInt()).isEqualTo(60);
        JsonNode b = document("c", "b");
        assertThat(b.has("removed")).isFalse();
        assertThat(b.has("ttl")).isFalse();
        assertThat(COSMOS.containers().documents(database, "c")).hasSize(2);
    }

    /** The service removes a soft-deleted document once its ttl is over; the others stay. */
    @Test
    void aSoftDeletedDocumentVanishesAfterItsTtl() throws Exception {
        COSMOS.containers().createWithTimeToLive(database, "c", "/pk");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        StreamTableEnvironment stream = StreamTableEnvironment.create(env);
        stream.createTemporaryView(
                "changes",
                stream.fromChangelogStream(
                        env.fromData(
                                List.of(Row.ofKind(RowKind.DELETE, "a", "p", 1L)),
                                new RowTypeInfo(
                                        new TypeInformation<?>[] {
                                            Types.STRING, Types.STRING, Types.LONG
                                        },
                                        new String[] {"id", "pk", "n"})),
                        Schema.newBuilder().primaryKey("id", "pk").build(),
                        ChangelogMode.upsert()));
        stream.executeSql(
                "CREATE TABLE t (id STRING, pk STRING, n BIGINT, PRIMARY KEY (id, pk) NOT ENFORCED) "
                        + CosmosSql.with(
                                COSMOS.endpoint(),
                                database,
                                "c",
                                "cosmos.write.delete-mode",
                                "soft-delete",
                                "cosmos.write.soft-delete.ttl-seconds",
                                "1"));
        stream.executeSql("INSERT INTO t VALUES ('a', 'p', 1), ('b', 'p', 2)").await();

        stream.executeSql("INSERT INTO t SELECT * FROM changes").await();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (values("c", "id").containsKey("a")) {
            assertThat(System.nanoTime()).as("'a' expired in time").isLessThan(deadline);
            Thread.sleep(100);
        }
        assertThat(values("c", "n")).isEqualTo(Map.of("b", "2"));
    }

    @Test
    void softDeleteFailsAtStartOnAContainerWithoutTimeToLive() {
        COSMOS.containers().create(database, "c", "/pk");
        table("t", "n BIGINT", "cosmos.write.delete-mode", "soft-delete");

        Throwable error =
                catchThrowable(() -> sql.executeSql("INSERT INTO t VALUES ('a', 'p', 1)").await());

        assertThat(ExceptionUtils.stringifyException(error))
                .contains("Container '" + database + "/c' has time-to-live off")
                .contains("'cosmos.write.delete-mode' = 'soft-delete'")
                .contains("defaultTimeToLive = -1");
    }

    @Test
    void optionsOfAModeTheTableDoesNotUseAreDdlErrorsNamingBothOptions() {
        COSMOS.containers().create(database, "c", "/pk");
        String[][] misuses = {
            {"cosmos.write.soft-delete.marker-field", "gone", "cosmos.write.delete-mode"},
            {"cosmos.write.soft-delete.ttl-seconds", "10", "cosmos.write.delete-mode"},
            {"cosmos.write.patch.skip-null-columns", "true", "cosmos.write.mode"},
        };
        for (String[] misuse : misuses) {
            String name = "t" + Math.abs(misuse[0].hashCode());
            table(name, "n BIGINT", misuse[0], misuse[1]);
            Throwable error =
                    catchThrowable(
                            () ->
                                    sql.executeSql("INSERT INTO " + name + " VALUES ('a', 'p', 1)")
                                            .await());
            assertThat(ExceptionUtils.stringifyException(error))
                    .as(misuse[0])
                    .contains("'" + misuse[0] + "'")
                    .contains("'" + misuse[2] + "'");
        }
    }

    @Test
    void softDeleteWithCreateOrPatchIsAPlanningErrorNamingBothOptions() {
        COSMOS.containers().create(database, "c", "/pk");
        for (String mode : List.of("create", "patch")) {
            table(
                    "soft_" + mode,
                    "n BIGINT",
                    "cosmos.write.delete-mode",
                    "soft-delete",
                    "cosmos.write.mode",
                    mode);
            Throwable error =
                    catchThrowable(
                            () ->
                                    sql.executeSql(
                                                    "INSERT INTO soft_"
                                                            + mode
                                                            + " VALUES ('a', 'p', 1)")
                                            .await());
            assertThat(ExceptionUtils.stringifyException(error))
                    .as(mode)
                    .contains(
                            "Option 'cosmos.write.delete-mode' = 'soft-delete' needs"
                                    + " 'cosmos.write.mode' = 'upsert', but it is '%s'"
                                            .formatted(mode));
        }
        assertThat(COSMOS.containers().documents(database, "c")).isEmpty();
    }

    private void table(String name, String columns, String... options) {
        String[] all = new String[options.length + 2];
        System.arraycopy(options, 0, all, 0, options.length);
        all[options.length] = "sink.flush-buffer.timeout";
        all[options.length + 1] = "10";
        sql.executeSql(
                "CREATE TABLE %s (id STRING, pk STRING, %s, PRIMARY KEY (id, pk) NOT ENFORCED) %s"
                        .formatted(
                                name,
                                columns,
                                CosmosSql.with(COSMOS.endpoint(), database, "c", all)));
    }

    private Map<String, String> values(String container, String field) {
        return COSMOS.containers().documents(database, container).stream()
                .collect(
                        Collectors.toMap(
                                document -> document.get("id").asText(),
                                document -> document.get(field).asText()));
    }

    private JsonNode document(String container, String id) {
        return COSMOS.containers().documents(database, container).stream()
                .filter(document -> document.get("id").asText().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no document " + id));
    }

    private static long counter(JobID job, String name) {
        Collection<Metric> metrics =
                REPORTER.findMetrics(job, CosmosSinkMetrics.GROUP + "\\." + name + "$").values();
        assertThat(metrics).as("metric %s", name).isNotEmpty();
        return metrics.stream().mapToLong(m -> ((Counter) m).getCount()).sum();
    }
}
