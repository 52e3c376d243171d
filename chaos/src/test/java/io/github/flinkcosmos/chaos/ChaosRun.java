package io.github.flinkcosmos.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinkcosmos.embedded.EmbeddedCosmosEndpoint;
import io.github.flinkcosmos.embedded.standalone.EndpointControl;
import io.github.flinkcosmos.embedded.standalone.EndpointProcess;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One scenario's world: the embedded endpoint in its own process, a Flink cluster of separate
 * processes, jobs submitted through the SQL client with the shaded jar, and the figures at the end.
 * Closing it kills every process it started.
 */
final class ChaosRun implements AutoCloseable {

    static final String DATABASE = "chaos";
    static final String CONTAINER = "documents";

    /**
     * The Cosmos DB client's switch for a plain-HTTP endpoint, in every process that talks to it.
     */
    private static final List<String> COSMOS_CLIENT_OPTIONS =
            List.of("-DCOSMOS.HTTP_CONNECTION_WITHOUT_TLS_ALLOWED=true");

    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(8);

    private final Path work;
    private final ChangelogWorkload workload;
    private final String classpath;
    private final Path connectorJar;
    private final EndpointProcess endpoint;
    private final FlinkCluster cluster;
    private final long started = System.nanoTime();
    private int kills;
    private int submissions;

    private ChaosRun(
            Path work,
            ChangelogWorkload workload,
            String classpath,
            Path connectorJar,
            EndpointProcess endpoint,
            FlinkCluster cluster) {
        this.work = work;
        this.workload = workload;
        this.classpath = classpath;
        this.connectorJar = connectorJar;
        this.endpoint = endpoint;
        this.cluster = cluster;
    }

    static ChaosRun start(Path work, ChangelogWorkload workload, int taskManagers)
            throws IOException, InterruptedException {
        Files.createDirectories(work);
        Path connectorJar = Path.of(System.getProperty("sqlConnectorJar"));
        if (!Files.isRegularFile(connectorJar)) {
            throw new IllegalStateException(
                    "No shaded SQL jar at " + connectorJar + "; build flink-sql-connector-cosmos");
        }
        String classpath = classpathWithout(connectorJar);
        EndpointProcess endpoint =
                EndpointProcess.start(
                        classpath, work.resolve("endpoint.log"), "--plain-http", "--audit-writes");
        try {
            endpoint.control().createContainer(DATABASE, CONTAINER, "/id", 1);
            FlinkCluster cluster =
                    FlinkCluster.start(
                            work.resolve("flink"), classpath, COSMOS_CLIENT_OPTIONS, taskManagers);
            return new ChaosRun(work, workload, classpath, connectorJar, endpoint, cluster);
        } catch (IOException | InterruptedException | RuntimeException e) {
            endpoint.close();
            throw e;
        }
    }

    FlinkCluster cluster() {
        return cluster;
    }

    EndpointControl endpoint() {
        return endpoint.control();
    }

    /** Submits the workload through the SQL client and returns the job's id once it is known. */
    String submit(String jobName, int parallelism, String sinkOptions, String settings)
            throws IOException, InterruptedException {
        int number = ++submissions;
        Path script = work.resolve("job-" + number + ".sql");
        Files.writeString(
                script,
                workload.script(
                        jobName,
                        parallelism,
                        endpoint.endpoint(),
                        EmbeddedCosmosEndpoint.KEY,
                        DATABASE,
                        CONTAINER,
                        sinkOptions,
                        settings));
        SqlClient.submit(
                classpath,
                connectorJar,
                cluster.conf(),
                COSMOS_CLIENT_OPTIONS,
                script,
                work.resolve("sql-client-" + number + ".log"));
        return await(
                "job " + jobName + " to be listed",
                Duration.ofSeconds(60),
                () -> cluster.rest().jobNamed(jobName).orElse(null));
    }

