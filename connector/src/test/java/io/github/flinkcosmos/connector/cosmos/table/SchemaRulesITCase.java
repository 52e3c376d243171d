package io.github.flinkcosmos.connector.cosmos.table;

import io.github.flinkcosmos.connector.cosmos.testing.CosmosEnvironment;
import io.github.flinkcosmos.connector.cosmos.testing.CosmosSql;
import io.github.flinkcosmos.connector.cosmos.testing.CosmosTestContainers;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The DDL rules and the partition-key derivations, checked when a query that writes to the table is
 * planned. Every message names the rule's subject and what to write instead, and none quotes the
 * account key.
 */
class SchemaRulesITCase {
    @RegisterExtension static final CosmosEnvironment COSMOS = new CosmosEnvironment();

    private String database;
    private TableEnvironment sql;

    @BeforeEach
    void newDatabase() {
        database = CosmosTestContainers.uniqueDatabase("rules");
        sql = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
    }

    @AfterEach
    void dropDatabase() {
        COSMOS.containers().dropDatabase(database);
    }

    @Test
    void reportsEveryBrokenRuleOfATableAtOnce() {
        String message =
                planningError(
                        "CREATE TABLE t (\n"
                                + "  ID STRING,\n"
                                + "  pk STRING,\n"
                                + "  tags ARRAY<STRING>,\n"
                                + "  total AS 1 + 1,\n"
                                + "  PRIMARY KEY (pk, tags) NOT ENFORCED\n"
                                + ") "
                                + CosmosSql.with(
                                        COSMOS.endpoint(),
                                        database,
                                        "c",
                                        "cosmos.retry.max-attempts",
                                        "0"),
                        "INSERT INTO t (ID, pk, tags) VALUES ('1', 'a', ARRAY['x'])");

        assertThat(message)
                .contains(
                        "The Cosmos DB sink table default_catalog.default_database.t is not valid:")
                .contains(
                        "Option 'cosmos.retry.max-attempts' is '0', but it must be an integer of at least 1.")
                .contains("The table has no column named 'id'. Add a column 'id STRING'")
                .contains("Columns total are computed or metadata columns")
                .contains("The PRIMARY KEY must include 'id', but it is (pk, tags).")
                .contains("Partition key column tags has type ARRAY<STRING>")
                .doesNotContain(COSMOS.endpoint().key());
    }

    @Test
    void requiresACharacterStringIdAndAPartitionedByForAutoCreate() {
        String message =
                planningError(
                        "CREATE TABLE t (id INT, pk STRING, PRIMARY KEY (id, pk) NOT ENFORCED) "
                                + CosmosSql.with(
                                        COSMOS.endpoint(),
                                        database,
                                        "c",
                                        "cosmos.auto-create",
                                        "true"),
                        "INSERT INTO t VALUES (1, 'a')");

        assertThat(message)
                .contains(
                        "Column 'id' has type INT NOT NULL, but Cosmos DB document ids are strings.")
                .contains(
                        "Option 'cosmos.auto-create' is true, but the table has no PARTITIONED BY clause")
                .doesNotContain(COSMOS.endpoint().key());
    }

    @Test
    void requiresThePrimaryKeyToMatchPartitionedByAndAtMostThreeLevels() {
        String mismatch =
                planningError(
                        "CREATE TABLE t (id STRING, a STRING, b STRING, PRIMARY KEY (id, b) NOT ENFORCED)"
                                + " PARTITIONED BY (a) "
                                + CosmosSql.with(
                                        COSMOS.endpoint(),
                                        database,
                                        "c",
                                        "cosmos.auto-create",
                                        "true"),
                        "INSERT INTO t VALUES ('1', 'x', 'y')");
        String tooDeep =
                planningError(
                        "CREATE TABLE u (id STRING, a STRING, b STRING, c STRING, d STRING,"
                                + " PRIMARY KEY (id, a, b, c, d) NOT ENFORCED) "
                                + CosmosSql.with(COSMOS.endpoint(), database, "c"),
                        "INSERT INTO u VALUES ('1', 'a', 'b', 'c', 'd')");

        assertThat(mismatch)
                .contains(
                        "The PRIMARY KEY (id, b) must be (id) or (id, <all partition key columns>),"
                                + " but the partition key is (a). Write PRIMARY KEY (id) NOT ENFORCED or"
                                + " PRIMARY KEY (id, a) NOT ENFORCED.");
        assertThat(tooDeep)
                .contains(
                        "The partition key (a, b, c, d) has 4 columns, but Cosmos DB allows at most 3 levels.");
    }

