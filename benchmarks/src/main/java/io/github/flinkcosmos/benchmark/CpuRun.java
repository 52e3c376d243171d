package io.github.flinkcosmos.benchmark;

import com.azure.cosmos.models.CosmosBulkExecutionOptions;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinkcosmos.embedded.EmbeddedCosmosEndpoint;
import io.github.flinkcosmos.embedded.standalone.EndpointControl;
import io.github.flinkcosmos.embedded.standalone.EndpointProcess;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The client's CPU per document, the sink's against the best raw SDK program's, with the endpoint
 * in a process of its own so that its work is not in the figures: this JVM's CPU time (the Flink
 * cluster, the SDK, the sampler) over the documents stored, between 10 % and 90 % of each run. Both
 * write into a container of eight ranges at its budget (20,000 RU/s), so both run at the same rate,
 * whatever each could do unthrottled. Two rounds, raw then sink, then sink then raw.
 */
final class CpuRun {

    private static final long SAMPLE_INTERVAL_MILLIS = 100;
    private static final int ROUNDS = 2;

    private final BenchmarkCluster cluster;
    private final PartitionedContainers containers;
    private final PrintStream out;
    private int runs;

    CpuRun(BenchmarkCluster cluster, PartitionedContainers containers, PrintStream out) {
        this.cluster = cluster;
        this.containers = containers;
        this.out = out;
    }

    Result run(BenchmarkScale scale, ScaleRun.RawConfiguration raw) throws Exception {
        long rows = (long) (PartitionedContainers.documentsPerSecond() * scale.partitionSeconds());
        BenchmarkDocuments documents = containers.balanced();
        Path log = Files.createTempFile("benchmark-endpoint-", ".log");
        List<Run> rawRuns = new ArrayList<>();
        List<Run> sinkRuns = new ArrayList<>();
        try (EndpointProcess endpoint =
                EndpointProcess.start(System.getProperty("java.class.path"), log, "--plain-http")) {
            out.printf(
                    Locale.ROOT,
                    "CPU: endpoint in process %d; %,d documents per run at %,.0f RU/s%n",
                    endpoint.pid(),
                    rows,
                    PartitionedContainers.REQUEST_UNITS);
            for (int round = 1; round <= ROUNDS; round++) {
                boolean rawFirst = round % 2 == 1;
                for (int turn = 0; turn < 2; turn++) {
                    if (rawFirst == (turn == 0)) {
                        rawRuns.add(
                                counted(endpoint, rows, () -> raw(endpoint, documents, rows, raw)));
                    } else {
                        sinkRuns.add(
                                counted(endpoint, rows, () -> sink(endpoint, documents, rows)));
                    }
                }
                out.printf(
                        Locale.ROOT,
                        "CPU round %d of %d: raw SDK %,.0f ns, sink %,.0f ns per document;"
                                + " documents per bulk request: raw SDK %.1f, sink %.1f%n",
                        round,
                        ROUNDS,
                        rawRuns.get(rawRuns.size() - 1).nanosPerDocument(),
                        sinkRuns.get(sinkRuns.size() - 1).nanosPerDocument(),
                        rawRuns.get(rawRuns.size() - 1).documentsPerRequest(),
                        sinkRuns.get(sinkRuns.size() - 1).documentsPerRequest());
            }
        } finally {
            Files.deleteIfExists(log);
        }
        return new Result(rows, raw, rawRuns, sinkRuns);
    }

    /**
     * A run's CPU per document, and the documents per bulk request the endpoint answered meanwhile:
     * under throttling the client cuts its requests smaller, and that cost varies from run to run.
     */
    private static Run counted(EndpointProcess endpoint, long rows, Callable<Double> run)
            throws Exception {
        long before = bulkRequests(endpoint.control());
        double nanos = run.call();
        long requests = bulkRequests(endpoint.control()) - before;
        return new Run(nanos, (double) rows / requests);
    }

    private static long bulkRequests(EndpointControl control) {
        long requests = 0;
        for (Iterator<Map.Entry<String, JsonNode>> counters =
                        control.stats().path("counters").fields();
                counters.hasNext(); ) {
            Map.Entry<String, JsonNode> counter = counters.next();
            if (counter.getKey().startsWith("request BULK/")) {
                requests += counter.getValue().asLong();
            }
        }
        return requests;
    }

    record Run(double nanosPerDocument, double documentsPerRequest) {}

    private double raw(
            EndpointProcess endpoint,
            BenchmarkDocuments documents,
            long rows,
            ScaleRun.RawConfiguration raw) {
        String container = create(endpoint.control(), "cpu-raw");
        ProgressSampler.Window window =
                new RawSdkBulkRun(endpoint.endpoint(), EmbeddedCosmosEndpoint.KEY, documents)
                        .run(
                                container,
                                rows,
                                raw.calls(),
                                () ->
                                        new CosmosBulkExecutionOptions()
                                                .setMaxMicroBatchConcurrency(
                                                        raw.microBatchConcurrency()),
                                () -> sample(endpoint.control()),
                                sampler -> sampler.steadyWindow(rows));
        check(endpoint.control(), container, rows);
        return window.other() / window.documents();
    }

    private double sink(EndpointProcess endpoint, BenchmarkDocuments documents, long rows)
            throws Exception {
        String container = create(endpoint.control(), "cpu-sink");
        ProgressSampler sampler = sample(endpoint.control());
        try (sampler) {
            FlinkSqlSinkJob.against(
                            cluster, endpoint.endpoint(), EmbeddedCosmosEndpoint.KEY, documents)
                    .start(container, rows, ScaleRun.SINK_PARALLELISM, Map.of())
                    .await();
        }
        check(endpoint.control(), container, rows);
        ProgressSampler.Window window = sampler.steadyWindow(rows);
        return window.other() / window.documents();
    }

    private String create(EndpointControl control, String purpose) {
        String container = purpose + "-" + ++runs;
        control.createContainer(
                BenchmarkEndpoint.DATABASE, container, "/pk", PartitionedContainers.RANGES);
        control.provision(
                BenchmarkEndpoint.DATABASE, container, (int) PartitionedContainers.REQUEST_UNITS);
        return container;
    }

    /** Documents created on the endpoint, and this JVM's CPU time in nanoseconds. */
    private static ProgressSampler sample(EndpointControl control) {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean();
        return ProgressSampler.start(
                () -> created(control), os::getProcessCpuTime, SAMPLE_INTERVAL_MILLIS);
    }

    private static double created(EndpointControl control) {
        JsonNode count = control.stats().path("counters").path("operation UPSERT/201");
        return count.asLong(0);
    }

    private static void check(EndpointControl control, String container, long rows) {
        long stored = control.documents(BenchmarkEndpoint.DATABASE, container).size();
        if (stored != rows) {
            throw new IllegalStateException(
                    container + " holds " + stored + " documents instead of " + rows);
        }
    }

    /** CPU nanoseconds per document of each round. */
    record Result(
            long rowsPerRun,
            ScaleRun.RawConfiguration rawConfiguration,
            List<Run> rawRuns,
            List<Run> sinkRuns) {

        List<Double> rawNanos() {
            return rawRuns.stream().map(Run::nanosPerDocument).toList();
        }

        List<Double> sinkNanos() {
            return sinkRuns.stream().map(Run::nanosPerDocument).toList();
        }

        double raw() {
            return rawNanos().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        }

        double sink() {
            return sinkNanos().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        }

        double ratio() {
            return sink() / raw();
        }
    }
}
