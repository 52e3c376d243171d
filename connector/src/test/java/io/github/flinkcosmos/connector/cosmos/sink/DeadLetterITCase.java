package io.github.flinkcosmos.connector.cosmos.sink;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinkcosmos.connector.cosmos.testing.CosmosEnvironment;
import io.github.flinkcosmos.connector.cosmos.testing.CosmosSql;
import io.github.flinkcosmos.connector.cosmos.testing.CosmosTestContainers;
import io.github.flinkcosmos.embedded.docs.DocsFragment;
import io.github.flinkcosmos.embedded.docs.SqlExample;
import io.github.flinkcosmos.embedded.faults.OperationFailure;
import io.github.flinkcosmos.embedded.faults.OperationMatch;
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

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * With {@code cosmos.dead-letter.container}, every write the sink gives up on lands there instead
 * of failing the job or vanishing; and when it cannot land there either, the job fails.
 */
class DeadLetterITCase {
    @RegisterExtension static final CosmosEnvironment COSMOS = CosmosEnvironment.embeddedOnly();

    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static final String ROWS =
            "INSERT INTO sink VALUES ('d0','p','0'),('d1','p','1'),('d2','p','2'),('d3','p','3'),"
                    + "('d4','q','4'),('d5','q','5'),('d6','q','6'),('d7','q','7')";

    private String database;
    private TableEnvironment sql;

    @BeforeEach
    void newContainers() {
        database = CosmosTestContainers.uniqueDatabase("deadletters");
        COSMOS.containers().create(database, "c", "/pk");
        sql = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        sql.getConfig().set("parallelism.default", "1");
    }

    @AfterEach
    void cleanUp() {
        COSMOS.embedded().faults().clear();
        COSMOS.containers().dropDatabase(database);
    }

    private void createSink(String... options) {
        String[] all = new String[options.length + 6];
        System.arraycopy(
                new String[] {
                    "cosmos.retry.backoff.initial-delay-ms", "10",
                    "cosmos.retry.backoff.max-delay-ms", "20",
                    "cosmos.retry.max-attempts", "2"
                },
                0,
                all,
                0,
                6);
        System.arraycopy(options, 0, all, 6, options.length);
        sql.executeSql(
                "CREATE TABLE sink (id STRING, pk STRING, v STRING, PRIMARY KEY (id, pk) NOT ENFORCED) "
                        + CosmosSql.with(COSMOS.endpoint(), database, "c", all));
    }

    private Map<String, JsonNode> deadLetters() {
        return COSMOS.containers().documents(database, "dl").stream()
                .collect(Collectors.toMap(d -> d.get("originalId").asText(), Function.identity()));
    }

