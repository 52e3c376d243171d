package io.github.flinkcosmos.benchmark;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * A split in the middle of a job: the sink at parallelism 2 writes into a container of eight ranges
 * at its budget, and when half the documents are stored, one range splits in two. The SDK meets
 * 410/1002 for the gone range, refreshes its routing map and carries on. After the split the
 * container has nine ranges, each with a ninth of the budget, so the ranges that did not split (an
 * eighth of the load each) pace the run: about 8/9 of the budget.
 */
final class SplitRun {

    private static final int PARALLELISM = 2;

    private final BenchmarkCluster cluster;
    private final BenchmarkEndpoint endpoint;
    private final PartitionedContainers containers;
    private final PrintStream out;

    SplitRun(
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
        PartitionedContainers.Container container = containers.create("split");
        long goneBefore = endpoint.requestsGone();
        long createdBefore = endpoint.documentsCreated();
        Thread splitter =
                new Thread(
                        () -> splitAtHalf(container.name(), createdBefore + rows / 2),
                        "benchmark-splitter");
        splitter.setDaemon(true);
        ProgressSampler sampler = endpoint.sampleNewDocuments(container.budget());
        String jobFailure = null;
        try (sampler) {
            splitter.start();
            new FlinkSqlSinkJob(cluster, endpoint, documents)
                    .start(container.name(), rows, PARALLELISM, Map.of())
                    .await();
        } catch (Exception e) {
            jobFailure = e.toString();
        }
        splitter.join();
        long stored = endpoint.documentCount(container.name());
        long gone = endpoint.requestsGone() - goneBefore;
        int ranges = endpoint.rangeCount(container.name());
        endpoint.delete(container.name());
        if (jobFailure != null) {
            out.println("Split: the job failed: " + jobFailure);
            return new Result(rows, rows - stored, jobFailure, 0, 0, gone, ranges);
        }
        double before = sampler.window(rows, 0.1, 0.5).documentsPerSecond();
        double after = sampler.window(rows, 0.5, 0.9).documentsPerSecond();
        Result result = new Result(rows, rows - stored, null, before, after, gone, ranges);
        out.printf(
                Locale.ROOT,
                "Split: %,.0f docs/s before (%.2f of the budget), %,.0f after (%.2f), %d lost, %d"
                        + " requests answered 410, %d ranges at the end%n",
                before,
                ScaleRun.share(before),
                after,
                ScaleRun.share(after),
                result.lost(),
                gone,
                ranges);
        return result;
    }

    private void splitAtHalf(String container, long documents) {
        while (endpoint.documentsCreated() < documents) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
        endpoint.split(container, "0");
    }

    /**
     * @param lost documents that never arrived
     * @param jobFailure why the job failed, or null; a failed operation fails the job
     * @param gone requests answered 410 (the SDK's cue to refresh its routing map and resend)
     */
    record Result(
            long rows,
            long lost,
            String jobFailure,
            double before,
            double after,
            long gone,
            int rangesAtEnd) {

        boolean met() {
            return lost == 0 && jobFailure == null;
        }
    }
}
