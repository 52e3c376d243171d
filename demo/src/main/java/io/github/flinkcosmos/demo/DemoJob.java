package io.github.flinkcosmos.demo;

import com.azure.cosmos.CosmosAsyncClient;
import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.CosmosClientBuilder;
import com.azure.cosmos.models.PartitionKey;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinkcosmos.connector.cosmos.sink.CosmosSinkMetrics;
import io.github.flinkcosmos.embedded.CosmosTestEndpoint;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The contract's end-to-end example, bounded and with auto-create, on a local Flink cluster: a
 * datagen source streams sensor readings into a {@code cosmos} sink table that creates its own
 * database and container from its PARTITIONED BY clause.
 */
public final class DemoJob {

    static final String DATABASE = "flink-cosmos-demo";
    private static final int SENSORS = 16;
    private static final long SCORE_UPDATES = 3_000;

    private final CosmosTestEndpoint endpoint;
    private final long rows;
    private final int parallelism;
    private final String container;
    private final String topScoresContainer;

    public DemoJob(CosmosTestEndpoint endpoint, long rows, int parallelism) {
        if (rows < 1 || parallelism < 1) {
            throw new IllegalArgumentException(
                    "The demo needs at least 1 row and a parallelism of at least 1, not "
                            + rows
                            + " and "
                            + parallelism);
        }
        this.endpoint = endpoint;
        this.rows = rows;
        this.parallelism = parallelism;
        // A new container per run, so a count on a real account never includes an earlier run.
        String run = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
        this.container = "readings-" + run;
        this.topScoresContainer = "top-scores-" + run;
    }

    public String container() {
        return container;
    }

    public DemoSummary run(PrintStream out) throws Exception {
        out.printf(
                "Writing %,d rows from a datagen source into %s/%s on the %s, parallelism %d.%n",
                rows, DATABASE, container, endpoint, parallelism);
        try (CosmosAsyncClient client = sdkClient()) {
            CosmosAsyncContainer written = client.getDatabase(DATABASE).getContainer(container);
            DocumentCounter counter = new DocumentCounter(written);

            TableEnvironment sql = tableEnvironment();
            sql.executeSql(sourceTable());
            sql.executeSql(sinkTable());
            long start = System.nanoTime();
            // Planning the query and starting the local cluster take seconds of their own, which
            // the
            // elapsed time includes: say so, or the progress lines seem to start late.
            out.println("  planning the query, starting a local Flink cluster, submitting the job");
            TableResult insert =
                    sql.executeSql(
                            "INSERT INTO cosmos_output\n"
                                    + "SELECT CAST(seq AS STRING), CONCAT('sensor-', CAST(MOD(seq, "
                                    + SENSORS
                                    + ") AS STRING)), reading\n"
                                    + "FROM readings");
            try (ProgressPrinter progress = ProgressPrinter.start(counter, rows, start, out)) {
                insert.await();
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            return new DemoSummary(
                    rows,
                    counter.count(),
                    elapsed,
                    SinkMetricsCollector.total(CosmosSinkMetrics.REQUEST_UNITS),
                    (long) SinkMetricsCollector.total(CosmosSinkMetrics.OPERATIONS_SUCCEEDED),
                    (long) SinkMetricsCollector.total(CosmosSinkMetrics.OPERATIONS_RETRIED),
                    (long) SinkMetricsCollector.total(CosmosSinkMetrics.OPERATIONS_THROTTLED),
                    (long) SinkMetricsCollector.total(CosmosSinkMetrics.OPERATIONS_DROPPED),
                    readBack(written));
        }
    }

    /**
     * The second act, {@link TopScoresAct}: a Top-3 per game over changing scores, into a container
     * that mirrors it.
     */
    public TopScoresOutcome runTopScores(PrintStream out) throws Exception {
        try (CosmosAsyncClient client = sdkClient()) {
            return new TopScoresAct(endpoint, topScoresContainer, SCORE_UPDATES)
                    .run(
                            tableEnvironment(),
                            client.getDatabase(DATABASE).getContainer(topScoresContainer),
                            out);
        }
    }

    private TableEnvironment tableEnvironment() {
        Configuration configuration = new Configuration();
        configuration.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        configuration.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(2));
        SinkMetricsCollector.reset();
        SinkMetricsCollector.register(configuration);
        return TableEnvironment.create(
                EnvironmentSettings.newInstance()
                        .inStreamingMode()
                        .withConfiguration(configuration)
                        .build());
    }

    private String sourceTable() {
        return """
                CREATE TEMPORARY TABLE readings (
                  seq BIGINT,
                  reading DOUBLE
                ) WITH (
                  'connector' = 'datagen',
                  'fields.seq.kind' = 'sequence',
                  'fields.seq.start' = '1',
                  'fields.seq.end' = '%d',
                  'fields.reading.min' = '0',
                  'fields.reading.max' = '100',
                  'rows-per-second' = '1000000'
                )"""
                .formatted(rows);
    }

    private String sinkTable() {
        return """
                CREATE TABLE cosmos_output (
                  id STRING,
                  pk STRING,
                  `value` DOUBLE,
                  PRIMARY KEY (id, pk) NOT ENFORCED
                ) PARTITIONED BY (pk) WITH (
                  'connector' = 'cosmos',
                  'cosmos.endpoint' = '%s',
                  'cosmos.key' = '%s',
                  'cosmos.database' = '%s',
                  'cosmos.container' = '%s',
                  'cosmos.connection-mode' = 'gateway',
                  'cosmos.auto-create' = 'true'
                )"""
                .formatted(endpoint.uri(), endpoint.key(), DATABASE, container);
    }

    /** The first, a middle and the last row's documents, read by id and partition key. */
    private List<JsonNode> readBack(CosmosAsyncContainer written) {
        List<JsonNode> documents = new ArrayList<>();
        for (long seq : new long[] {1, (rows + 1) / 2, rows}) {
            ObjectNode document =
                    written.readItem(
                                    Long.toString(seq),
                                    new PartitionKey("sensor-" + seq % SENSORS),
                                    ObjectNode.class)
                            .block()
                            .getItem();
            // The service's own fields (_rid, _etag, _ts, ...) are noise in a summary.
            document.remove(
                    document.properties().stream()
                            .map(Map.Entry::getKey)
                            .filter(name -> name.startsWith("_"))
                            .toList());
            documents.add(document);
        }
        return documents;
    }

    private CosmosAsyncClient sdkClient() {
        return new CosmosClientBuilder()
                .endpoint(endpoint.uri().toString())
                .key(endpoint.key())
                .gatewayMode()
                .buildAsyncClient();
    }
}
