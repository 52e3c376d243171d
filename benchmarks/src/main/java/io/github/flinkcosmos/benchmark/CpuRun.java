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
 * cluster, the SDK, the sampler) over the documents stored, between 10 % and 90 % of each run.
 *
 * <p>Both writers are fed at the same rate, 4,000 documents per second (what 20,000 RU/s pay for),
 * into a container of eight ranges with room to spare (10,000 RU/s each, the service's most): the
 * figure is then each writer's own work per document. For comparison the same writers, unpaced,
 * into a container of 20,000 RU/s: both then run at its rate too, but throttled, and most of the
 * work is the client's with 429s and their retries, which varies from run to run. Two rounds of
 * each, raw then sink, then sink then raw.
 */
final class CpuRun {

    private static final long SAMPLE_INTERVAL_MILLIS = 100;
    private static final int ROUNDS = 2;

    /** The paced runs' container: every range at the most the service gives one. */
    private static final int ROOMY_REQUEST_UNITS = PartitionedContainers.RANGES * 10_000;

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
        long rowsPerSecond = (long) PartitionedContainers.documentsPerSecond();
        Path log = Files.createTempFile("benchmark-endpoint-", ".log");
        try (EndpointProcess endpoint =
                EndpointProcess.start(System.getProperty("java.class.path"), log, "--plain-http")) {
            out.printf(
                    Locale.ROOT,
                    "CPU: endpoint in process %d; %,d documents per run%n",
                    endpoint.pid(),
                    rows);
            Measure paced =
                    measure(
                            endpoint,
                            String.format(
                                    Locale.ROOT,
                                    "paced at %,d documents/s, %,d RU/s",
                                    rowsPerSecond,
                                    ROOMY_REQUEST_UNITS),
                            rows,
                            raw,
                            ROOMY_REQUEST_UNITS,
                            rowsPerSecond);
            Measure atBudget =
                    measure(
                            endpoint,
                            String.format(
                                    Locale.ROOT,
                                    "unpaced at the budget, %,.0f RU/s",
                                    PartitionedContainers.REQUEST_UNITS),
                            rows,
                            raw,
                            (int) PartitionedContainers.REQUEST_UNITS,
                            BenchmarkDocuments.UNPACED);
            return new Result(rows, rowsPerSecond, raw, paced, atBudget);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private Measure measure(
            EndpointProcess endpoint,
            String label,
            long rows,
            ScaleRun.RawConfiguration raw,
            int requestUnits,
            long rowsPerSecond)
            throws Exception {
        BenchmarkDocuments documents = containers.balanced();
        List<Run> rawRuns = new ArrayList<>();
        List<Run> sinkRuns = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            boolean rawFirst = round % 2 == 1;
            for (int turn = 0; turn < 2; turn++) {
                if (rawFirst == (turn == 0)) {
                    rawRuns.add(
                            counted(
                                    endpoint,
                                    rows,
                                    () ->
                                            raw(
                                                    endpoint,
                                                    documents,
                                                    rows,
                                                    raw,
                                                    requestUnits,
                                                    rowsPerSecond)));
                } else {
                    sinkRuns.add(
                            counted(
                                    endpoint,
                                    rows,
                                    () ->
                                            sink(
                                                    endpoint,
                                                    documents,
                                                    rows,
                                                    requestUnits,
                                                    rowsPerSecond)));
                }
            }
            Run lastRaw = rawRuns.get(rawRuns.size() - 1);
            Run lastSink = sinkRuns.get(sinkRuns.size() - 1);
            out.printf(
                    Locale.ROOT,
                    "CPU, %s, round %d of %d: raw SDK %,.0f ns, sink %,.0f ns per document;"
                            + " documents per bulk request: raw SDK %.1f, sink %.1f%n",
                    label,
                    round,
                    ROUNDS,
                    lastRaw.nanosPerDocument(),
                    lastSink.nanosPerDocument(),
                    lastRaw.documentsPerRequest(),
                    lastSink.documentsPerRequest());
        }
        return new Measure(rawRuns, sinkRuns);
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
            ScaleRun.RawConfiguration raw,
            int requestUnits,
            long rowsPerSecond) {
        String container = create(endpoint.control(), "cpu-raw", requestUnits);
        ProgressSampler.Window window =
                new RawSdkBulkRun(endpoint.endpoint(), EmbeddedCosmosEndpoint.KEY, documents)
                        .paced(rowsPerSecond)
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

    private double sink(
            EndpointProcess endpoint,
            BenchmarkDocuments documents,
            long rows,
            int requestUnits,
            long rowsPerSecond)
            throws Exception {
        String container = create(endpoint.control(), "cpu-sink", requestUnits);
        ProgressSampler sampler = sample(endpoint.control());
        try (sampler) {
            FlinkSqlSinkJob.against(
                            cluster, endpoint.endpoint(), EmbeddedCosmosEndpoint.KEY, documents)
                    .start(container, rows, rowsPerSecond, ScaleRun.SINK_PARALLELISM, Map.of())
                    .await();
        }
        check(endpoint.control(), container, rows);
        ProgressSampler.Window window = sampler.steadyWindow(rows);
        return window.other() / window.documents();
    }

    private String create(EndpointControl control, String purpose, int requestUnits) {
        String container = purpose + "-" + ++runs;
        control.createContainer(
                BenchmarkEndpoint.DATABASE, container, "/pk", PartitionedContainers.RANGES);
        control.provision(BenchmarkEndpoint.DATABASE, container, requestUnits);
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

    /** The paced figure, which the goal is about, and the one at the budget. */
    record Result(
            long rowsPerRun,
            long rowsPerSecond,
            ScaleRun.RawConfiguration rawConfiguration,
            Measure paced,
            Measure atBudget) {}

    /** CPU nanoseconds per document of each round, in one condition. */
    record Measure(List<Run> rawRuns, List<Run> sinkRuns) {

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