    /** Waits until every task of the job runs, as after a (re)start. */
    void awaitRunning(String jobId) throws IOException, InterruptedException {
        await(
                "job " + jobId + " to run all its tasks",
                Duration.ofMinutes(2),
                () -> cluster.rest().allTasksRunning(jobId) ? Boolean.TRUE : null);
    }

    /** Waits for a checkpoint to complete after the ones counted now: progress was made. */
    void awaitNewCheckpoint(String jobId) throws IOException, InterruptedException {
        long completed = cluster.rest().checkpoints(jobId).completed();
        await(
                "a new checkpoint of job " + jobId,
                Duration.ofMinutes(2),
                () ->
                        cluster.rest().checkpoints(jobId).completed() > completed
                                ? Boolean.TRUE
                                : null);
    }

    /** Fails the scenario if the job is no longer running: a fault must hit a running job. */
    void requireRunning(String jobId, String before) throws IOException {
        String state = cluster.rest().jobState(jobId);
        if (!state.equals("RUNNING") && !state.equals("RESTARTING")) {
            throw new IllegalStateException(
                    "Job %s was %s before %s: the workload is too short for the scenario"
                            .formatted(jobId, state, before));
        }
    }

    /** kill -9 of a task manager running a subtask of the job, and a new one in its place. */
    void killTaskManagerAndReplace(String jobId) throws IOException, InterruptedException {
        requireRunning(jobId, "kill " + (kills + 1));
        long restarts = cluster.rest().restarts(jobId);
        cluster.killTaskManager();
        kills++;
        cluster.startTaskManager();
        await(
                "job " + jobId + " to restart after kill " + kills,
                Duration.ofMinutes(2),
                () -> cluster.rest().restarts(jobId) > restarts ? Boolean.TRUE : null);
        awaitRunning(jobId);
    }

    /** Waits for the job to end and returns its final state. */
    String awaitEnd(String jobId) throws IOException, InterruptedException {
        return await(
                "job " + jobId + " to end",
                JOB_TIMEOUT,
                () -> {
                    String state = cluster.rest().jobState(jobId);
                    return Set.of("FINISHED", "FAILED", "CANCELED").contains(state) ? state : null;
                });
    }

    int kills() {
        return kills;
    }

    /** The container against the workload's final table, and what the writes cost. */
    ScenarioResult result(String name, String faults, long restarts, long bufferedInSavepoint) {
        List<JsonNode> documents = endpoint.control().documents(DATABASE, CONTAINER);
        ContainerVerdict verdict = ContainerVerdict.compare(workload.expectedTable(), documents);
        JsonNode stats = endpoint.control().stats();
        JsonNode audit = stats.get("audit");
        return new ScenarioResult(
                name,
                faults,
                workload.rows(),
                kills,
                restarts,
                verdict,
                audit.get("writes").asLong() + audit.get("deletes").asLong(),
                audit.get("repeatedWrites").asLong(),
                audit.get("deletesOfAbsent").asLong(),
                audit.get("repeatedRequestUnits").asDouble(),
                stats.get("requestUnits").asDouble(),
                bufferedInSavepoint,
                Duration.ofNanos(System.nanoTime() - started).toSeconds());
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } finally {
            endpoint.close();
        }
    }

    /** Something to wait for: null while not there yet. */
    @FunctionalInterface
    interface Probe<T> {
        T poll() throws IOException;
    }

    static <T> T await(String what, Duration timeout, Probe<T> probe)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try {
                T value = probe.poll();
                if (value != null) {
                    return value;
                }
            } catch (IOException e) {
                last = e; // the job manager is busy restarting the job; ask again
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Waited " + timeout + " in vain for " + what, last);
    }

    /**
     * This test's classpath, which holds what Flink's lib/ would (runtime, table runtime and
     * planner, datagen, connector-base, flink-json, log4j) and the SQL client, minus the shaded
     * jar: the cluster gets it only through the SQL client's {@code --jar}.
     */
    private static String classpathWithout(Path jar) {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).toAbsolutePath().equals(jar.toAbsolutePath()))
                .collect(Collectors.joining(File.pathSeparator));
    }
}
