package io.github.flinkcosmos.connector.cosmos.table;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinkcosmos.connector.cosmos.testing.CosmosEnvironment;
import io.github.flinkcosmos.connector.cosmos.testing.CosmosSql;
import io.github.flinkcosmos.connector.cosmos.testing.CosmosTestContainers;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every row of the reference page's type table (spec/cosmos-sink.yaml, {@code type-mapping}): a
 * value of the type, written through Flink SQL, is the JSON the table shows as its example.
 */
class TypeMappingITCase {
    @RegisterExtension static final CosmosEnvironment COSMOS = new CosmosEnvironment();

    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static String database;
    private static int tables;

    @BeforeAll
    static void start() {
        database = CosmosTestContainers.uniqueDatabase("types");
        COSMOS.containers().create(database, "c", "/pk");
    }

    @AfterAll
    static void stop() {
        COSMOS.containers().dropDatabase(database);
    }

    @ParameterizedTest(name = "{0} is written as {2}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "STRING                   | 'abc'                                          | \"abc\"",
                "CHAR(3)                  | 'abc'                                          | \"abc\"",
                "VARCHAR(10)              | 'abc'                                          | \"abc\"",
                "BOOLEAN                  | TRUE                                           | true",
                "BYTES                    | X'010203'                                      | \"AQID\"",
                "BINARY(3)                | X'010203'                                      | \"AQID\"",
                "DECIMAL(5, 3)            | 12.345                                         | 12.345",
                "TINYINT                  | CAST(42 AS TINYINT)                            | 42",
                "SMALLINT                 | CAST(42 AS SMALLINT)                           | 42",
                "INT                      | 42                                             | 42",
                "BIGINT                   | CAST(42 AS BIGINT)                             | 42",
                "FLOAT                    | CAST(1.5 AS FLOAT)                             | 1.5",
                "DOUBLE                   | CAST(1.5 AS DOUBLE)                            | 1.5",
                "DOUBLE                   | CAST('NaN' AS DOUBLE)                          | \"NaN\"",
                "DOUBLE                   | CAST('Infinity' AS DOUBLE)                     | \"Infinity\"",
                "DOUBLE                   | CAST('-Infinity' AS DOUBLE)                    | \"-Infinity\"",
                "DATE                     | DATE '2026-11-21'                              | \"2026-11-21\"",
                "TIME(0)                  | TIME '10:15:30'                                | \"10:15:30\"",
                "TIMESTAMP(3)             | TIMESTAMP '2026-11-21 10:15:30.123'            | \"2026-11-21T10:15:30.123\"",
                "TIMESTAMP_LTZ(3)         | CAST(TIMESTAMP '2026-11-21 10:15:30.123' AS TIMESTAMP_LTZ(3)) | \"2026-11-21T10:15:30.123Z\"",
                "ARRAY<INT>               | ARRAY[1, 2]                                    | [1,2]",
                "MAP<STRING, INT>         | MAP['a', 1]                                    | {\"a\":1}",
                "ROW<city STRING>         | ROW('Oslo')                                    | {\"city\":\"Oslo\"}",
                "INT                      | CAST(NULL AS INT)                              | null",
            })
    void writesAValueOfTheTypeAsTheTableShows(String type, String literal, String json)
            throws Exception {
        String table = "t" + (++tables);
        TableEnvironment sql = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        // TIMESTAMP_LTZ is read in the session's time zone; UTC makes the example exact.
        sql.getConfig().set("table.local-time-zone", "UTC");
        sql.executeSql(
                "CREATE TABLE "
                        + table
                        + " (id STRING, pk STRING, v "
                        + type
                        + ", PRIMARY KEY (id, pk) NOT ENFORCED) "
                        + CosmosSql.with(COSMOS.endpoint(), database, "c"));

        sql.executeSql("INSERT INTO " + table + " SELECT '" + table + "', 'p', " + literal).await();

        JsonNode document =
                COSMOS.containers().documents(database, "c").stream()
                        .filter(d -> d.get("id").asText().equals(table))
                        .findFirst()
                        .orElseThrow();
        assertThat(document.get("v").toString()).isEqualTo(json);
    }

    @Test
    void writesTimestampsWithAFixedWidthFractionWhenAsked() throws Exception {
        TableEnvironment sql = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        sql.getConfig().set("table.local-time-zone", "UTC");
        sql.executeSql(
                "CREATE TABLE fixed (id STRING, pk STRING, t TIMESTAMP(3), i TIMESTAMP_LTZ(3),"
                        + " PRIMARY KEY (id, pk) NOT ENFORCED) "
                        + CosmosSql.with(
                                COSMOS.endpoint(),
                                database,
                                "c",
                                "cosmos.json.timestamp-format",
                                "fixed-width"));

        sql.executeSql(
                        "INSERT INTO fixed SELECT 'fixed', 'p', TIMESTAMP '2026-11-21 10:15:05.5',"
                                + " CAST(TIMESTAMP '2026-11-21 10:15:05' AS TIMESTAMP_LTZ(3))")
                .await();

        JsonNode document =
                COSMOS.containers().documents(database, "c").stream()
                        .filter(d -> d.get("id").asText().equals("fixed"))
                        .findFirst()
                        .orElseThrow();
        assertThat(document.get("t").asText()).isEqualTo("2026-11-21T10:15:05.5000000");
        assertThat(document.get("i").asText()).isEqualTo("2026-11-21T10:15:05.0000000Z");
    }

    @Test
    void writesAMultisetAsAnObjectOfCounts() throws Exception {
        TableEnvironment sql = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        sql.executeSql(
                "CREATE TABLE bag (id STRING, pk STRING, v MULTISET<STRING>,"
                        + " PRIMARY KEY (id, pk) NOT ENFORCED) "
                        + CosmosSql.with(COSMOS.endpoint(), database, "c"));

        // COLLECT makes a MULTISET; grouping by the key keeps the upsert key the PRIMARY KEY.
        sql.executeSql(
                        "INSERT INTO bag SELECT id, pk, COLLECT(x) FROM (VALUES ('bag', 'p', 'a'),"
                                + " ('bag', 'p', 'a')) AS t(id, pk, x) GROUP BY id, pk")
                .await();

        JsonNode document =
                COSMOS.containers().documents(database, "c").stream()
                        .filter(d -> d.get("id").asText().equals("bag"))
                        .findFirst()
                        .orElseThrow();
        assertThat(document.get("v").toString()).isEqualTo("{\"a\":2}");
    }
}
