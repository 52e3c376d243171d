package io.github.flinkcosmos.benchmark;

import com.azure.cosmos.models.PriorityLevel;
import io.github.flinkcosmos.embedded.faults.OperationFailure;
import io.github.flinkcosmos.embedded.faults.OperationMatch;
import io.github.flinkcosmos.embedded.throughput.ThroughputBudget;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The request-unit governance benchmark: (a) how precisely throughput control keeps a target, (b)
 * whether a high-priority application keeps its demand beside a low-priority sink, (c) what a
 * five-minute overload by another writer does to a sink with the defaults and to one with
 * throughput control and a long throttling wait. Every run writes into a container of 20,000 RU/s
 * on the embedded endpoint, whose request-unit model (5 RU per document of up to 1 KiB) decides the
 * figures: they are bound by the budget, not by the CPU.
 *
 * <p>Usage: {@code GovernanceBenchmark [--results DIRECTORY] [--scale full|quick]}; a full run
 * writes {@code governance-benchmark.md}.
 */
public final class GovernanceBenchmark {

    static final String COMMAND = "mvn -B -q -Pgovernance-benchmark -DskipTests verify";

    private static final double CONTAINER_RU = 20_000;
    private static final double RU_PER_DOCUMENT = 5;
    private static final int PARALLELISM = 2;

    /** How many documents another writer keeps rewriting. */
    private static final long OTHER_IDS = 5_000;

    private final BenchmarkCluster cluster;
    private final BenchmarkEndpoint endpoint;
    private final boolean full;
    private final PrintStream out;
    private final List<String> lines = new ArrayList<>();

    private GovernanceBenchmark(
            BenchmarkCluster cluster, BenchmarkEndpoint endpoint, boolean full, PrintStream out) {
        this.cluster = cluster;
        this.endpoint = endpoint;
        this.full = full;
        this.out = out;
    }

