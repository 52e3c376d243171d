package io.github.flinkcosmos.benchmark;

import com.azure.cosmos.models.CosmosBulkExecutionOptions;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether a writer keeps the cold ranges busy while a hot one is saturated: every other document
 * falls in one range of eight, the rest spread over the other seven. The figure is the cold ranges'
 * documents per second, counted between 10 % and 90 % of the cold documents, over what their budget
 * pays for; the hot range's share of its own budget over the same seconds says it was saturated.
 *
 * <p>A writer that takes its rows in order and holds a bounded number of them cannot take a cold
 * row faster than the hot rows ahead of it drain: with half the rows hot, the cold ranges get at
 * most as many documents per second as the hot range, {@value #IN_ORDER_BOUND_TEXT} of their
 * budget. Only a writer that reads ahead without bound, like one {@code executeBulkOperations} call
 * given a finite flux, can do better.
 */
final class SkewRun {

    static final String IN_ORDER_BOUND_TEXT = "1/7";

    private final BenchmarkCluster cluster;
    private final BenchmarkEndpoint endpoint;
    private final PartitionedContainers containers;
    private final PrintStream out;

    SkewRun(
            BenchmarkCluster cluster,
            BenchmarkEndpoint endpoint,
            PartitionedContainers containers,
            PrintStream out) {
        this.cluster = cluster;
        this.endpoint = endpoint;
        this.containers = containers;
        this.out = out;
    }

    /** Runs the sink and the raw SDK in the configuration that did best at scale. */
    Result run(BenchmarkScale scale, ScaleRun.RawConfiguration raw) throws Exception {
        BenchmarkDocuments documents = containers.skewed();
        // The hot range takes half the rows at one eighth of the budget: it needs twice the
        // partition part's seconds for them.
        double hotDocumentsPerSecond =
                PartitionedContainers.REQUEST_UNITS_PER_RANGE
                        / PartitionedContainers.chargePerDocument();
        long rows = (long) (2 * hotDocumentsPerSecond * 2 * scale.partitionSeconds());
        long cold = rows / 2;
        out.printf(
                Locale.ROOT,
                "Skew: %,d documents, half of them on range %s%n",
                rows,
                PartitionedContainers.HOT_RANGE);

        PartitionedContainers.Container rawContainer = containers.create("skew-raw");
        ProgressSampler.Window rawWindow =
                new RawSdkBulkRun(endpoint, documents)
                        .run(
                                rawContainer.name(),
                                rows,
                                raw.calls(),
                                () ->
                                        new CosmosBulkExecutionOptions()
                                                .setMaxMicroBatchConcurrency(
                                                        raw.microBatchConcurrency()),
                                () -> sampleColdAndHot(rawContainer),
                                sampler -> coldWindow(sampler, cold));
        checkAndDelete(rawContainer, rows);
        Shares rawShares = shares(rawWindow);
        out.printf(
                Locale.ROOT,
                "Skew: raw SDK (%d calls, micro-batch concurrency %d): cold ranges %.2f, hot range %.2f"
                        + " of their budget%n",
                raw.calls(),
                raw.microBatchConcurrency(),
                rawShares.cold(),
                rawShares.hot());

        PartitionedContainers.Container sinkContainer = containers.create("skew-sink");
        ProgressSampler sampler = sampleColdAndHot(sinkContainer);
        try (sampler) {
            new FlinkSqlSinkJob(cluster, endpoint, documents)
                    .start(sinkContainer.name(), rows, ScaleRun.SINK_PARALLELISM, Map.of())
                    .await();
        }
        checkAndDelete(sinkContainer, rows);
        Shares sinkShares = shares(coldWindow(sampler, cold));
        out.printf(
                Locale.ROOT,
                "Skew: sink, parallelism %d: cold ranges %.2f, hot range %.2f of their budget%n",
                ScaleRun.SINK_PARALLELISM,
                sinkShares.cold(),
                sinkShares.hot());
        return new Result(rows, raw, rawShares, sinkShares);
    }

    /**
     * From 30 % to 90 % of the cold documents: each range's bucket starts with a second of its
     * budget in hand, which the first cold documents spend at once; by 30 % it is spent.
     */
    private static ProgressSampler.Window coldWindow(ProgressSampler sampler, long cold) {
        return sampler.window(cold, 0.3, 0.9);
    }

    /** Documents stored on the cold ranges, and on the hot one as the second quantity. */
    private ProgressSampler sampleColdAndHot(PartitionedContainers.Container container) {
        List<String> cold = PartitionedContainers.coldRanges();
        List<String> hot = List.of(PartitionedContainers.HOT_RANGE);
        return ProgressSampler.start(
                () -> endpoint.succeededOn(container.name(), cold),
                () -> endpoint.succeededOn(container.name(), hot));
    }

    private static Shares shares(ProgressSampler.Window window) {
        double charge = PartitionedContainers.chargePerDocument();
        double perRange = PartitionedContainers.REQUEST_UNITS_PER_RANGE;
        return new Shares(
                window.documentsPerSecond()
                        * charge
                        / (perRange * PartitionedContainers.coldRanges().size()),
                window.otherPerSecond() * charge / perRange);
    }

    private void checkAndDelete(PartitionedContainers.Container container, long rows) {
        long stored = endpoint.documentCount(container.name());
        if (stored != rows) {
            throw new IllegalStateException(
                    container.name() + " holds " + stored + " documents instead of " + rows);
        }
        endpoint.delete(container.name());
    }

    /** The cold ranges' documents over their budget, and the hot range's over its own. */
    record Shares(double cold, double hot) {}

    record Result(long rows, ScaleRun.RawConfiguration rawConfiguration, Shares raw, Shares sink) {

        /** The most an in-order writer with bounded memory can give the cold ranges here. */
        static double inOrderBound() {
            return 1.0 / PartitionedContainers.coldRanges().size();
        }
    }
}
