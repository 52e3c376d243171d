package io.github.flinkcosmos.benchmark;

import io.github.flinkcosmos.embedded.throughput.RequestUnits;
import org.apache.flink.table.api.TableResult;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The sink's heap under backpressure. The endpoint's budget lets through a few documents per second
 * while the source could send thousands, so the sink's buffer fills and stays full; the live heap
 * (after a full collection) is sampled every second and its peak compared with the heap before the
 * job. Two runs differ only in {@code sink.requests.max-buffered}, so the difference between them
 * is what the buffer itself holds, whatever the local cluster costs.
 */
final class BackpressureMemoryRun {

    /** Documents of about 8 KiB, so that what the buffer holds stands out from the cluster. */
    private static final int NOTE_LENGTH = 8 * 1024;

    static final int BATCH_SIZE = 100;
    static final int MAX_IN_FLIGHT = 4;
    static final int DOCUMENTS_PER_SECOND = 20;

    /** Several times what the sink can hold, and what the budget lets through while sampling. */
    private static final long ROWS = 10_000;

    private static final long WARM_UP_SECONDS = 3;

    private final BenchmarkCluster cluster;
    private final BenchmarkEndpoint endpoint;
    private final BenchmarkDocuments documents = new BenchmarkDocuments(NOTE_LENGTH);
    private final PrintStream out;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    BackpressureMemoryRun(BenchmarkCluster cluster, BenchmarkEndpoint endpoint, PrintStream out) {
        this.cluster = cluster;
        this.endpoint = endpoint;
        this.out = out;
    }

    Result run(BenchmarkScale scale) throws Exception {
        // The first Flink job of a JVM fills caches (classes, the planner's) that stay; a job
        // first, so that both measured runs start from a heap that already holds them.
        measure(scale.memorySmallBuffer(), WARM_UP_SECONDS);
        Run small = measure(scale.memorySmallBuffer(), scale.memorySeconds());
        Run large = measure(scale.memoryLargeBuffer(), scale.memorySeconds());
        return new Result(documents.typicalBytes(), BATCH_SIZE * MAX_IN_FLIGHT, small, large);
    }

    private Run measure(int maxBuffered, long seconds) throws Exception {
        String container = "memory-" + maxBuffered;
        int documentBytes = documents.typicalBytes();
        endpoint.provision(container, DOCUMENTS_PER_SECOND * RequestUnits.write(documentBytes));
        long before = liveHeap();
        TableResult job =
                new FlinkSqlSinkJob(cluster, endpoint, documents)
                        .start(
                                container,
                                ROWS,
                                1,
                                Map.of(
                                        "sink.requests.max-buffered",
                                        Integer.toString(maxBuffered),
                                        "sink.batch.max-size",
                                        Integer.toString(BATCH_SIZE),
                                        "sink.requests.max-inflight",
                                        Integer.toString(MAX_IN_FLIGHT)));
        List<Long> samples = new ArrayList<>();
        for (int second = 0; second < seconds; second++) {
            TimeUnit.SECONDS.sleep(1);
            samples.add(liveHeap() - before);
        }
        // Lifting the budget lets the job finish, which also shows that backpressure lost nothing.
        // (Cancelling instead would wait for throttled in-flight batches; see the README.)
        endpoint.unlimited(container);
        job.await();
        long stored = endpoint.documentCount(container);
        endpoint.delete(container);
        if (stored != ROWS) {
            throw new IllegalStateException(
                    container + " holds " + stored + " documents instead of " + ROWS);
        }
        long peak = samples.stream().mapToLong(Long::longValue).max().orElseThrow();
        out.printf(
                Locale.ROOT,
                "Memory: max-buffered %,d: peak live heap %.1f MiB above the idle cluster (samples: %s MiB)%n",
                maxBuffered,
                mebibytes(peak),
                samples.stream()
                        .map(bytes -> String.format(Locale.ROOT, "%.0f", mebibytes(bytes)))
                        .toList());
        return new Run(maxBuffered, peak, samples);
    }

    /** The heap still reachable after a full collection. */
    private long liveHeap() {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    static double mebibytes(double bytes) {
        return bytes / (1024 * 1024);
    }

    /** One run: its max-buffered, and the live heap above the idle cluster each second. */
    record Run(int maxBuffered, long peakGrowthBytes, List<Long> samples) {}

    /**
     * @param documentBytes the size of each document as JSON
     * @param inFlight documents the sink may have sent and not yet heard back about, which the
     *     AsyncSink framework holds outside its buffer (max-inflight × batch size)
     */
    record Result(int documentBytes, int inFlight, Run small, Run large) {

        /** max-buffered × document size, for the larger run. */
        long boundBytes() {
            return (long) large.maxBuffered() * documentBytes;
        }

        /** Heap each extra buffered document costs, from the difference between the two runs. */
        double bytesPerBufferedDocument() {
            return (double) (large.peakGrowthBytes() - small.peakGrowthBytes())
                    / (large.maxBuffered() - small.maxBuffered());
        }
    }
}