    public static void main(String[] args) {
        Path results = Path.of("results");
        boolean full = true;
        String parts = "precision,coexistence,overload,rideout";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--results" -> results = Path.of(args[i + 1]);
                case "--scale" -> full = !args[i + 1].equals("quick");
                case "--parts" -> parts = args[i + 1];
                default -> throw new IllegalArgumentException("Unknown argument " + args[i]);
            }
        }
        int status = 0;
        try (BenchmarkCluster cluster = new BenchmarkCluster();
                BenchmarkEndpoint endpoint = new BenchmarkEndpoint()) {
            GovernanceBenchmark benchmark =
                    new GovernanceBenchmark(cluster, endpoint, full, System.out);
            if (parts.contains("precision")) {
                benchmark.precision();
            }
            if (parts.contains("coexistence")) {
                benchmark.coexistence();
            }
            if (parts.contains("overload")) {
                benchmark.overload();
            }
            if (parts.contains("rideout")) {
                benchmark.rideOut();
            }
            String report = benchmark.report();
            System.out.println(report);
            if (full && parts.equals("precision,coexistence,overload,rideout")) {
                Files.createDirectories(results);
                Files.writeString(
                        results.resolve("governance-benchmark.md"), report, StandardCharsets.UTF_8);
            }
        } catch (Throwable e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    /**
     * (a) 30% of the container, as a threshold, for the whole sink at parallelism 2 (the goal), and
     * at parallelism 1 for comparison: one client keeping the whole target.
     */
    void precision() throws Exception {
        precision(PARALLELISM, Map.of());
        precision(1, Map.of());
        // More requests in flight for the client to hold back.
        precision(PARALLELISM, Map.of("cosmos.max-microbatch-concurrency", "5"));
    }

    private void precision(int parallelism, Map<String, String> more) throws Exception {
        String container = "precision-" + parallelism + "-" + more.size();
        Map<String, String> options = new HashMap<>(more);
        options.put("cosmos.throughput-control.target-threshold", "0.3");
        long seconds = full ? 40 : 6;
        long rows = (long) (0.3 * CONTAINER_RU / RU_PER_DOCUMENT * seconds);
        ThroughputBudget budget = endpoint.provision(container, CONTAINER_RU);
        long throttledBefore = endpoint.upsertsThrottled();
        ProgressSampler sampler = endpoint.sampleNewDocuments(budget);
        try (sampler) {
            startJob(container, rows, parallelism, options).await();
        }
        ProgressSampler.Window window = sampler.steadyWindow(rows);
        long throttled = endpoint.upsertsThrottled() - throttledBefore;
        long lost = rows - endpoint.documentCount(container);
        double share = window.otherPerSecond() / CONTAINER_RU;
        endpoint.delete(container);
        endpoint.unlimited(container);
        boolean met = share >= 0.27 && share <= 0.31 && throttled == 0 && lost == 0;
        boolean goal = parallelism == PARALLELISM && more.isEmpty();
        record(
                "(a) precision, parallelism " + parallelism + (more.isEmpty() ? "" : ", " + more),
                "`cosmos.throughput-control.target-threshold` = 0.3, parallelism %d, %,d rows:"
                                .formatted(parallelism, rows)
                        + " the sink used %.3f of the container (%,.0f RU/s charged over the"
                                .formatted(share, window.otherPerSecond())
                        + " steady %.1f s between 10%% and 90%% of the rows), %d service 429s,"
                                .formatted(window.seconds(), throttled)
                        + " %d documents lost. %s"
                                .formatted(
                                        lost,
                                        goal
                                                ? "Goal 0.27–0.31 with 0 service 429s: "
                                                        + (met ? "**met**." : "**not met**.")
                                                : "For comparison, no goal."));
    }

    /**
     * (b) An application at high priority demanding 60% of the container, beside the sink at low
     * priority with no target; then both without a priority.
     */
    void coexistence() throws Exception {
        Coexistence withPriority = coexist("coexistence-priority", true);
        record(
                "(b) coexistence, priorities",
                ("application high priority demanding 12,000 RU/s (60%%), sink low priority with"
                                + " no target: the application got %.3f of its demand (%,.0f RU/s,"
                                + " %d writes failed after its client's retries), the sink %,.0f"
                                + " RU/s, over %.0f s. Goal ≥ 0.9 of its demand: %s.")
                        .formatted(
                                withPriority.applicationShareOfDemand(),
                                withPriority.applicationPerSecond(),
                                withPriority.applicationFailed(),
                                withPriority.sinkPerSecond(),
                                withPriority.seconds(),
                                withPriority.applicationShareOfDemand() >= 0.9
                                        ? "**met**"
                                        : "**not met**"));
        Coexistence without = coexist("coexistence-none", false);
        record(
                "(b) coexistence, no priorities",
                ("the same without any priority: the application got %.3f of its demand (%,.0f"
                                + " RU/s, %d writes failed), the sink %,.0f RU/s, over %.0f s."
                                + " Reported, no goal.")
                        .formatted(
                                without.applicationShareOfDemand(),
                                without.applicationPerSecond(),
                                without.applicationFailed(),
                                without.sinkPerSecond(),
                                without.seconds()));
    }

    private record Coexistence(
            double applicationPerSecond,
            double sinkPerSecond,
            long applicationFailed,
            double seconds) {

        double applicationShareOfDemand() {
            return applicationPerSecond / (0.6 * CONTAINER_RU);
        }
    }

    private Coexistence coexist(String container, boolean priorities) throws Exception {
        long seconds = full ? 40 : 6;
        ThroughputBudget budget = endpoint.provision(container, CONTAINER_RU);
        try (CompetingWriter application =
                new CompetingWriter(
                        endpoint,
                        container,
                        "app-",
                        OTHER_IDS,
                        priorities ? Optional.of(PriorityLevel.HIGH) : Optional.empty())) {
            application.startPaced(0.6 * CONTAINER_RU);
            // The sink's rows outlast the window; it is cancelled after it. Long throttling
            // retries, so that the sink's retries do not end the run before the window does.
            Map<String, String> options =
                    new HashMap<>(
                            Map.of(
                                    "cosmos.throttling.max-retry-attempts", "1000",
                                    "cosmos.throttling.max-retry-wait-ms", "600000"));
            if (priorities) {
                options.put("cosmos.throughput-control.priority", "low");
            }
            TableResult job = startJob(container, 10_000_000, PARALLELISM, options);
            // Until the sink writes: its job has started.
            while (budget.consumed() - application.requestUnits() < 10_000) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
            TimeUnit.SECONDS.sleep(full ? 5 : 1);
            double consumedBefore = budget.consumed();
            double applicationBefore = application.requestUnits();
            long failedBefore = application.failed();
            long started = System.nanoTime();
            TimeUnit.SECONDS.sleep(seconds);
            double elapsed = (System.nanoTime() - started) / 1e9;
            double applicationRu = application.requestUnits() - applicationBefore;
            double sinkRu = budget.consumed() - consumedBefore - applicationRu;
            long failed = application.failed() - failedBefore;
            job.getJobClient().orElseThrow().cancel().get();
            application.stop();
            endpoint.delete(container);
            endpoint.unlimited(container);
            return new Coexistence(applicationRu / elapsed, sinkRu / elapsed, failed, elapsed);
        }
    }

    /**
     * (c) Another writer saturates the container for five minutes while the sink writes: first with
     * the defaults, then with throughput control (0.2 of the container) and a long throttling wait.
     */
    void overload() throws Exception {
        Overload defaults = overload("overload-defaults", Map.of());
        record(
                "(c) overload, defaults",
                describe(defaults)
                        + " Goal: report how long the defaults ride it out and what they do"
                        + " to the other writer.");
        Overload governed =
                overload(
                        "overload-governed",
                        Map.of(
                                "cosmos.throughput-control.target-threshold", "0.2",
                                "cosmos.throttling.max-retry-wait-ms", "600000",
                                "cosmos.throttling.max-retry-attempts", "1000"));
        boolean met =
                governed.failure().isEmpty()
                        && governed.lost() == 0
                        && governed.otherShareDuring() >= 0.75;
        record(
                "(c) overload, throughput control 0.2 and max-retry-wait 600 s",
                describe(governed)
                        + (" Goal 0 lost, 0 failed, the other writer keeps its share (≥ 0.75 of"
                                        + " the container, what 0.2 for the sink leaves, less a"
                                        + " margin): %s.")
                                .formatted(met ? "**met**" : "**not met**"));
    }

    private String describe(Overload run) {
        return ("other writer alone: %.3f of the container; while the sink ran: %.3f. Sink (%,d"
                        + " rows, options %s): %s after %.0f s, %,d documents stored, %,d lost,"
                        + " %d writes of the other writer failed after its client's retries.%s")
                .formatted(
                        run.otherShareAlone(),
                        run.otherShareDuring(),
                        run.rows(),
                        run.options().isEmpty() ? "defaults" : run.options(),
                        run.failure().isPresent() ? "**failed**" : "finished",
                        run.seconds(),
                        run.stored(),
                        run.lost(),
                        run.otherFailed(),
                        run.failure().map(message -> " Its message: `" + message + "`").orElse(""));
    }

    private record Overload(
            Map<String, String> options,
            long rows,
            double otherShareAlone,
            double otherShareDuring,
            Optional<String> failure,
            double seconds,
            long stored,
            long lost,
            long otherFailed) {}

    private Overload overload(String container, Map<String, String> options) throws Exception {
        Duration overload = full ? Duration.ofMinutes(5) : Duration.ofSeconds(20);
        // About five minutes of rows at a fifth of the container.
        long rows = full ? 240_000 : 3_000;
        endpoint.provision(container, CONTAINER_RU);
        try (CompetingWriter other =
                new CompetingWriter(endpoint, container, "other-", OTHER_IDS, Optional.empty())) {
            long overloadStarted = System.nanoTime();
            other.startSaturating(8);
            // Past the first second, which a full bucket serves on top of the budget.
            TimeUnit.SECONDS.sleep(full ? 3 : 1);
            double aloneFrom = other.requestUnits();
            long aloneStarted = System.nanoTime();
            TimeUnit.SECONDS.sleep(full ? 10 : 2);
            double otherAlone =
                    (other.requestUnits() - aloneFrom) / ((System.nanoTime() - aloneStarted) / 1e9);
            out.printf(
                    Locale.ROOT,
                    "(c) %s: the other writer alone %.0f RU/s%n",
                    container,
                    otherAlone);
            double otherBefore = other.requestUnits();
            long started = System.nanoTime();
            TableResult job = startJob(container, rows, PARALLELISM, options);
            JobClient client = job.getJobClient().orElseThrow();
            Optional<String> failure = Optional.empty();
            try {
                job.await(
                        Math.max(1, overload.toNanos() - (System.nanoTime() - overloadStarted)),
                        TimeUnit.NANOSECONDS);
            } catch (TimeoutException stillRunning) {
                // Past the overload: it ends, and the job may finish.
            } catch (Exception e) {
                failure = Optional.of(sinkMessage(e));
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            boolean ended = client.getJobStatus().get().isGloballyTerminalState();
            double otherDuring = (other.requestUnits() - otherBefore) / seconds;
            // The overload lasts its five minutes whether or not the sink is done.
            long overloadLeft = overload.toNanos() - (System.nanoTime() - overloadStarted);
            if (overloadLeft > 0 && failure.isEmpty()) {
                try {
                    job.await(overloadLeft, TimeUnit.NANOSECONDS);
                } catch (TimeoutException stillRunning) {
                    // Now the overload ends.
                } catch (Exception e) {
                    failure = Optional.of(sinkMessage(e));
                }
                long rest = overload.toNanos() - (System.nanoTime() - overloadStarted);
                if (rest > 0) {
                    TimeUnit.NANOSECONDS.sleep(rest);
                }
            }
            other.stop();
            if (failure.isEmpty() && !client.getJobStatus().get().isGloballyTerminalState()) {
                out.printf(Locale.ROOT, "(c) %s: overload over, the sink still runs%n", container);
                try {
                    job.await();
                } catch (Exception e) {
                    failure = Optional.of(sinkMessage(e));
                }
            }
            if (!client.getJobStatus().get().isGloballyTerminalState()) {
                client.cancel().get();
            }
            if (!ended) {
                seconds = (System.nanoTime() - started) / 1e9;
            }
            // The other writer has stored each of its ids by now.
            long stored =
                    endpoint.documentCount(container) - Math.min(OTHER_IDS, other.succeeded());
            long otherFailed = other.failed();
            endpoint.delete(container);
            endpoint.unlimited(container);
            return new Overload(
                    options,
                    rows,
                    otherAlone / CONTAINER_RU,
                    otherDuring / CONTAINER_RU,
                    failure,
                    seconds,
                    stored,
                    rows - stored,
                    otherFailed);
        }
    }

    /**
     * (d) Every write of the sink answered 429 with a retry-after of 500 ms for five minutes: how
     * long the defaults ride it out, and whether a long throttling wait rides all of it out.
     */
    void rideOut() throws Exception {
        record("(d) ride-out, defaults", describe(rideOut("rideout-defaults", Map.of())));
        record(
                "(d) ride-out, max-retry-wait 600 s, max-retry-attempts 1000",
                describe(
                        rideOut(
                                "rideout-long",
                                Map.of(
                                        "cosmos.throttling.max-retry-wait-ms", "600000",
                                        "cosmos.throttling.max-retry-attempts", "1000"))));
    }

    private record RideOut(
            Map<String, String> options,
            Duration throttling,
            Optional<String> failure,
            double seconds,
            long lost) {}

    private String describe(RideOut run) {
        return ("every write answered 429 (retry-after 500 ms) for %d s; sink (options %s): %s"
                        + " after %.0f s, %,d of 1,000 documents lost.%s")
                .formatted(
                        run.throttling().toSeconds(),
                        run.options().isEmpty() ? "defaults" : run.options(),
                        run.failure().isPresent() ? "**failed**" : "finished",
                        run.seconds(),
                        run.lost(),
                        run.failure().map(message -> " Its message: `" + message + "`").orElse(""));
    }

    private RideOut rideOut(String container, Map<String, String> options) throws Exception {
        Duration throttling = full ? Duration.ofMinutes(5) : Duration.ofSeconds(20);
        long rows = 1_000;
        endpoint.faults()
                .failOperations(
                        OperationMatch.container(container),
                        Integer.MAX_VALUE,
                        OperationFailure.throttled(Duration.ofMillis(500)));
        long started = System.nanoTime();
        TableResult job = startJob(container, rows, PARALLELISM, options);
        Optional<String> failure = Optional.empty();
        try {
            job.await(throttling.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException stillRunning) {
            out.printf(Locale.ROOT, "(d) %s: still running when the throttling ends%n", container);
        } catch (Exception e) {
            failure = Optional.of(sinkMessage(e));
        }
        endpoint.faults().clear();
        if (failure.isEmpty()) {
            try {
                job.await();
            } catch (Exception e) {
                failure = Optional.of(sinkMessage(e));
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long lost = rows - endpoint.documentCount(container);
        endpoint.delete(container);
        return new RideOut(options, throttling, failure, seconds, lost);
    }

    /**
     * The benchmark's usual job ({@link FlinkSqlSinkJob}: a datagen sequence into a cosmos table,
     * with checkpoints), but without restarts: a sink that gives up fails the job, which is what
     * these runs measure, instead of restarting from its last checkpoint.
     */
    private TableResult startJob(
            String container, long rows, int parallelism, Map<String, String> sinkOptions) {
        Configuration configuration = new Configuration();
        configuration.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        configuration.set(
                CheckpointingOptions.CHECKPOINTING_INTERVAL, FlinkSqlSinkJob.CHECKPOINT_INTERVAL);
        configuration.setString("restart-strategy.type", "none");
        TableEnvironment sql =
                TableEnvironment.create(
                        EnvironmentSettings.newInstance()
                                .inStreamingMode()
                                .withConfiguration(cluster.submitTo(configuration))
                                .build());
        sql.executeSql(BenchmarkDocuments.sourceTable("sequence", rows));
        sql.executeSql(
                BenchmarkDocuments.sinkTable(
                        "documents",
                        endpoint.uri(),
                        endpoint.key(),
                        BenchmarkEndpoint.DATABASE,
                        container,
                        sinkOptions));
        return sql.executeSql(BenchmarkDocuments.small().insert("documents", "sequence"));
    }

    /** The sink's own message, from the job's failure. */
    private static String sinkMessage(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause.getClass().getSimpleName().equals("CosmosSinkException")) {
                return cause.getMessage();
            }
        }
        return error.toString();
    }

    private void record(String part, String text) {
        out.println(part + ": " + text);
        lines.add("| " + part + " | " + text.replace("|", "\\|") + " |");
    }

    private String report() {
        StringBuilder report = new StringBuilder();
        report.append("# Request-unit governance benchmark\n\n");
        report.append("Command: `").append(COMMAND).append("` (about 15 minutes).\n\n");
        report.append(
                "Every run writes into its own container of 20,000 RU/s (one partition-key range)"
                        + " on the embedded endpoint over plain HTTP, documents of about 170 bytes"
                        + " at 5 RU each, the sink at parallelism 2 on a local Flink cluster of"
                        + " one task manager with two slots. The figures are bound by the"
                        + " endpoint's request-unit budget, not by the CPU; the machine (%d cores)"
                                .formatted(Runtime.getRuntime().availableProcessors())
                        + " was shared with other engineers' builds while this ran.\n\n");
        report.append("| part | result |\n|---|---|\n");
        lines.forEach(line -> report.append(line).append('\n'));
        return report.toString();
    }
}
