package io.github.flinkcosmos.connector.cosmos.table;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinkcosmos.connector.cosmos.testing.CosmosEnvironment;
import io.github.flinkcosmos.connector.cosmos.testing.CosmosSql;
import io.github.flinkcosmos.connector.cosmos.testing.CosmosTestContainers;
import io.github.flinkcosmos.embedded.docs.DocsFragment;
import io.github.flinkcosmos.embedded.docs.SqlExample;
import io.github.flinkcosmos.embedded.faults.OperationFailure;
import io.github.flinkcosmos.embedded.faults.OperationKind;
import io.github.flinkcosmos.embedded.faults.OperationMatch;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.RowTypeInfo;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code cosmos.write.delete-mode} = {@code delete} the container mirrors the query: after the
 * job it holds exactly the query's final result, which the test computes with Flink itself by
 * applying the query's changelog to a map keyed by the document id.
 */
class DeleteModeITCase {
    @RegisterExtension static final CosmosEnvironment COSMOS = CosmosEnvironment.embeddedOnly();

    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    /** Each key's running sum goes up and down, so groups leave a HAVING result and come back. */
    private static final String INCREMENTS =
            "CREATE TEMPORARY VIEW increments AS SELECT * FROM (VALUES "
                    + increments()
                    + ") AS t(id, n)";

    @Test
    void groupsThatLeaveAHavingResultLeaveTheContainer() throws Exception {
        String query =
                "SELECT id, 'p' AS pk, SUM(n) AS total FROM increments GROUP BY id"
                        + " HAVING SUM(n) BETWEEN 3 AND 9";

        assertContainerMirrors(query, "total", Map.of());
    }

    @Test
    void aTopThreeOverUpdatesKeepsOnlyTheCurrentTopThree() throws Exception {
        String query =
                "SELECT id, pk, total FROM ("
                        + " SELECT id, pk, total,"
                        + " ROW_NUMBER() OVER (PARTITION BY pk ORDER BY total DESC, id) AS rn"
                        + " FROM (SELECT id, 'p' AS pk, SUM(n) AS total FROM increments GROUP BY id))"
                        + " WHERE rn <= 3";

        Map<String, String> documents = assertContainerMirrors(query, "total", Map.of());
        assertThat(documents).hasSize(3);
    }

    @Test
    void aJoinOfTwoChangelogStreamsIsMirrored() throws Exception {
        String query =
                "SELECT a.id, 'p' AS pk, CAST(a.total + b.total AS BIGINT) AS total FROM"
                        + " (SELECT id, SUM(n) AS total FROM increments GROUP BY id"
                        + "  HAVING SUM(n) BETWEEN 3 AND 9) a"
                        + " JOIN (SELECT id, MAX(n) AS total FROM increments GROUP BY id) b"
                        + " ON a.id = b.id";

        assertContainerMirrors(query, "total", Map.of());
    }

    @Test
    void theHavingQueryIsMirroredDespiteFailedAndThrottledOperations() throws Exception {
        for (int k = 0; k < 4; k++) {
            COSMOS.embedded()
                    .faults()
                    .failOperations(
                            OperationMatch.kind(OperationKind.DELETE)
                                    .and(OperationMatch.id("k" + k)),
                            1,
                            OperationFailure.status(503))
                    .failOperations(
                            OperationMatch.kind(OperationKind.UPSERT)
                                    .and(OperationMatch.id("k" + (k + 4))),
                            1,
                            OperationFailure.throttled(Duration.ofMillis(20)));
        }
        String query =
                "SELECT id, 'p' AS pk, SUM(n) AS total FROM increments GROUP BY id"
                        + " HAVING SUM(n) BETWEEN 3 AND 9";
        try {
            assertContainerMirrors(
                    query,
                    "total",
                    Map.of(
                            "cosmos.retry.backoff.initial-delay-ms", "50",
                            "cosmos.retry.backoff.max-delay-ms", "50"));
            assertThat(COSMOS.embedded().stats().operations(OperationKind.DELETE, 503))
                    .isPositive();
            assertThat(COSMOS.embedded().stats().operations(OperationKind.UPSERT, 429))
                    .isPositive();
        } finally {
            COSMOS.embedded().faults().clear();
        }
    }

