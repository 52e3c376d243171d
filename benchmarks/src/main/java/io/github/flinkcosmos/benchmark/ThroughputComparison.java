package io.github.flinkcosmos.benchmark;

import com.azure.cosmos.models.CosmosBulkExecutionOptions;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Documents per second of the Flink SQL job at parallelism 1 and 2 against the raw SDK, against the
 * same endpoint with the same documents. The three take turns, round after round, so that a slow
 * moment of the machine does not fall on one of them only; each figure is the median of its rounds.
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
        List<Double> rawRates = new ArrayList<>();
        List<Double> rawConcurrentRates = new ArrayList<>();
        List<Double> p1Rates = new ArrayList<>();
        List<Double> p2Rates = new ArrayList<>();
        for (int round = 1; round <= scale.rounds(); round++) {
            rawRates.add(raw(scale.rows(), DEFAULT_CONCURRENCY));
            rawConcurrentRates.add(raw(scale.rows(), MAX_CONCURRENCY));
            p1Rates.add(sink(scale.rows(), 1));
            p2Rates.add(sink(scale.rows(), 2));
            out.printf(
                    Locale.ROOT,
                    "Throughput round %d of %d: raw SDK %,.0f and %,.0f, sink p=1 %,.0f, sink p=2 %,.0f"
                            + " docs/s%n",
                    round,
                    scale.rounds(),
                    rawRates.get(round - 1),
                    rawConcurrentRates.get(round - 1),
                    p1Rates.get(round - 1),
                    p2Rates.get(round - 1));
        }
        return new Result(
                scale.rows(),
                new Rates(rawRates),
                new Rates(rawConcurrentRates),
                new Rates(p1Rates),
                new Rates(p2Rates));
    }

    private double raw(long rows, int microBatchConcurrency) {
        String container = "raw-" + ++runs;
        ProgressSampler.Window window =
                raw.run(
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

        /** The raw SDK's better median: the ceiling the sink is measured against. */
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
