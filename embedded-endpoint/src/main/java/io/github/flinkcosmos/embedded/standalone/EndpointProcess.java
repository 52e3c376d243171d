package io.github.flinkcosmos.embedded.standalone;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An embedded endpoint running {@link EndpointMain} in a child JVM: started from a classpath that
 * holds this module and its dependencies, ready once it printed its ready line, and killed with its
 * descendants on {@link #close()}.
 *
 * <pre>{@code
 * try (EndpointProcess cosmos = EndpointProcess.start(classpath, log, "--plain-http")) {
 *     URI endpoint = cosmos.endpoint();
 *     cosmos.control().unreachableFor(Duration.ofSeconds(20));
 * }
 * }</pre>
 */
public final class EndpointProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final URI endpoint;
    private final EndpointControl control;

    private EndpointProcess(Process process, URI endpoint, URI control) {
        this.process = process;
        this.endpoint = endpoint;
        this.control = new EndpointControl(control);
    }

    /**
     * Starts the endpoint with a small heap and waits for its ready line.
     *
     * @param log where the process's stdout and stderr go after the ready line
     * @param arguments {@link EndpointMain}'s arguments, such as {@code --plain-http}
     */
    public static EndpointProcess start(String classpath, Path log, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(classpath);
        command.add(EndpointMain.class.getName());
        command.addAll(List.of(arguments));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the endpoint process", e);
        }
        try {
            String ready = awaitReadyLine(process, log);
            return new EndpointProcess(
                    process,
                    URI.create(field(ready, "endpoint")),
                    URI.create(field(ready, "control")));
        } catch (RuntimeException e) {
            kill(process);
            throw e;
        }
    }

    /** The account endpoint to give the SDK or the connector. */
    public URI endpoint() {
        return endpoint;
    }

    public EndpointControl control() {
        return control;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        kill(process);
    }

    private static String awaitReadyLine(Process process, Path log) {
        BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ready =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                for (String line; (line = out.readLine()) != null; ) {
                                    if (line.startsWith(EndpointMain.READY)) {
                                        return line;
                                    }
                                }
                                return null;
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        });
        try {
            String line = ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (line == null) {
                throw new IllegalStateException(
                        "The endpoint process ended before it was ready: " + tail(log));
            }
            drain(process);
            return line;
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "The endpoint process was not ready within "
                            + START_TIMEOUT
                            + ": "
                            + tail(log));
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot read the endpoint process's output", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted waiting for the endpoint process", e);
        }
    }

    /** Keeps reading stdout after the ready line, so that the process never blocks on it. */
    private static void drain(Process process) {
        Thread drain =
                new Thread(
                        () -> {
                            try {
                                process.getInputStream()
                                        .transferTo(OutputStream.nullOutputStream());
                            } catch (IOException ignored) {
                                // The process ended.
                            }
                        },
                        "endpoint-process-stdout");
        drain.setDaemon(true);
        drain.start();
    }

    private static String field(String line, String name) {
        for (String part : line.split(" ")) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        throw new IllegalStateException("The ready line has no " + name + ": " + line);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    /** Kills the process and whatever it started, and waits for them to end. */
    static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
