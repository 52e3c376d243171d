package io.github.flinkcosmos.benchmark;

import io.github.flinkcosmos.embedded.throughput.RequestUnits;
import org.apache.flink.table.api.TableResult;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The sink's heap under backpressure. The endpoint's budget lets through a few documents per second
 * while the source could send thousands, so the sink's buffer fills. Every second the run counts,
 * after a full collection, the live heap and the documents the sink holds. Two runs differ only in
 * {@code sink.requests.max-buffered}. The buffer does not stay full: the AsyncSink framework's
 * timer ({@code sink.flush-buffer.timeout} after the buffer's first row) sends everything buffered
 * before the writer takes new rows, so how full it is at a sample varies, and the heap is read
 * against the documents actually held.
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
        LiveHeap.Sample before = LiveHeap.sample(endpoint.documentsCreated());
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
        List<LiveHeap.Sample> samples = new ArrayList<>();
        try {
            for (int second = 0; second < seconds; second++) {
                TimeUnit.SECONDS.sleep(1);
                samples.add(LiveHeap.sample(endpoint.documentsCreated()).minus(before));
            }
        } finally {
            // Lifting the budget lets the job finish, which also shows that backpressure lost
            // nothing. (Cancelling instead would wait for throttled in-flight batches; see the
            // README.)
            endpoint.unlimited(container);
            job.await();
        }
        long stored = endpoint.documentCount(container);
        endpoint.delete(container);
        if (stored != ROWS) {
            throw new IllegalStateException(
                    container + " holds " + stored + " documents instead of " + ROWS);
        }
        Run run = new Run(maxBuffered, before.heldDocuments(), samples);
        out.printf(
                Locale.ROOT,
                "Memory: max-buffered %,d: at most %,d documents held, peak live heap %.1f MiB above"
                        + " the idle cluster (which held %,d before the job)%n",
                maxBuffered,
                run.peakHeldDocuments(),
                mebibytes(run.peakGrowthBytes()),
                before.heldDocuments());
        return run;
    }

    static double mebibytes(double bytes) {
        return bytes / (1024 * 1024);
    }

    /**
     * One run: its max-buffered and, each second, the live heap and the documents held above those
     * of the idle cluster before the job.
     *
     * @param heldBefore documents still held before the job started, by anything; not expected to
     *     be more than 0, and reported in case it is
     */
    record Run(int maxBuffered, long heldBefore, List<LiveHeap.Sample> samples) {

        long peakGrowthBytes() {
            return samples.stream().mapToLong(LiveHeap.Sample::liveBytes).max().orElseThrow();
        }

        long peakHeldDocuments() {
            return samples.stream().mapToLong(LiveHeap.Sample::heldDocuments).max().orElseThrow();
        }
    }

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

        /** Whether neither run held more documents than its buffer and the requests in flight. */
        boolean heldWithinBuffers() {
            return small.peakHeldDocuments() <= small.maxBuffered() + inFlight
                    && large.peakHeldDocuments() <= large.maxBuffered() + inFlight;
        }

        /**
         * Heap each held document costs: the least-squares fit of live heap to documents held and
         * documents the endpoint has stored (it runs in the same heap, and as the sink's held
         * documents drain, the endpoint's grow), through every sample of both runs; the cluster's
         * and the job's own heap is the intercept. NaN when the samples cannot tell the two apart.
         */
        double bytesPerHeldDocument() {
            List<LiveHeap.Sample> all = new ArrayList<>(small.samples());
            all.addAll(large.samples());
            double meanHeld =
                    all.stream().mapToLong(LiveHeap.Sample::heldDocuments).average().orElseThrow();
            double meanStored =
                    all.stream()
                            .mapToLong(LiveHeap.Sample::storedDocuments)
                            .average()
                            .orElseThrow();
            double meanBytes =
                    all.stream().mapToLong(LiveHeap.Sample::liveBytes).average().orElseThrow();
            double heldHeld = 0;
            double heldStored = 0;
            double storedStored = 0;
            double heldBytes = 0;
            double storedBytes = 0;
            for (LiveHeap.Sample sample : all) {
                double held = sample.heldDocuments() - meanHeld;
                double stored = sample.storedDocuments() - meanStored;
                double bytes = sample.liveBytes() - meanBytes;
                heldHeld += held * held;
                heldStored += held * stored;
                storedStored += stored * stored;
                heldBytes += held * bytes;
                storedBytes += stored * bytes;
            }
            double determinant = heldHeld * storedStored - heldStored * heldStored;
            return determinant == 0
                    ? Double.NaN
                    : (heldBytes * storedStored - storedBytes * heldStored) / determinant;
        }
    }
}