    @Test
    void aChangelogStreamIsMirroredAndItsDeletedRowsAreGone() throws Exception {
        String database = CosmosTestContainers.uniqueDatabase("deletes");
        // The partition key is a column outside the PRIMARY KEY, read from the container: the sink
        // then asks for full DELETE rows.
        COSMOS.containers().create(database, "accounts", "/tenant");
        StreamTableEnvironment sql = changelogSource();
        sql.executeSql(
                "CREATE TABLE accounts (id STRING, tenant STRING, balance BIGINT,"
                        + " PRIMARY KEY (id) NOT ENFORCED) "
                        + CosmosSql.with(
                                COSMOS.endpoint(),
                                database,
                                "accounts",
                                "cosmos.write.delete-mode",
                                "delete",
                                "sink.flush-buffer.timeout",
                                "10"));

        sql.executeSql("INSERT INTO accounts SELECT * FROM changes").await();

        assertThat(documents(database, "accounts", "balance"))
                .isEqualTo(Map.of("a", "t1/11", "c", "t2/31"));
        COSMOS.containers().dropDatabase(database);
    }

    @Test
    void withTheDefaultModeDeletedRowsStayAsUpsertsOfTheirLastValues() throws Exception {
        String database = CosmosTestContainers.uniqueDatabase("deletes");
        COSMOS.containers().create(database, "accounts", "/tenant");
        StreamTableEnvironment sql = changelogSource();
        sql.executeSql(
                "CREATE TABLE accounts (id STRING, tenant STRING, balance BIGINT,"
                        + " PRIMARY KEY (id) NOT ENFORCED) "
                        + CosmosSql.with(
                                COSMOS.endpoint(),
                                database,
                                "accounts",
                                "sink.flush-buffer.timeout",
                                "10"));

        sql.executeSql("INSERT INTO accounts SELECT * FROM changes").await();

        // The contract: a DELETE row is upserted like any other, UPDATE_BEFORE rows are skipped.
        assertThat(documents(database, "accounts", "balance"))
                .isEqualTo(Map.of("a", "t1/11", "b", "t1/21", "c", "t2/31", "d", "t2/40"));
        COSMOS.containers().dropDatabase(database);
    }

    /** The reference page's example, as it is written there, against retracted orders. */
    @Test
    void theReferencePagesExampleMirrorsTheActiveCustomers() throws Exception {
        String database = CosmosTestContainers.uniqueDatabase("deletes");
        COSMOS.containers().create(database, "activeCustomers", "/region");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        StreamTableEnvironment sql = StreamTableEnvironment.create(env);
        List<Row> orders =
                List.of(
                        Row.ofKind(RowKind.INSERT, "o1", "ann", "eu"),
                        Row.ofKind(RowKind.INSERT, "o2", "ann", "eu"),
                        Row.ofKind(RowKind.INSERT, "o3", "bob", "us"),
                        Row.ofKind(RowKind.INSERT, "o4", "bob", "us"),
                        Row.ofKind(RowKind.INSERT, "o5", "cid", "us"),
                        Row.ofKind(RowKind.DELETE, "o4", "bob", "us"));
        sql.createTemporaryView(
                "orders",
                sql.fromChangelogStream(
                        env.fromData(
                                orders,
                                new RowTypeInfo(
                                        new TypeInformation<?>[] {
                                            Types.STRING, Types.STRING, Types.STRING
                                        },
                                        new String[] {"order_id", "customer_id", "region"})),
                        Schema.newBuilder().primaryKey("order_id").build(),
                        ChangelogMode.all()));
        SqlExample example =
                DocsFragment.named("deletes.md")
                        .creating("cosmos_active_customers")
                        .connectedTo(COSMOS.endpoint().uri(), COSMOS.endpoint().key())
                        .withCosmosOption("cosmos.connection-mode", "gateway")
                        .withCosmosOption("cosmos.database", database);
        TableResult last = null;
        for (String statement : example.statements()) {
            last = sql.executeSql(statement);
        }
        last.await();

        assertThat(COSMOS.containers().documents(database, "activeCustomers"))
                .extracting(d -> d.get("id").asText() + "/" + d.get("orders").asLong())
                .containsExactly("ann/2");
        COSMOS.containers().dropDatabase(database);
    }

