package io.github.flinkcosmos.benchmark;

import java.io.PrintStream;

/**
 * The partitions part: scale, skew, a split and latency against containers of eight ranges of 2,500
 * RU/s each, in that order, the skew run using the raw SDK configuration that did best at scale.
 */
final class PartitionsRun {

    private final BenchmarkCluster cluster;
    private final BenchmarkEndpoint endpoint;
    private final PrintStream out;

    PartitionsRun(BenchmarkCluster cluster, BenchmarkEndpoint endpoint, PrintStream out) {
        this.cluster = cluster;
        this.endpoint = endpoint;
        this.out = out;
    }

    Result run(BenchmarkScale scale) throws Exception {
        PartitionedContainers containers = new PartitionedContainers(endpoint);
        ScaleRun.Result scaleResult = new ScaleRun(cluster, endpoint, containers, out).run(scale);
        SkewRun.Result skew =
                new SkewRun(cluster, endpoint, containers, out).run(scale, scaleResult.best());
        SplitRun.Result split = new SplitRun(cluster, endpoint, containers, out).run(scale);
        LatencyRun.Result latency = new LatencyRun(cluster, endpoint, containers, out).run(scale);
        CpuRun.Result cpu = new CpuRun(cluster, containers, out).run(scale, scaleResult.best());
        return new Result(scaleResult, skew, split, latency, cpu);
    }

    record Result(
            ScaleRun.Result scale,
            SkewRun.Result skew,
            SplitRun.Result split,
            LatencyRun.Result latency,
            CpuRun.Result cpu) {}
}
