package io.github.flinkcosmos.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinkcosmos.embedded.faults.OperationKind;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Row-to-stored latency at half the container's budget: a datagen source paced at that rate, each
 * row stamped with {@code CURRENT_TIMESTAMP} as it is made (the query's projection runs chained to
 * the source, per row), and the endpoint's clock read as it stores each document; both clocks are
 * this JVM's. The sink's acknowledgement is the answer to the bulk request that carried the
 * document, a few milliseconds at most after the store on this loopback endpoint. Once with the
 * default options, once with a short {@code sink.flush-buffer.timeout}.
 */
final class LatencyRun {

    static final int PARALLELISM = 2;
    static final double BUDGET_SHARE = 0.5;

    /** In milliseconds, as the option takes it. */
    static final long TUNED_FLUSH_TIMEOUT_MILLIS = 50;

    static final String TUNED_FLUSH_TIMEOUT = TUNED_FLUSH_TIMEOUT_MILLIS + " ms";

    private final BenchmarkCluster cluster;
    private final BenchmarkEndpoint endpoint;
    private final PartitionedContainers containers;
    private final PrintStream out;

    LatencyRun(
            BenchmarkCluster cluster,
            BenchmarkEndpoint endpoint,
            PartitionedContainers containers,
            PrintStream out) {
        this.cluster = cluster;
        this.endpoint = endpoint;
        this.containers = containers;
        this.out = out;
    }

    Result run(BenchmarkScale scale) throws Exception {
        long rowsPerSecond = (long) (PartitionedContainers.documentsPerSecond() * BUDGET_SHARE);
        long rows = rowsPerSecond * scale.partitionSeconds();
        Percentiles defaults = measure("default options", rows, rowsPerSecond, Map.of());
        Percentiles tuned =
                measure(
                        "sink.flush-buffer.timeout = " + TUNED_FLUSH_TIMEOUT,
                        rows,
                        rowsPerSecond,
                        Map.of(
                                "sink.flush-buffer.timeout",
                                Long.toString(TUNED_FLUSH_TIMEOUT_MILLIS)));
        return new Result(rows, rowsPerSecond, defaults, tuned);
    }

    private Percentiles measure(
            String label, long rows, long rowsPerSecond, Map<String, String> options)
            throws Exception {
        PartitionedContainers.Container container = containers.create("latency");
        ConcurrentMap<String, Long> storedAt = new ConcurrentHashMap<>();
        endpoint.listen(
                (operation, status) -> {
                    if (operation.kind() == OperationKind.UPSERT
                            && status / 100 == 2
                            && operation.container().equals(container.name())) {
                        storedAt.putIfAbsent(operation.id(), System.currentTimeMillis());
                    }
                });
        try {
            job(container.name(), rows, rowsPerSecond, options);
        } finally {
            endpoint.listen(null);
        }
        List<Long> latencies = new ArrayList<>();
        for (JsonNode document : endpoint.documents(container.name())) {
            String id = document.get("id").asText();
            long n = Long.parseLong(id.substring("doc-".length()));
            // The steady middle, as for the throughput figures.
            if (n >= rows / 10 && n < rows * 9 / 10) {
                long emitted = Instant.parse(document.get("emitted").asText()).toEpochMilli();
                latencies.add(storedAt.get(id) - emitted);
            }
        }
        long stored = endpoint.documentCount(container.name());
        endpoint.delete(container.name());
        if (stored != rows) {
            throw new IllegalStateException(
                    container.name() + " holds " + stored + " documents instead of " + rows);
        }
        Percentiles percentiles = Percentiles.of(latencies);
        out.printf(
                Locale.ROOT,
                "Latency, %s, %,d rows/s: p50 %d ms, p99 %d ms%n",
                label,
                rowsPerSecond,
                percentiles.p50(),
                percentiles.p99());
        return percentiles;
    }

    private void job(String container, long rows, long rowsPerSecond, Map<String, String> options)
            throws Exception {
        Configuration configuration = new Configuration();
        configuration.set(CoreOptions.DEFAULT_PARALLELISM, PARALLELISM);
        configuration.set(
                CheckpointingOptions.CHECKPOINTING_INTERVAL, FlinkSqlSinkJob.CHECKPOINT_INTERVAL);
        TableEnvironment sql =
                TableEnvironment.create(
                        EnvironmentSettings.newInstance()
                                .inStreamingMode()
                                .withConfiguration(cluster.submitTo(configuration))
                                .build());
        sql.executeSql(BenchmarkDocuments.sourceTable("sequence", rows, rowsPerSecond));
        String sinkOptions =
                options.entrySet().stream()
                        .map(o -> ",\n  '%s' = '%s'".formatted(o.getKey(), o.getValue()))
                        .reduce("", String::concat);
        sql.executeSql(
                """
                CREATE TEMPORARY TABLE documents (
                  id STRING,
                  pk STRING,
                  emitted TIMESTAMP_LTZ(3),
                  note STRING,
                  PRIMARY KEY (id, pk) NOT ENFORCED
                ) PARTITIONED BY (pk) WITH (
                  'connector' = 'cosmos',
                  'cosmos.endpoint' = '%s',
                  'cosmos.key' = '%s',
                  'cosmos.database' = '%s',
                  'cosmos.container' = '%s',
                  'cosmos.connection-mode' = 'gateway'%s
                )"""
                        .formatted(
                                endpoint.uri(),
                                endpoint.key(),
                                BenchmarkEndpoint.DATABASE,
                                container,
                                sinkOptions));
        BenchmarkDocuments documents = containers.balanced();
        sql.executeSql(
                        """
                        INSERT INTO documents
                        SELECT CONCAT('doc-', CAST(n AS STRING)), %s, CURRENT_TIMESTAMP, REPEAT('x', %d)
                        FROM sequence"""
                                .formatted(documents.keyExpression(), documents.noteLength()))
                .await();
    }

    /** Milliseconds from a row's making to its document's storing. */
    record Percentiles(long p50, long p99, int samples) {

        static Percentiles of(List<Long> latencies) {
            long[] sorted = latencies.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(sorted);
            return new Percentiles(at(sorted, 0.50), at(sorted, 0.99), sorted.length);
        }

        private static long at(long[] sorted, double quantile) {
            return sorted[
                    Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
        }
    }

    record Result(long rows, long rowsPerSecond, Percentiles defaults, Percentiles tuned) {}
}