    /** +I, −U, +U and −D rows; b and d are deleted at the end, a and c updated. */
    private static StreamTableEnvironment changelogSource() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        StreamTableEnvironment sql = StreamTableEnvironment.create(env);
        List<Row> changes =
                List.of(
                        Row.ofKind(RowKind.INSERT, "a", "t1", 10L),
                        Row.ofKind(RowKind.INSERT, "b", "t1", 20L),
                        Row.ofKind(RowKind.INSERT, "c", "t2", 30L),
                        Row.ofKind(RowKind.INSERT, "d", "t2", 40L),
                        Row.ofKind(RowKind.UPDATE_BEFORE, "a", "t1", 10L),
                        Row.ofKind(RowKind.UPDATE_AFTER, "a", "t1", 11L),
                        Row.ofKind(RowKind.UPDATE_BEFORE, "b", "t1", 20L),
                        Row.ofKind(RowKind.UPDATE_AFTER, "b", "t1", 21L),
                        Row.ofKind(RowKind.DELETE, "b", "t1", 21L),
                        Row.ofKind(RowKind.DELETE, "d", "t2", 40L),
                        Row.ofKind(RowKind.UPDATE_BEFORE, "c", "t2", 30L),
                        Row.ofKind(RowKind.UPDATE_AFTER, "c", "t2", 31L));
        RowTypeInfo type =
                new RowTypeInfo(
                        new TypeInformation<?>[] {Types.STRING, Types.STRING, Types.LONG},
                        new String[] {"id", "tenant", "balance"});
        // The source's PRIMARY KEY gives the query the upsert key (id), the sink's own, so Flink
        // 2.3 asks for no ON CONFLICT clause.
        sql.createTemporaryView(
                "changes",
                sql.fromChangelogStream(
                        env.fromData(changes, type),
                        Schema.newBuilder().primaryKey("id").build(),
                        ChangelogMode.all()));
        return sql;
    }

    /**
     * Runs {@code query} into a delete-mode sink table and checks that the container holds what the
     * same query's changelog leaves: one document per id with the query's last value.
     *
     * @return the documents, id → pk/value
     */
    private static Map<String, String> assertContainerMirrors(
            String query, String valueColumn, Map<String, String> moreOptions) throws Exception {
        String database = CosmosTestContainers.uniqueDatabase("mirror");
        COSMOS.containers().create(database, "mirror", "/pk");
        StreamTableEnvironment sql = StreamTableEnvironment.create(parallelEnvironment());
        sql.executeSql(INCREMENTS);
        List<String> options =
                new ArrayList<>(
                        List.of(
                                "cosmos.write.delete-mode",
                                "delete",
                                "sink.batch.max-size",
                                "5",
                                "sink.flush-buffer.timeout",
                                "10"));
        moreOptions.forEach(
                (key, value) -> {
                    options.add(key);
                    options.add(value);
                });
        sql.executeSql(
                "CREATE TABLE mirror (id STRING, pk STRING, "
                        + valueColumn
                        + " BIGINT, PRIMARY KEY (id, pk) NOT ENFORCED) "
                        + CosmosSql.with(
                                COSMOS.endpoint(),
                                database,
                                "mirror",
                                options.toArray(new String[0])));

        Map<String, String> expected = finalResult(sql, query);
        sql.executeSql("INSERT INTO mirror " + query).await();

        Map<String, String> documents = documents(database, "mirror", valueColumn);
        assertThat(documents).isEqualTo(expected);
        COSMOS.containers().dropDatabase(database);
        return documents;
    }

    /** The query's final result by Flink itself: its changelog applied to a map keyed by id. */
    private static Map<String, String> finalResult(StreamTableEnvironment sql, String query)
            throws Exception {
        Map<String, String> result = new TreeMap<>();
        try (CloseableIterator<Row> rows = sql.executeSql(query).collect()) {
            while (rows.hasNext()) {
                Row row = rows.next();
                String id = (String) row.getField(0);
                if (row.getKind() == RowKind.INSERT || row.getKind() == RowKind.UPDATE_AFTER) {
                    result.put(id, row.getField(1) + "/" + row.getField(2));
                } else {
                    result.remove(id);
                }
            }
        }
        assertThat(result).as("the query's final result").isNotEmpty();
        return result;
    }

    private static Map<String, String> documents(
            String database, String container, String valueColumn) {
        Map<String, String> documents = new TreeMap<>();
        for (JsonNode document : COSMOS.containers().documents(database, container)) {
            String partitionKey =
                    document.has("pk")
                            ? document.get("pk").asText()
                            : document.get("tenant").asText();
            documents.put(
                    document.get("id").asText(),
                    partitionKey + "/" + document.get(valueColumn).asText());
        }
        return documents;
    }

    private static StreamExecutionEnvironment parallelEnvironment() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        return env;
    }

    /** Twelve keys; each key's running sum rises through 3..9 and beyond, then falls back. */
    private static String increments() {
        int[] steps = {1, 2, 3, 4, -3, -4, 5, -1};
        StringJoiner rows = new StringJoiner(",");
        for (int round = 0; round < steps.length; round++) {
            for (int k = 0; k < 12; k++) {
                int n = (k + round) % 3 == 0 ? steps[round] : steps[(round + k) % steps.length];
                rows.add("('k" + k + "', " + n + ")");
            }
        }
        return rows.toString();
    }
}
