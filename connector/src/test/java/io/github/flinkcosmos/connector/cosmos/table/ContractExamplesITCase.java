package io.github.flinkcosmos.connector.cosmos.table;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinkcosmos.connector.cosmos.testing.CosmosEnvironment;
import io.github.flinkcosmos.connector.cosmos.testing.CosmosTestContainers;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The SQL examples of the behaviour contract, run with Flink SQL on a MiniCluster. Only the
 * COSMOS.endpoint(), the key and the gateway connection mode are filled in; everything else is as
 * the contract writes it, except that the column {@code value} is quoted as {@code `value`}: VALUE
 * is a reserved word in Flink SQL, and Flink's parser rejects the contract's unquoted form.
 */
class ContractExamplesITCase {
    @RegisterExtension static final CosmosEnvironment COSMOS = new CosmosEnvironment();

    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private String database;
    private TableEnvironment sql;

    @BeforeEach
    void newDatabase() {
        database = CosmosTestContainers.uniqueDatabase("contract");
        sql = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
    }

    @AfterEach
    void dropDatabase() {
        COSMOS.containers().dropDatabase(database);
    }

    /** The contract's DDL with its placeholders filled in for the test COSMOS.endpoint(). */
    private String contract(String ddl) {
        return ddl.replace(
                        "https://<account>.documents.azure.com:443/",
                        COSMOS.endpoint().uri().toString())
                .replace(
                        "https://<your-account>.documents.azure.com:443/",
                        COSMOS.endpoint().uri().toString())
                .replace("${secret_values.cosmos_key}", COSMOS.endpoint().key())
                .replace("'myDatabase'", "'" + database + "'")
                .replace("'testDB'", "'" + database + "'")
                .replace("'<your-database>'", "'" + database + "'")
                .replace("'<your-container>'", "'myContainer'")
                .replace(
                        "'connector' = 'cosmos',",
                        "'connector' = 'cosmos',\n'cosmos.connection-mode' = 'gateway',");
    }

    @Test
    void basicSinkWithASinglePartitionKeyWritesFromASource() throws Exception {
        COSMOS.containers().create(database, "myContainer", "/pk");
        sql.executeSql(
                contract(
                        """
                        CREATE TABLE cosmos_sink (
                        id STRING,
                        pk STRING,
                        `value` DOUBLE,
                        PRIMARY KEY (id, pk) NOT ENFORCED
                        ) WITH (
                        'connector' = 'cosmos',
                        'cosmos.endpoint' = 'https://<account>.documents.azure.com:443/',
                        'cosmos.key' = '${secret_values.cosmos_key}',
                        'cosmos.database' = 'myDatabase',
                        'cosmos.container' = 'myContainer'
                        )"""));
        sql.executeSql(
                "CREATE TEMPORARY VIEW source_table AS SELECT * FROM (VALUES"
                        + " ('1', 'a', 1.5), ('2', 'b', 2.5), ('3', 'a', 3.5)) AS t(id, pk, `value`)");

        sql.executeSql(
                        "INSERT INTO cosmos_sink\nSELECT id, pk, `value`\nFROM source_table;"
                                .replace(";", ""))
                .await();

        assertThat(COSMOS.containers().documents(database, "myContainer"))
                .extracting(ContractExamplesITCase::summary)
                .containsExactlyInAnyOrder("1/a value=1.5", "2/b value=2.5", "3/a value=3.5");
    }

    @Test
    void aPrimaryKeyOfIdAloneReadsThePartitionKeyFromTheContainer() throws Exception {
        COSMOS.containers().create(database, "myContainer", "/id");
        sql.executeSql(
                contract(
                        """
                        CREATE TABLE cosmos_sink (
                        id STRING,
                        val DOUBLE,
                        PRIMARY KEY (id) NOT ENFORCED
                        ) WITH (
                        'connector' = 'cosmos',
                        'cosmos.endpoint' = 'https://<account>.documents.azure.com:443/',
                        'cosmos.key' = '${secret_values.cosmos_key}',
                        'cosmos.database' = 'myDatabase',
                        'cosmos.container' = 'myContainer'
                        )"""));

        sql.executeSql("INSERT INTO cosmos_sink VALUES ('x', 1.0), ('y', 2.0)").await();

        assertThat(COSMOS.containers().documents(database, "myContainer"))
                .extracting(d -> d.get("id").asText() + "=" + d.get("val").asDouble())
                .containsExactlyInAnyOrder("x=1.0", "y=2.0");
    }