    private List<String> written() {
        return COSMOS.containers().documents(database, "c").stream()
                .map(d -> d.get("id").asText())
                .sorted()
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "an empty id         | ''                 | 'p'               | 'v'                  | idMaxBytes",
                "a long id           | REPEAT('x', 1100)  | 'p'               | 'v'                  | idMaxBytes",
                "an id with a slash  | 'tenant/7'         | 'p'               | 'v'                  | idMaxBytes",
                "a long partition key | 'd9'              | REPEAT('p', 2049) | 'v'                  | partitionKeyMaxBytes",
                "a document over 2 MB | 'd9'              | 'p'               | REPEAT('x', 2100000) | documentMaxBytes",
            })
    void aRowOverALimitBecomesADeadLetterAndTheJobGoesOn(
            String name, String id, String pk, String value, String limit) throws Exception {
        COSMOS.containers().create(database, "dl", "/id");
        createSink("cosmos.dead-letter.container", "dl");

        sql.executeSql(
                        "INSERT INTO sink VALUES ('a', 'p', 'v'), (%s, %s, %s), ('c', 'p', 'v')"
                                .formatted(id, pk, value))
                .await();

        assertThat(written()).containsExactly("a", "c");
        List<JsonNode> letters = COSMOS.containers().documents(database, "dl");
        assertThat(letters).hasSize(1);
        JsonNode letter = letters.get(0);
        assertThat(letter.get("classification").asText()).isEqualTo("REJECTED");
        assertThat(letter.get("table").asText()).isEqualTo("default_catalog.default_database.sink");
        assertThat(letter.get("reason").asText()).contains("(" + limit);
        assertThat(letter.get("statusCode").asInt()).isZero();
        assertThat(letter.get("attempts").asInt()).isZero();
        assertThat(Instant.parse(letter.get("time").asText())).isBefore(Instant.now());
        assertThat(letter.get("originalPartitionKey").isArray()).isTrue();
        assertThat(letter.get("rowBytes").asInt()).isPositive();
        assertThat(letter.get("rowText").asText().length())
                .isLessThanOrEqualTo(16 * 1024)
                .isLessThanOrEqualTo(letter.get("rowBytes").asInt());
        assertThat(letter.has("row")).isFalse();
    }

    @Test
    void droppedFailedAndExhaustedWritesBecomeDeadLettersWithTheirStatus() throws Exception {
        COSMOS.containers().create(database, "dl", "/id");
        COSMOS.embedded()
                .faults()
                .failOperations(OperationMatch.id("d1"), 1, OperationFailure.status(413));
        COSMOS.embedded()
                .faults()
                .failOperations(OperationMatch.id("d2"), 1, OperationFailure.status(400, 1001));
        COSMOS.embedded()
                .faults()
                .failOperations(OperationMatch.id("d3"), 1, OperationFailure.status(418));
        COSMOS.embedded()
                .faults()
                .failOperations(OperationMatch.id("d4"), 1_000, OperationFailure.status(503));
        createSink("cosmos.dead-letter.container", "dl");

        sql.executeSql(ROWS).await();

        assertThat(written()).containsExactly("d0", "d5", "d6", "d7");
        Map<String, JsonNode> letters = deadLetters();
        assertThat(letters).containsOnlyKeys("d1", "d2", "d3", "d4");
        assertLetter(letters.get("d1"), "DROP", 413, 1);
        assertLetter(letters.get("d2"), "FAIL", 400, 1);
        assertLetter(letters.get("d3"), "DROP", 418, 1);
        assertLetter(letters.get("d4"), "RETRIES_EXHAUSTED", 0, 3);
        assertThat(letters.get("d4").get("reason").asText())
                .contains("still failed after 2 retries")
                .contains("503/0");
        assertThat(letters.get("d2").get("row").get("v").asText()).isEqualTo("2");
        assertThat(letters.get("d2").get("originalPartitionKey").get(0).asText()).isEqualTo("p");
    }

    private static void assertLetter(
            JsonNode letter, String classification, int status, int attempts) {
        assertThat(letter.get("classification").asText()).isEqualTo(classification);
        assertThat(letter.get("statusCode").asInt()).isEqualTo(status);
        assertThat(letter.get("attempts").asInt()).isEqualTo(attempts);
    }

    @Test
    void onlyTheChosenClassesGoThereAndTheOthersBehaveAsWithout() {
        COSMOS.containers().create(database, "dl", "/id");
        COSMOS.embedded()
                .faults()
                .failOperations(OperationMatch.id("d1"), 1, OperationFailure.status(413));
        COSMOS.embedded()
                .faults()
                .failOperations(OperationMatch.id("d5"), 1, OperationFailure.status(400, 1001));
        createSink("cosmos.dead-letter.container", "dl", "cosmos.dead-letter.classes", "drop");

        String failure = failureOf(ROWS);

        assertThat(failure).contains("status 400, sub-status 1001 for id 'd5'");
        assertThat(deadLetters()).containsOnlyKeys("d1");
    }

    @Test
    void aDeadLetterThatCannotBeWrittenFailsTheJob() {
        COSMOS.containers().create(database, "dl", "/id");
        COSMOS.embedded()
                .faults()
                .failOperations(OperationMatch.id("d2"), 1, OperationFailure.status(400));
        COSMOS.embedded()
                .faults()
                .failOperations(
                        OperationMatch.container("dl"), 1_000, OperationFailure.status(503));
        createSink("cosmos.dead-letter.container", "dl");

        String failure = failureOf(ROWS);

        assertThat(failure)
                .contains(
                        "could not be written to the dead-letter container %s/dl either (503/0),"
                                        .formatted(database)
                                + " so the job fails rather than lose them. First: id 'd2'");
    }

    @Test
    void aMissingDeadLetterContainerFailsTheJobAtStartNamingTheOption() {
        createSink("cosmos.dead-letter.container", "nowhere");

        String failure = failureOf(ROWS);

        assertThat(failure)
                .contains(
                        "The dead-letter container '%s/nowhere' (cosmos.dead-letter.container) does not exist. Create it with partition key /id, or set 'cosmos.auto-create' = 'true'."
                                .formatted(database));
    }

    /** The reference page's example, as written there but for endpoint, key and database. */
    @Test
    void theDocumentedExampleAutoCreatesTheDeadLetterContainerAndFillsIt() throws Exception {
        SqlExample example =
                DocsFragment.named("dead-letters.md")
                        .creating("orders_sink")
                        .connectedTo(COSMOS.endpoint().uri(), COSMOS.endpoint().key())
                        // The embedded endpoint speaks gateway mode only.
                        .withCosmosOption("cosmos.connection-mode", "gateway")
                        .withCosmosOption("cosmos.database", database);
        example.statements().forEach(sql::executeSql);

        sql.executeSql(
                        "INSERT INTO orders_sink VALUES ('o1', 't1', 1.5), ('o/2', 't1', 2.5),"
                                + " ('o3', 't2', 3.5)")
                .await();

        assertThat(COSMOS.containers().partitionKeyPaths(database, "orders-dead-letters"))
                .containsExactly("/id");
        assertThat(COSMOS.containers().documents(database, "orders-dead-letters"))
                .singleElement()
                .satisfies(
                        letter -> {
                            assertThat(letter.get("originalId").asText()).isEqualTo("o/2");
                            assertThat(letter.get("table").asText())
                                    .isEqualTo("default_catalog.default_database.orders_sink");
                        });
        assertThat(COSMOS.containers().documents(database, "orders"))
                .extracting(d -> d.get("id").asText())
                .containsExactlyInAnyOrder("o1", "o3");
    }

    @Test
    void theDeadLetterPartitionKeyCanBeChosen() throws Exception {
        sql.executeSql(
                "CREATE TABLE sink (id STRING, pk STRING, v STRING, PRIMARY KEY (id, pk) NOT ENFORCED)"
                        + " PARTITIONED BY (pk) "
                        + CosmosSql.with(
                                COSMOS.endpoint(),
                                database,
                                "c",
                                "cosmos.auto-create",
                                "true",
                                "cosmos.dead-letter.container",
                                "dl",
                                "cosmos.dead-letter.partition-key-path",
                                "/table"));

        sql.executeSql(ROWS).await();

        assertThat(COSMOS.containers().partitionKeyPaths(database, "dl")).containsExactly("/table");
    }

    @Test
    void anExistingDeadLetterContainerWithAnotherPartitionKeyFailsTheJobAtStart() {
        COSMOS.containers().create(database, "dl", "/table");
        createSink("cosmos.dead-letter.container", "dl");

        assertThat(failureOf(ROWS))
                .contains(
                        "The dead-letter container '%s/dl' (cosmos.dead-letter.container) has"
                                        .formatted(database)
                                + " partition key [/table], but"
                                + " 'cosmos.dead-letter.partition-key-path' is /id.");
    }

    @Test
    void deadLetterOptionsWithoutAContainerAreADdlError() {
        createSink("cosmos.dead-letter.classes", "drop");

        Throwable error = catchThrowable(() -> sql.executeSql(ROWS).await());

        assertThat(error)
                .hasMessageContaining(
                        "Option 'cosmos.dead-letter.classes' is set, but 'cosmos.dead-letter.container'"
                                + " is not, so no write goes to a dead-letter container. Set"
                                + " 'cosmos.dead-letter.container', or remove"
                                + " 'cosmos.dead-letter.classes'.");
    }

    private String failureOf(String insert) {
        Throwable error = catchThrowable(() -> sql.executeSql(insert).await());
        assertThat(error).as("the job should fail").isNotNull();
        return ExceptionUtils.stringifyException(error);
    }
}
