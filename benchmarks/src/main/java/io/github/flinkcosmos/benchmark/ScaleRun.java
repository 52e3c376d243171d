package io.github.flinkcosmos.benchmark;

import com.azure.cosmos.models.CosmosBulkExecutionOptions;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How much of a container of eight ranges' budget each writer turns into documents: the sink at
 * parallelism 2 with its default options, and the raw SDK in every configuration a hand-written
 * program might pick (1, 2, 4 or 8 concurrent {@code executeBulkOperations} calls, each at
 * micro-batch concurrency 1 or 5). The best of those is the baseline.
 */
final class ScaleRun {

    static final List<Integer> CALLS = List.of(1, 2, 4, 8);
    static final List<Integer> MICRO_BATCH_CONCURRENCIES =
            List.of(ThroughputComparison.DEFAULT_CONCURRENCY, ThroughputComparison.MAX_CONCURRENCY);
    static final int SINK_PARALLELISM = 2;

    private final BenchmarkCluster cluster;
    private final BenchmarkEndpoint endpoint;
    private final PartitionedContainers containers;
    private final PrintStream out;

    ScaleRun(
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
        BenchmarkDocuments documents = containers.balanced();
        long rows = (long) (PartitionedContainers.documentsPerSecond() * scale.partitionSeconds());
        List<RawConfiguration> raw = new ArrayList<>();
        for (int calls : CALLS) {
            for (int concurrency : MICRO_BATCH_CONCURRENCIES) {
                PartitionedContainers.Container container = containers.create("scale-raw");
                ProgressSampler.Window window =
                        new RawSdkBulkRun(endpoint, documents)
                                .run(
                                        container.name(),
                                        rows,
                                        calls,
                                        () ->
                                                new CosmosBulkExecutionOptions()
                                                        .setMaxMicroBatchConcurrency(concurrency),
                                        () -> endpoint.sampleNewDocuments(container.budget()),
                                        sampler -> sampler.steadyWindow(rows));
                checkAndDelete(container, rows);
                RawConfiguration configuration =
                        new RawConfiguration(calls, concurrency, window.documentsPerSecond());
                raw.add(configuration);
                out.printf(
                        Locale.ROOT,
                        "Scale: raw SDK, %d calls at micro-batch concurrency %d: %,.0f docs/s, %.2f of"
                                + " the container's RU/s%n",
                        calls,
                        concurrency,
                        configuration.documentsPerSecond(),
                        share(configuration.documentsPerSecond()));
            }
        }
        PartitionedContainers.Container container = containers.create("scale-sink");
        ProgressSampler sampler = endpoint.sampleNewDocuments(container.budget());
        try (sampler) {
            new FlinkSqlSinkJob(cluster, endpoint, documents)
                    .start(container.name(), rows, SINK_PARALLELISM, Map.of())
                    .await();
        }
        double sink = sampler.steadyWindow(rows).documentsPerSecond();
        checkAndDelete(container, rows);
        out.printf(
                Locale.ROOT,
                "Scale: sink, parallelism %d: %,.0f docs/s, %.2f of the container's RU/s%n",
                SINK_PARALLELISM,
                sink,
                share(sink));
        return new Result(rows, raw, sink);
    }

    private void checkAndDelete(PartitionedContainers.Container container, long rows) {
        long stored = endpoint.documentCount(container.name());
        if (stored != rows) {
            throw new IllegalStateException(
                    container.name() + " holds " + stored + " documents instead of " + rows);
        }
        endpoint.delete(container.name());
    }

    /** The share of the container's request units that this many documents per second cost. */
    static double share(double documentsPerSecond) {
        return documentsPerSecond
                * PartitionedContainers.chargePerDocument()
                / PartitionedContainers.REQUEST_UNITS;
    }

    record RawConfiguration(int calls, int microBatchConcurrency, double documentsPerSecond) {}

    record Result(long rowsPerRun, List<RawConfiguration> raw, double sinkDocumentsPerSecond) {

        RawConfiguration best() {
            return raw.stream()
                    .max(Comparator.comparingDouble(RawConfiguration::documentsPerSecond))
                    .orElseThrow();
        }

        double sinkShare() {
            return share(sinkDocumentsPerSecond);
        }

        double sinkOverBest() {
            return sinkDocumentsPerSecond / best().documentsPerSecond();
        }
    }
}