    @Test
    void writesWithPreferredRegions() throws Exception {
        COSMOS.containers().create(database, "myContainer", "/pk");
        sql.executeSql(
                contract(
                        """
                        CREATE TABLE cosmos_sink_regional (
                        id STRING,
                        pk STRING,
                        event_time TIMESTAMP(3),
                        PRIMARY KEY (id, pk) NOT ENFORCED
                        ) WITH (
                        'connector' = 'cosmos',
                        'cosmos.endpoint' = 'https://<account>.documents.azure.com:443/',
                        'cosmos.key' = '${secret_values.cosmos_key}',
                        'cosmos.database' = 'myDatabase',
                        'cosmos.container' = 'myContainer',
                        'cosmos.preferred-regions' = 'West Europe,North Europe'
                        )"""));

        sql.executeSql(
                        "INSERT INTO cosmos_sink_regional VALUES"
                                + " ('e1', 'p', TIMESTAMP '2026-11-21 10:15:30.123')")
                .await();

        assertThat(COSMOS.containers().documents(database, "myContainer"))
                .extracting(d -> d.get("event_time").asText())
                .containsExactly("2026-11-21T10:15:30.123");
    }

    @Test
    void autoCreatesTheContainerFromPartitionedBy() throws Exception {
        sql.executeSql(
                contract(
                        """
                        CREATE TABLE cosmos_sink (
                        id STRING,
                        tenant STRING,
                        val DOUBLE,
                        PRIMARY KEY (id, tenant) NOT ENFORCED
                        ) PARTITIONED BY (tenant)
                        WITH (
                        'connector' = 'cosmos',
                        'cosmos.endpoint' = 'https://<account>.documents.azure.com:443/',
                        'cosmos.key' = '${secret_values.cosmos_key}',
                        'cosmos.database' = 'myDatabase',
                        'cosmos.container' = 'myNewContainer',
                        'cosmos.auto-create' = 'true'
                        )"""));

        sql.executeSql("INSERT INTO cosmos_sink VALUES ('1', 'acme', 1.0), ('2', 'globex', 2.0)")
                .await();
        // A second run finds everything in place.
        sql.executeSql("INSERT INTO cosmos_sink VALUES ('3', 'acme', 3.0)").await();

        assertThat(COSMOS.containers().partitionKeyPaths(database, "myNewContainer"))
                .containsExactly("/tenant");
        assertThat(COSMOS.containers().documents(database, "myNewContainer")).hasSize(3);
    }

    @Test
    void autoCreateFailsWhenTheContainerHasAnotherPartitionKey() {
        COSMOS.containers().create(database, "myNewContainer", "/region");
        sql.executeSql(
                contract(
                        """
                        CREATE TABLE cosmos_sink (
                        id STRING,
                        tenant STRING,
                        PRIMARY KEY (id, tenant) NOT ENFORCED
                        ) PARTITIONED BY (tenant)
                        WITH (
                        'connector' = 'cosmos',
                        'cosmos.endpoint' = 'https://<account>.documents.azure.com:443/',
                        'cosmos.key' = '${secret_values.cosmos_key}',
                        'cosmos.database' = 'myDatabase',
                        'cosmos.container' = 'myNewContainer',
                        'cosmos.auto-create' = 'true'
                        )"""));

        assertThatThrownBy(
                        () ->
                                sql.executeSql("INSERT INTO cosmos_sink VALUES ('1', 'acme')")
                                        .await())
                .hasStackTraceContaining(
                        "exists with partition key [/region], but the table's PARTITIONED BY"
                                + " clause gives [/tenant]");
    }

    @Test
    void endToEndExampleStreamsGeneratedRows() throws Exception {
        COSMOS.containers().create(database, "testContainer", "/pk");
        sql.executeSql(
                """
                CREATE TABLE gen_src (
                id STRING,
                pk STRING,
                `value` DOUBLE
                ) WITH (
                'connector' = 'datagen',
                'rows-per-second' = '10'
                )""");
        sql.executeSql(
                contract(
                        """
                        CREATE TABLE cosmos_output (
                        id STRING,
                        pk STRING,
                        `value` DOUBLE,
                        PRIMARY KEY (id, pk) NOT ENFORCED
                        ) WITH (
                        'connector' = 'cosmos',
                        'cosmos.endpoint' = 'https://<account>.documents.azure.com:443/',
                        'cosmos.key' = '${secret_values.cosmos_key}',
                        'cosmos.database' = 'testDB',
                        'cosmos.container' = 'testContainer'
                        )"""));

        TableResult running = sql.executeSql("INSERT INTO cosmos_output\nSELECT * FROM gen_src");
        JobClient job = running.getJobClient().orElseThrow();
        try {
            awaitDocuments("testContainer", 10, Duration.ofSeconds(60));
        } finally {
            job.cancel().get();
        }

        assertThat(COSMOS.containers().documents(database, "testContainer"))
                .allSatisfy(d -> assertThat(d.get("id").asText()).isNotEmpty());
    }

    private void awaitDocuments(String container, int atLeast, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (COSMOS.containers().documents(database, container).size() < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "Fewer than " + atLeast + " documents arrived within " + timeout);
            }
            Thread.sleep(200);
        }
    }

    private static String summary(JsonNode document) {
        return document.get("id").asText()
                + "/"
                + document.get("pk").asText()
                + " value="
                + document.get("value").asDouble();
    }
}
