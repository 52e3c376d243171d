package io.github.flinkcosmos.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * A standalone Flink session cluster of separate OS processes, as {@code start-cluster.sh} runs
 * one: a job manager ({@code StandaloneSessionClusterEntrypoint}) and task managers ({@code
 * TaskManagerRunner}) of one slot each, on free ports, with checkpoints and savepoints in local
 * directories and a fixed-delay restart strategy. The classpath is the one a distribution's {@code
 * lib/} gives, assembled from Flink's published artifacts (flink-dist is not published).
 */
final class FlinkCluster implements AutoCloseable {

    private static final String JOB_MANAGER =
            "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    private static final String TASK_MANAGER =
            "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path work;
    private final Path conf;
    private final String classpath;
    private final List<String> jvmOptions;
    private final FlinkRest rest;
    private final JavaProcess jobManager;
    private final List<JavaProcess> taskManagers = new ArrayList<>();
    private int taskManagersStarted;

    private FlinkCluster(
            Path work, Path conf, String classpath, List<String> jvmOptions, int restPort) {
        this.work = work;
        this.conf = conf;
        this.classpath = classpath;
        this.jvmOptions = jvmOptions;
        this.rest = new FlinkRest(URI.create("http://localhost:" + restPort + "/"));
        this.jobManager =
                JavaProcess.start(
                        "jobmanager",
                        classpath,
                        jvm("jobmanager", "512m"),
                        JOB_MANAGER,
                        List.of("--configDir", conf.toString()),
                        Map.of("FLINK_CONF_DIR", conf.toString()),
                        work.resolve("jobmanager.log"));
    }

    /*
     * Flink's scripts compute a task manager's resource spec and pass it as dynamic properties;
     * TaskManagerRunner started directly needs it in the configuration, hence every memory
     * component and the cores below.
     */

    /**
     * Starts the job manager and this many task managers, and waits until they registered.
     *
     * @param jvmOptions system properties every Flink process gets, such as the Cosmos DB client's
     *     switch for a plain-HTTP endpoint
     */
    static FlinkCluster start(
            Path work, String classpath, List<String> jvmOptions, int taskManagers)
            throws IOException, InterruptedException {
        Files.createDirectories(work);
        Path conf = Files.createDirectories(work.resolve("conf"));
        int restPort = freePort();
        Files.writeString(conf.resolve("config.yaml"), configuration(work, restPort));
        Files.writeString(conf.resolve("log4j.properties"), LOG4J);
        FlinkCluster cluster = new FlinkCluster(work, conf, classpath, jvmOptions, restPort);
        try {
            cluster.await("the job manager's REST API", cluster.rest::isUp);
            for (int i = 0; i < taskManagers; i++) {
                cluster.startTaskManager();
            }
            cluster.awaitTaskManagers(taskManagers);
            return cluster;
        } catch (InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    FlinkRest rest() {
        return rest;
    }

    Path conf() {
        return conf;
    }

    Path savepoints() {
        return work.resolve("savepoints");
    }

    /** Starts one more task manager; it registers with the job manager on its own. */
    JavaProcess startTaskManager() {
        int number = ++taskManagersStarted;
        JavaProcess taskManager =
                JavaProcess.start(
                        "taskmanager-" + number,
                        classpath,
                        jvm("taskmanager-" + number, "640m"),
                        TASK_MANAGER,
                        List.of("--configDir", conf.toString()),
                        Map.of("FLINK_CONF_DIR", conf.toString()),
                        work.resolve("taskmanager-" + number + ".log"));
        taskManagers.add(taskManager);
        return taskManager;
    }

    /** kill -9 of the oldest task manager still alive; it runs a subtask, having one slot. */
    JavaProcess killTaskManager() {
        JavaProcess victim =
                taskManagers.stream()
                        .filter(JavaProcess::isAlive)
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException("No task manager is alive"));
        victim.kill();
        return victim;
    }

    void awaitTaskManagers(int count) throws InterruptedException {
        await(
                count + " registered task managers",
                () -> {
                    try {
                        return rest.registeredTaskManagers() >= count;
                    } catch (IOException e) {
                        return false;
                    }
                });
    }

    private void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (!jobManager.isAlive()) {
                throw new IllegalStateException("The job manager died; see " + jobManager.log());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "No " + what + " within " + START_TIMEOUT + "; logs in " + work);
            }
            Thread.sleep(250);
        }
    }

    private List<String> jvm(String name, String heap) {
        List<String> options = new ArrayList<>();
        options.add("-Xmx" + heap);
        options.add("-XX:MaxMetaspaceSize=256m");
        options.add("-XX:MaxDirectMemorySize=256m");
        options.add("-XX:+UseSerialGC");
        options.add("-Dlog.file=" + work.resolve(name + ".flink.log"));
        options.add("-Dlog4j.configurationFile=" + conf.resolve("log4j.properties").toUri());
        // Flink's own scripts open these for Kryo and the memory manager.
        options.add("--add-opens=java.base/java.util=ALL-UNNAMED");
        options.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
        options.add("--add-opens=java.base/java.nio=ALL-UNNAMED");
        options.add("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED");
        options.addAll(jvmOptions);
        return options;
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (JavaProcess taskManager : taskManagers) {
            try {
                taskManager.kill();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        jobManager.kill();
        if (failure != null) {
            throw failure;
        }
    }

    /** A port that was free a moment ago; the job manager binds it right after. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String configuration(Path work, int restPort) {
        return """
                jobmanager.rpc.address: localhost
                jobmanager.rpc.port: %d
                jobmanager.bind-host: localhost
                jobmanager.memory.process.size: 1024m
                taskmanager.host: localhost
                taskmanager.bind-host: localhost
                taskmanager.numberOfTaskSlots: 1
                taskmanager.cpu.cores: 1
                taskmanager.memory.framework.heap.size: 128m
                taskmanager.memory.task.heap.size: 320m
                taskmanager.memory.framework.off-heap.size: 128m
                taskmanager.memory.task.off-heap.size: 0m
                taskmanager.memory.network.min: 64m
                taskmanager.memory.network.max: 64m
                taskmanager.memory.managed.size: 32m
                taskmanager.memory.jvm-metaspace.size: 256m
                taskmanager.memory.jvm-overhead.min: 192m
                taskmanager.memory.jvm-overhead.max: 192m
                rest.address: localhost
                rest.bind-address: localhost
                rest.port: %d
                blob.server.port: %d
                execution.checkpointing.dir: %s
                execution.checkpointing.savepoint-dir: %s
                state.backend.type: hashmap
                restart-strategy.type: fixed-delay
                restart-strategy.fixed-delay.attempts: 1000
                restart-strategy.fixed-delay.delay: 1 s
                heartbeat.interval: 1000
                heartbeat.timeout: 6000
                execution.target: remote
                """
                .formatted(
                        freePort(),
                        restPort,
                        freePort(),
                        work.resolve("checkpoints").toUri(),
                        work.resolve("savepoints").toUri());
    }

    private static final String LOG4J =
            """
            rootLogger.level = INFO
            rootLogger.appenderRef.file.ref = FileAppender
            appender.file.name = FileAppender
            appender.file.type = File
            appender.file.fileName = ${sys:log.file}
            appender.file.layout.type = PatternLayout
            appender.file.layout.pattern = %d{HH:mm:ss,SSS} %-5p %-40c{1.} - %m%n
            logger.cosmos.name = io.github.flinkcosmos.shaded.com.azure
            logger.cosmos.level = WARN
            """;
}
