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
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
        List<Double> rawNanos = new ArrayList<>();
        List<Double> sinkNanos = new ArrayList<>();
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
                        rawNanos.add(raw(endpoint, documents, rows, raw));
                    } else {
                        sinkNanos.add(sink(endpoint, documents, rows));
                    }
                }
                out.printf(
                        Locale.ROOT,
                        "CPU round %d of %d: raw SDK %,.0f ns, sink %,.0f ns per document%n",
                        round,
                        ROUNDS,
                        rawNanos.get(rawNanos.size() - 1),
                        sinkNanos.get(sinkNanos.size() - 1));
            }
        } finally {
            Files.deleteIfExists(log);
        }
        return new Result(rows, raw, rawNanos, sinkNanos);
    }

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
            List<Double> rawNanos,
            List<Double> sinkNanos) {

        double raw() {
            return rawNanos.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        }

        double sink() {
            return sinkNanos.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        }

        double ratio() {
            return sink() / raw();
        }
    }
}
