package io.github.flinkcosmos.connector.cosmos.sink;

import io.github.flinkcosmos.connector.cosmos.client.ConnectionMode;
import io.github.flinkcosmos.connector.cosmos.testing.CosmosEnvironment;
import io.github.flinkcosmos.connector.cosmos.testing.CosmosSql;
import io.github.flinkcosmos.connector.cosmos.testing.CosmosTestContainers;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A row that breaks one of the service's limits fails the job with a message naming the document
 * and the limit, after the rows before it were written; it is never sent.
 */
class ServiceLimitsITCase {
    @RegisterExtension static final CosmosEnvironment COSMOS = new CosmosEnvironment();

    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private String database;

    @BeforeEach
    void newContainer() {
        database = CosmosTestContainers.uniqueDatabase("limits");
        COSMOS.containers().create(database, "c", "/pk");
    }

    @AfterEach
    void dropDatabase() {
        COSMOS.containers().dropDatabase(database);
    }

    /**
     * Each row is literals, made long by REPEAT over its own columns: rows of expressions that
     * differ would be planned as a union, whose inputs need not arrive in order.
     */
    private static final String ROWS =
            """
            INSERT INTO t SELECT REPEAT(id, ids), REPEAT(pk, pks), REPEAT(v, vs) FROM (VALUES
              ('a', 1, 'p', 1, 'v', 1), ('b', 1, 'p', 1, 'v', 1), (%s), ('c', 1, 'p', 1, 'v', 1))
              AS r(id, ids, pk, pks, v, vs)""";

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "an empty id          | '', 1, 'p', 1, 'v', 1         | A row has an empty id",
                "an id of 1100 bytes  | 'x', 1100, 'p', 1, 'v', 1     | is 1,100 bytes long, but a Cosmos DB document id holds at most 1,023 bytes (idMaxBytes)",
                "an id with a slash   | 'tenant/7', 1, 'p', 1, 'v', 1 | The id starting 'tenant/7' (8 bytes) contains '/'",
                "a long partition key | 'd9', 1, 'p', 2049, 'v', 1    | The partition-key value of document 'd9' is 2,049 bytes, but Cosmos DB allows at most 2,048 bytes (partitionKeyMaxBytes)",
                "a document over 2 MB | 'd9', 1, 'p', 1, 'x', 2100000 | Document 'd9' is 2,100,027 bytes of JSON, but Cosmos DB allows at most 2,097,152 bytes for a document (documentMaxBytes)",
            })
    void failsTheJobNamingTheLimitAfterWritingTheRowsBeforeIt(
            String name, String badRow, String message) {
        TableEnvironment sql = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        // One writer, so that "before" is the order of the VALUES.
        sql.getConfig().set("parallelism.default", "1");
        sql.executeSql(
                "CREATE TABLE t (id STRING, pk STRING, v STRING, PRIMARY KEY (id, pk) NOT ENFORCED) "
                        + CosmosSql.with(COSMOS.endpoint(), database, "c"));

        Throwable error = catchThrowable(() -> sql.executeSql(ROWS.formatted(badRow)).await());

        assertThat(error).as("the job fails").isNotNull();
        assertThat(ExceptionUtils.stringifyException(error))
                .contains(
                        "Cosmos DB would refuse a row, so the sink did not send it to %s/c: "
                                .formatted(database))
                .contains(message)
                .doesNotContain("x".repeat(100))
                .doesNotContain(COSMOS.endpoint().key());
        assertThat(COSMOS.containers().documents(database, "c"))
                .extracting(d -> d.get("id").asText())
                .containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void aVersion1ContainerTakesPartitionKeyValuesUpTo101Bytes() {
        COSMOS.containers().createWithVersion1PartitionKey(database, "v1", "/pk");
        TableEnvironment sql = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        sql.getConfig().set("parallelism.default", "1");
        sql.executeSql(
                "CREATE TABLE t (id STRING, pk STRING, PRIMARY KEY (id, pk) NOT ENFORCED) "
                        + CosmosSql.with(COSMOS.endpoint(), database, "v1"));

        Throwable error =
                catchThrowable(
                        () ->
                                sql.executeSql(
                                                "INSERT INTO t SELECT id, REPEAT('p', n) FROM"
                                                        + " (VALUES ('a', 101), ('b', 102)) AS r(id, n)")
                                        .await());

        assertThat(ExceptionUtils.stringifyException(error))
                .contains(
                        "The partition-key value of document 'b' is 102 bytes, but the container's"
                                + " partition key has the version 1 definition, which hashes only"
                                + " the first 101 bytes (partitionKeyV1MaxBytes)");
        assertThat(COSMOS.containers().documents(database, "v1"))
                .extracting(d -> d.get("id").asText())
                .containsExactly("a");
    }

    /** Regression: auto-create made single-path containers with the 101-byte definition. */
    @Test
    void anAutoCreatedContainerTakesPartitionKeyValuesOf2048Bytes() throws Exception {
        TableEnvironment sql = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        sql.executeSql(
                "CREATE TABLE t (id STRING, pk STRING, PRIMARY KEY (id, pk) NOT ENFORCED)"
                        + " PARTITIONED BY (pk) "
                        + CosmosSql.with(
                                COSMOS.endpoint(), database, "made", "cosmos.auto-create", "true"));

        sql.executeSql("INSERT INTO t VALUES ('a', REPEAT('p', 2048))").await();

        assertThat(COSMOS.containers().documents(database, "made")).hasSize(1);
    }

    /** Nesting cannot get deep in a table; a DataStream converter's own JSON can. */
    @Test
    void failsADataStreamJobWhoseDocumentNestsDeeperThan128Levels() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        CosmosSink<String> sink =
                CosmosSink.<String>builder()
                        .setEndpoint(COSMOS.endpoint().uri().toString())
                        .setAccountKey(COSMOS.endpoint().key())
                        .setDatabase(database)
                        .setContainer("c")
                        .setConnectionMode(ConnectionMode.GATEWAY)
                        .setPartitionKeyPaths("/pk")
                        .setDocumentConverter(ServiceLimitsITCase::document)
                        .build();
        env.fromData(List.of("a", "b", "deep", "c")).sinkTo(sink);

        Throwable error = catchThrowable(() -> env.execute("deep nesting"));

        assertThat(ExceptionUtils.stringifyException(error))
                .contains(
                        "Document 'deep' nests 130 levels deep, but Cosmos DB allows at most 128"
                                + " (nestingMaxDepth)");
        assertThat(COSMOS.containers().documents(database, "c"))
                .extracting(d -> d.get("id").asText())
                .containsExactlyInAnyOrder("a", "b");
    }

    private static CosmosDocument document(String id) {
        String value = id.equals("deep") ? "[".repeat(129) + "]".repeat(129) : "1";
        String json = "{\"id\":\"%s\",\"pk\":\"p\",\"v\":%s}".formatted(id, value);
        return CosmosDocument.of(id, List.of("p"), json.getBytes(StandardCharsets.UTF_8));
    }
}
