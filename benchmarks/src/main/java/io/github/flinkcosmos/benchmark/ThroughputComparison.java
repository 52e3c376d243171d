package io.github.flinkcosmos.benchmark;

import com.azure.cosmos.models.CosmosBulkExecutionOptions;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Documents per second of the Flink SQL job at parallelism 1 and 2 against the raw SDK, against the
 * same endpoint with the same documents. The raw SDK runs twice per round, at its default and at
 * its highest micro-batch concurrency, and the better of the two is the baseline. All four take
 * turns, round after round and each round starting with the next, so that neither a slow moment of
 * the machine nor the one right after a Flink job falls on one of them only; each figure is the
 * median of its rounds.
 */
final class ThroughputComparison {

    /** The SDK's default micro-batch concurrency per partition-key range, and the sink's. */
    static final int DEFAULT_CONCURRENCY = 1;

    /** The highest micro-batch concurrency the SDK allows. */
    static final int MAX_CONCURRENCY = 5;

    private final BenchmarkCluster cluster;
    private final BenchmarkEndpoint endpoint;
    private final BenchmarkDocuments documents = BenchmarkDocuments.small();
    private final RawSdkBulkRun raw;
    private final FlinkSqlSinkJob sink;
    private final PrintStream out;
    private int runs;

    ThroughputComparison(BenchmarkCluster cluster, BenchmarkEndpoint endpoint, PrintStream out) {
        this.cluster = cluster;
        this.endpoint = endpoint;
        this.raw = new RawSdkBulkRun(endpoint, documents);
        this.sink = new FlinkSqlSinkJob(cluster, endpoint, documents);
        this.out = out;
    }

    Result run(BenchmarkScale scale) throws Exception {
        out.printf(
                Locale.ROOT,
                "Throughput: warming up with %,d documents each (raw SDK, sink)%n",
                scale.warmUpRows());
        raw(scale.warmUpRows(), DEFAULT_CONCURRENCY);
        sink(scale.warmUpRows(), 2);
        Map<Writer, List<Double>> rates = new EnumMap<>(Writer.class);
        for (int round = 1; round <= scale.rounds(); round++) {
            // Each round starts with the next writer, so none always runs right after a Flink job.
            for (int turn = 0; turn < Writer.values().length; turn++) {
                Writer writer = Writer.values()[(round - 1 + turn) % Writer.values().length];
                rates.computeIfAbsent(writer, w -> new ArrayList<>())
                        .add(run(writer, scale.rows()));
            }
            int last = round - 1;
            out.printf(
                    Locale.ROOT,
                    "Throughput round %d of %d: raw SDK %,.0f and %,.0f, sink p=1 %,.0f, sink p=2 %,.0f"
                            + " docs/s%n",
                    round,
                    scale.rounds(),
                    rates.get(Writer.RAW).get(last),
                    rates.get(Writer.RAW_CONCURRENT).get(last),
                    rates.get(Writer.SINK_P1).get(last),
                    rates.get(Writer.SINK_P2).get(last));
        }
        return new Result(
                scale.rows(),
                new Rates(rates.get(Writer.RAW)),
                new Rates(rates.get(Writer.RAW_CONCURRENT)),
                new Rates(rates.get(Writer.SINK_P1)),
                new Rates(rates.get(Writer.SINK_P2)));
    }

    /** The four writers each round compares. */
    private enum Writer {
        RAW,
        RAW_CONCURRENT,
        SINK_P1,
        SINK_P2
    }

    private double run(Writer writer, long rows) throws Exception {
        return switch (writer) {
            case RAW -> raw(rows, DEFAULT_CONCURRENCY);
            case RAW_CONCURRENT -> raw(rows, MAX_CONCURRENCY);
            case SINK_P1 -> sink(rows, 1);
            case SINK_P2 -> sink(rows, 2);
        };
    }

    private double raw(long rows, int microBatchConcurrency) {
        String container = "raw-" + ++runs;
        ProgressSampler.Window window =
                raw.run(
                        endpoint,
                        container,
                        rows,
                        new CosmosBulkExecutionOptions()
                                .setMaxMicroBatchConcurrency(microBatchConcurrency));
        checkAndDelete(container, rows);
        return window.documentsPerSecond();
    }

    private double sink(long rows, int parallelism) throws Exception {
        String container = "sink-p" + parallelism + "-" + ++runs;
        ProgressSampler.Window window = sink.run(container, rows, parallelism);
        checkAndDelete(container, rows);
        return window.documentsPerSecond();
    }

    /** Every document arrived, and the first, a middle and the last are the raw SDK's. */
    private void checkAndDelete(String container, long rows) {
        long stored = endpoint.documentCount(container);
        if (stored != rows) {
            throw new IllegalStateException(
                    container + " holds " + stored + " documents instead of " + rows);
        }
        for (long n : new long[] {0, rows / 2, rows - 1}) {
            ObjectNode expected = documents.document(n);
            ObjectNode actual =
                    endpoint.read(
                            container, expected.get("id").asText(), expected.get("pk").asText());
            if (!expected.equals(actual)) {
                throw new IllegalStateException(
                        container + " stored " + actual + " where the raw SDK writes " + expected);
            }
        }
        endpoint.delete(container);
    }

    /** The documents/s of each round. */
    record Rates(List<Double> rounds) {

        double median() {
            List<Double> sorted = rounds.stream().sorted().toList();
            int middle = sorted.size() / 2;
            return sorted.size() % 2 == 1
                    ? sorted.get(middle)
                    : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
        }

        double min() {
            return rounds.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        }

        double max() {
            return rounds.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        }
    }

    /**
     * @param raw the raw SDK with its default micro-batch concurrency, which the sink's default
     *     matches
     * @param rawConcurrent the raw SDK with the highest micro-batch concurrency it allows
     */
    record Result(long rowsPerRun, Rates raw, Rates rawConcurrent, Rates sinkP1, Rates sinkP2) {

        /** The raw SDK's better median: the baseline the sink is divided by. */
        double baseline() {
            return Math.max(raw.median(), rawConcurrent.median());
        }

        double ratioP1() {
            return sinkP1.median() / baseline();
        }

        double ratioP2() {
            return sinkP2.median() / baseline();
        }
    }
}