    @Test
    void rejectsAnUnknownOptionListingTheSupportedOnes() {
        String message =
                planningError(
                        "CREATE TABLE t (id STRING, pk STRING, PRIMARY KEY (id, pk) NOT ENFORCED) "
                                + CosmosSql.with(
                                        COSMOS.endpoint(),
                                        database,
                                        "c",
                                        "cosmos.batch-size",
                                        "10"),
                        "INSERT INTO t VALUES ('1', 'a')");

        assertThat(message)
                .contains(
                        "Unsupported option(s) 'cosmos.batch-size'. Supported options are: connector,"
                                + " cosmos.async.bulk.request-timeout-ms, cosmos.auth.authority-host,")
                .contains("cosmos.auth.type, cosmos.auto-create,")
                .contains("sink.batch.max-size")
                .doesNotContain(COSMOS.endpoint().key());
    }

    @Test
    void explainsAMissingContainerWhenOnlyItKnowsThePartitionKey() {
        String message =
                planningError(
                        "CREATE TABLE t (id STRING, PRIMARY KEY (id) NOT ENFORCED) "
                                + CosmosSql.with(COSMOS.endpoint(), database, "missing"),
                        "INSERT INTO t VALUES ('1')");

        assertThat(message)
                .contains(
                        "the partition key is read from container '"
                                + database
                                + "/missing', but it does not exist")
                .contains("Create the container first")
                .doesNotContain(COSMOS.endpoint().key());
    }

    @Test
    void mapsANestedContainerPathToAFieldOfARowColumn() throws Exception {
        COSMOS.containers().create(database, "people", "/address/city");
        sql.executeSql(
                "CREATE TABLE people (id STRING, address ROW<street STRING, city STRING>,"
                        + " PRIMARY KEY (id) NOT ENFORCED) "
                        + CosmosSql.with(COSMOS.endpoint(), database, "people"));

        sql.executeSql(
                        "INSERT INTO people VALUES ('1', ROW('Main St', 'Oslo')), ('2', ROW('High St', 'Lund'))")
                .await();

        assertThat(COSMOS.containers().documents(database, "people"))
                .extracting(d -> d.get("id").asText() + "@" + d.get("address").get("city").asText())
                .containsExactlyInAnyOrder("1@Oslo", "2@Lund");
    }

    @Test
    void namesAContainerPathThatNoColumnMatches() {
        COSMOS.containers().create(database, "people", "/address/zip");
        String message =
                planningError(
                        "CREATE TABLE people (id STRING, address ROW<city STRING>,"
                                + " PRIMARY KEY (id) NOT ENFORCED) "
                                + CosmosSql.with(COSMOS.endpoint(), database, "people"),
                        "INSERT INTO people VALUES ('1', ROW('Oslo'))");

        assertThat(message)
                .contains(
                        "The container's partition key path /address/zip has no matching column.");
    }

    @Test
    void writesHierarchicalKeysFromThePrimaryKey() throws Exception {
        COSMOS.containers().create(database, "events", "/tenant", "/region");
        sql.executeSql(
                "CREATE TABLE events (id STRING, tenant STRING, region STRING, n INT,"
                        + " PRIMARY KEY (id, tenant, region) NOT ENFORCED) "
                        + CosmosSql.with(COSMOS.endpoint(), database, "events"));

        sql.executeSql("INSERT INTO events VALUES ('same', 'A1', 'B1', 1), ('same', 'A1', 'B2', 2)")
                .await();

        assertThat(COSMOS.containers().documents(database, "events"))
                .extracting(d -> d.get("region").asText() + "=" + d.get("n").asInt())
                .containsExactlyInAnyOrder("B1=1", "B2=2");
    }

    @Test
    void autoCreatesAHierarchicalKeyFromSeveralPartitionedByColumns() throws Exception {
        sql.executeSql(
                "CREATE TABLE events (id STRING, tenant STRING, region STRING,"
                        + " PRIMARY KEY (id, tenant, region) NOT ENFORCED) PARTITIONED BY (tenant, region) "
                        + CosmosSql.with(
                                COSMOS.endpoint(),
                                database,
                                "events",
                                "cosmos.auto-create",
                                "true"));

        sql.executeSql("INSERT INTO events VALUES ('1', 'A1', 'B1')").await();

        assertThat(COSMOS.containers().partitionKeyPaths(database, "events"))
                .containsExactly("/tenant", "/region");
    }

    /** Plans the insert and returns the whole text of what stopped it, causes included. */
    private String planningError(String ddl, String insert) {
        sql.executeSql(ddl);
        Throwable error = catchThrowable(() -> sql.executeSql(insert).await());
        assertThat(error).as("the insert should fail").isNotNull();
        return ExceptionUtils.stringifyException(error);
    }
}
