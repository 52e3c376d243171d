package io.github.flinkcosmos.connector.cosmos.table;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinkcosmos.connector.cosmos.testing.CosmosEnvironment;
import io.github.flinkcosmos.connector.cosmos.testing.CosmosTestContainers;
import io.github.flinkcosmos.embedded.docs.DocsFragment;
import io.github.flinkcosmos.embedded.docs.SqlExample;
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
 * The reference page's SQL examples, read from its fragments in {@code spec/docs} and run with
 * Flink SQL on a MiniCluster, so an example that stops working fails the build. Only the endpoint,
 * the key, the connection mode and the database are changed (see {@link #runnable}); rows the
 * examples read from tables they do not define come from the test.
 */
class ContractExamplesITCase {
    @RegisterExtension static final CosmosEnvironment COSMOS = new CosmosEnvironment();

    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static final DocsFragment EXAMPLES = DocsFragment.named("examples.md");
    private static final DocsFragment PARTITION_KEYS = DocsFragment.named("partition-keys.md");
    private static final DocsFragment AUTO_CREATE = DocsFragment.named("auto-create.md");

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

    /** The example as the page writes it, pointed at the test endpoint. */
    private SqlExample runnable(SqlExample example) {
        return example.connectedTo(COSMOS.endpoint().uri(), COSMOS.endpoint().key())
                // The embedded endpoint and most emulators speak gateway mode only; the page
                // keeps the default, direct mode, which is what an Azure account should use.
                .withCosmosOption("cosmos.connection-mode", "gateway")
                // A database of the test's own, so runs against a real endpoint never meet.
                .withCosmosOption("cosmos.database", database);
    }

    /** Runs every statement; the result of the last one, an INSERT's job if it is one. */
    private TableResult run(SqlExample example) {
        TableResult last = null;
        for (String statement : example.statements()) {
            last = sql.executeSql(statement);
        }
        return last;
    }

    @Test
    void basicSinkWithASinglePartitionKeyWritesFromASource() throws Exception {
        COSMOS.containers().create(database, "orders", "/pk");
        run(runnable(PARTITION_KEYS.creating("cosmos_sink")));
        sql.executeSql(
                "CREATE TEMPORARY VIEW source_table AS SELECT * FROM (VALUES"
                        + " ('1', 'a', 1.5), ('2', 'b', 2.5), ('3', 'a', 3.5)) AS t(id, pk, amount)");

        sql.executeSql("INSERT INTO cosmos_sink SELECT id, pk, amount FROM source_table").await();

        assertThat(COSMOS.containers().documents(database, "orders"))
                .extracting(ContractExamplesITCase::summary)
                .containsExactlyInAnyOrder("1/a amount=1.5", "2/b amount=2.5", "3/a amount=3.5");
    }

    @Test
    void aPrimaryKeyOfIdAloneReadsThePartitionKeyFromTheContainer() throws Exception {
        COSMOS.containers().create(database, "customers", "/id");
        run(runnable(PARTITION_KEYS.creating("cosmos_customers")));

        sql.executeSql("INSERT INTO cosmos_customers VALUES ('x', 1.0), ('y', 2.0)").await();

        assertThat(COSMOS.containers().documents(database, "customers"))
                .extracting(d -> d.get("id").asText() + "=" + d.get("amount").asDouble())
                .containsExactlyInAnyOrder("x=1.0", "y=2.0");
    }

    @Test
    void writesWithPreferredRegions() throws Exception {
        COSMOS.containers().create(database, "myContainer", "/pk");
        run(runnable(EXAMPLES.creating("cosmos_regional")));

        sql.executeSql(
                        "INSERT INTO cosmos_regional VALUES"
                                + " ('e1', 'p', TIMESTAMP '2026-11-21 10:15:30.123')")
                .await();

        assertThat(COSMOS.containers().documents(database, "myContainer"))
                .extracting(d -> d.get("event_time").asText())
                .containsExactly("2026-11-21T10:15:30.123");
    }

    @Test
    void autoCreatesTheContainerFromPartitionedBy() throws Exception {
        run(runnable(AUTO_CREATE.creating("tenant_events")));

        sql.executeSql("INSERT INTO tenant_events VALUES ('1', 'acme', 'a'), ('2', 'globex', 'b')")
                .await();
        // A second run finds everything in place.
        sql.executeSql("INSERT INTO tenant_events VALUES ('3', 'acme', 'c')").await();

        assertThat(COSMOS.containers().partitionKeyPaths(database, "by_tenant"))
                .containsExactly("/tenant");
        assertThat(COSMOS.containers().documents(database, "by_tenant")).hasSize(3);
    }

    @Test
    void autoCreateFailsWhenTheContainerHasAnotherPartitionKey() {
        COSMOS.containers().create(database, "by_tenant", "/region");
        run(runnable(AUTO_CREATE.creating("tenant_events")));

        assertThatThrownBy(
                        () ->
                                sql.executeSql(
                                                "INSERT INTO tenant_events VALUES ('1', 'acme', 'a')")
                                        .await())
                .hasStackTraceContaining(
                        "exists with partition key [/region], but the table's PARTITIONED BY"
                                + " clause gives [/tenant]");
    }

    @Test
    void endToEndExampleStreamsGeneratedRows() throws Exception {
        COSMOS.containers().create(database, "testContainer", "/pk");

        // The example's source is unbounded: its job runs until the test has seen rows arrive.
        JobClient job =
                run(runnable(EXAMPLES.creating("cosmos_output"))).getJobClient().orElseThrow();
        try {
            awaitDocuments("testContainer", 10, Duration.ofSeconds(60));
        } finally {
            job.cancel().get();
        }

        assertThat(COSMOS.containers().documents(database, "testContainer"))
                .allSatisfy(d -> assertThat(d.get("id").asText()).isNotEmpty());
    }

    @Test
    void changelogExampleKeepsTheLatestValuePerKey() throws Exception {
        COSMOS.containers().create(database, "testContainer", "/pk");
        sql.executeSql(runnable(EXAMPLES.creating("cosmos_output")).createTable("cosmos_output"));
        sql.executeSql(
                "CREATE TEMPORARY VIEW payments AS SELECT * FROM (VALUES ('1', 'a', 1.5),"
                        + " ('2', 'b', 2.5), ('1', 'a', 2.0), ('1', 'a', 0.5)) AS t(id, pk, amount)");

        run(runnable(EXAMPLES.under("Keep the latest value per key from a changelog"))).await();

        assertThat(COSMOS.containers().documents(database, "testContainer"))
                .extracting(ContractExamplesITCase::summary)
                .containsExactlyInAnyOrder("1/a amount=4.0", "2/b amount=2.5");
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
                + " amount="
                + document.get("amount").asDouble();
    }
}
