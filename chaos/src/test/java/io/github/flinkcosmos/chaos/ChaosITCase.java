package io.github.flinkcosmos.chaos;

import io.github.flinkcosmos.embedded.faults.RequestKind;
import io.github.flinkcosmos.embedded.standalone.EndpointControl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The claim "at least once, and the final container equals a failure-free run" against a real
 * multi-process Flink cluster with the shaded jar. {@code mvn verify} runs the short version (one
 * kill, one outage); {@code -Pchaos} runs the four full scenarios and writes their figures.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChaosITCase {

    private static final boolean FULL = "full".equals(System.getProperty("chaos.scale"));
    private static final Path WORK =
            Path.of(System.getProperty("chaos.work", "target/chaos")).toAbsolutePath();
    private static final List<ScenarioResult> RESULTS = new ArrayList<>();

    /** Buffers rows for up to a minute, so that a savepoint finds rows in the sink's state. */
    private static final String LONG_BUFFERING = "'sink.flush-buffer.timeout' = '60000'";

    @Test
    @Order(0)
    void shortRunSurvivesAKillAndAnOutage() throws Exception {
        assumeTrue(!FULL, "the full scenarios run instead");
        ChangelogWorkload workload = ChangelogWorkload.SHORT;
        try (ChaosRun run = ChaosRun.start(WORK.resolve("short"), workload, 2)) {
            String job = run.submit("chaos-short", 2, "", "");
            run.awaitRunning(job);
            run.awaitNewCheckpoint(job);
            run.killTaskManagerAndReplace(job);
            run.awaitNewCheckpoint(job);
            run.requireRunning(job, "the outage");
            outage(run, Duration.ofSeconds(10));
            assertThat(run.awaitEnd(job)).isEqualTo("FINISHED");
            record(
                    run.result(
                            "short",
                            "1 kill -9, 10 s unreachable",
                            run.cluster().rest().restarts(job),
                            -1));
        }
    }

    /**
     * The same job without faults: the control for the audit (this changelog repeats no body and
     * deletes no absent document, so what it counts here are retries on a loaded machine, such as a
     * bulk request that timed out after it was applied) and the request units of a failure-free
     * run.
     */
    @Test
    @Order(1)
    void baselineWithoutFaults() throws Exception {
        assumeTrue(FULL, "-Pchaos runs the full scenarios");
        try (ChaosRun run = ChaosRun.start(WORK.resolve("baseline"), ChangelogWorkload.FULL, 2)) {
            String job = run.submit("chaos-baseline", 2, "", "");
            assertThat(run.awaitEnd(job)).isEqualTo("FINISHED");
            record(run.result("baseline", "none", run.cluster().rest().restarts(job), -1));
        }
    }

    @Test
    @Order(2)
    void a_fiveTaskManagerKills() throws Exception {
        assumeTrue(FULL, "-Pchaos runs the full scenarios");
        try (ChaosRun run = ChaosRun.start(WORK.resolve("a-kills"), ChangelogWorkload.FULL, 2)) {
            String job = run.submit("chaos-a", 2, "", "");
            run.awaitRunning(job);
            run.awaitNewCheckpoint(job);
            for (int kill = 1; kill <= 5; kill++) {
                run.killTaskManagerAndReplace(job);
                run.awaitNewCheckpoint(job);
            }
            assertThat(run.awaitEnd(job)).isEqualTo("FINISHED");
            assertThat(run.kills()).isEqualTo(5);
            record(
                    run.result(
                            "(a) kills",
                            "5 × kill -9 of a task manager, a new one after each",
                            run.cluster().rest().restarts(job),
                            -1));
        }
    }

    @Test
    @Order(3)
    void b_endpointOutageAndServiceFaults() throws Exception {
        assumeTrue(FULL, "-Pchaos runs the full scenarios");
        try (ChaosRun run = ChaosRun.start(WORK.resolve("b-endpoint"), ChangelogWorkload.FULL, 2)) {
            EndpointControl endpoint = run.endpoint();
            String job = run.submit("chaos-b", 2, "", "");
            run.awaitRunning(job);
            run.awaitNewCheckpoint(job);
            run.requireRunning(job, "the outage");
            outage(run, Duration.ofSeconds(20));
            run.awaitRunning(job);
            for (int burst = 0; burst < 3; burst++) {
                run.requireRunning(job, "503 burst " + (burst + 1));
                endpoint.failRequestsFor(
                        Set.of(RequestKind.BULK, RequestKind.DOCUMENT), 503, Duration.ofSeconds(2));
                Thread.sleep(4_000);
            }
            for (int storm = 0; storm < 3; storm++) {
                run.requireRunning(job, "429 storm " + (storm + 1));
                endpoint.failOperationsFor(
                        429, 3200, Duration.ofMillis(100), Duration.ofSeconds(3));
                Thread.sleep(5_000);
            }
            for (int spike = 0; spike < 3; spike++) {
                run.requireRunning(job, "latency spike " + (spike + 1));
                endpoint.spikeLatencyFor(Duration.ofSeconds(5), Duration.ofSeconds(3));
                Thread.sleep(7_000);
            }
            assertThat(run.awaitEnd(job)).isEqualTo("FINISHED");
            record(
                    run.result(
                            "(b) endpoint",
                            "unreachable 20 s; 3 × 2-s bursts of 503; 3 × 3-s storms of 429;"
                                    + " 3 × 3-s spikes of 5-s latency",
                            run.cluster().rest().restarts(job),
                            -1));
        }
    }

    @Test
    @Order(4)
    void c_stopWithSavepointAtTwoResumeAtThree() throws Exception {
        assumeTrue(FULL, "-Pchaos runs the full scenarios");
        try (ChaosRun run = ChaosRun.start(WORK.resolve("c-rescale"), ChangelogWorkload.FULL, 3)) {
            String first = run.submit("chaos-c", 2, LONG_BUFFERING, "");
            run.awaitRunning(first);
            run.awaitNewCheckpoint(first);
            Thread.sleep(15_000);
            run.requireRunning(first, "the stop with savepoint");
            FlinkRest rest = run.cluster().rest();
            String trigger =
                    rest.stopWithSavepoint(first, run.cluster().savepoints().toUri().toString());
            String savepoint =
                    ChaosRun.await(
                            "the savepoint",
                            Duration.ofMinutes(2),
                            () -> rest.savepointLocation(first, trigger).orElse(null));
            assertThat(run.awaitEnd(first)).isEqualTo("FINISHED");
            long buffered = SavepointSinkState.bufferedRows(savepoint);
            assertThat(buffered).as("rows in the sink's state at the stop").isPositive();

            String resumed =
                    run.submit(
                            "chaos-c-resumed",
                            3,
                            LONG_BUFFERING,
                            "SET 'execution.state-recovery.path' = '%s';".formatted(savepoint));
            run.awaitRunning(resumed);
            assertThat(rest.maxParallelism(resumed)).isEqualTo(3);
            assertThat(run.awaitEnd(resumed)).isEqualTo("FINISHED");
            record(
                    run.result(
                            "(c) rescale",
                            "stop-with-savepoint at parallelism 2, resumed at 3",
                            rest.restarts(first) + rest.restarts(resumed),
                            buffered));
        }
    }

    @Test
    @Order(5)
    void d_killDuringACheckpoint() throws Exception {
        assumeTrue(FULL, "-Pchaos runs the full scenarios");
        try (ChaosRun run =
                ChaosRun.start(WORK.resolve("d-checkpoint"), ChangelogWorkload.FULL, 2)) {
            String job = run.submit("chaos-d", 2, "", "");
            FlinkRest rest = run.cluster().rest();
            run.awaitRunning(job);
            run.awaitNewCheckpoint(job);
            for (int kill = 1; kill <= 2; kill++) {
                run.requireRunning(job, "the slow checkpoint " + kill);
                // Responses 3 s late keep bulk requests in flight, which a checkpoint waits for.
                run.endpoint().spikeLatencyFor(Duration.ofSeconds(3), Duration.ofSeconds(10));
                ChaosRun.await(
                        "a checkpoint in progress",
                        Duration.ofSeconds(30),
                        () -> rest.checkpoints(job).inProgress() > 0 ? Boolean.TRUE : null);
                long failedBefore = rest.checkpoints(job).failed();
                run.killTaskManagerAndReplace(job);
                run.endpoint().clearFaults();
                run.awaitNewCheckpoint(job);
                assertThat(rest.checkpoints(job).failed())
                        .as("the checkpoint in progress at kill %d failed", kill)
                        .isGreaterThan(failedBefore);
            }
            assertThat(run.awaitEnd(job)).isEqualTo("FINISHED");
            record(
                    run.result(
                            "(d) kill in checkpoint",
                            "2 × kill -9 of a task manager while a checkpoint is in progress",
                            rest.restarts(job),
                            -1));
        }
    }

    @AfterAll
    static void writeResults() throws IOException {
        String file = System.getProperty("chaos.results", "");
        if (FULL && !file.isBlank() && !RESULTS.isEmpty()) {
            ChaosReport.write(Path.of(file), ChangelogWorkload.FULL, RESULTS);
        }
    }

    private static void outage(ChaosRun run, Duration outage) throws InterruptedException {
        run.endpoint().unreachableFor(outage);
        Thread.sleep(outage.toMillis());
    }

    /** Records the scenario's figures and asserts the container is exactly the expected table. */
    private static void record(ScenarioResult result) {
        RESULTS.add(result);
        System.out.println("CHAOS " + result);
        ContainerVerdict verdict = result.verdict();
        assertThat(verdict.exact())
                .as(
                        "%s: %d lost, %d stale, %d resurrected of %d expected; %s",
                        result.name(),
                        verdict.lost(),
                        verdict.stale(),
                        verdict.resurrected(),
                        verdict.expectedPresent(),
                        verdict.examples())
                .isTrue();
    }
}
