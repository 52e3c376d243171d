package io.github.flinkcosmos.benchmark;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The sink benchmark: conversion cost (JMH), end-to-end throughput against the raw SDK, use of a
 * request-unit budget, the write modes' rates and charges, heap under backpressure and, against
 * containers of eight ranges, scale, skew, a split and latency, in one run against one embedded
 * endpoint. Prints the figures with their targets and writes them to {@code sink-benchmark.md} and
 * {@code .csv}.
 *
 * <p>Usage: {@code SinkBenchmark [--results DIRECTORY] [--scale full|quick] [--parts
 * conversion,throughput,provisioned,writemodes,memory,partitions] [--profile FILE.jfr]}. Only a
 * full-scale run of all parts writes its results. The README gives the Maven command.
 */
public final class SinkBenchmark {

    static final String COMMAND = "mvn -B -q -Pbenchmark -DskipTests verify";

    private SinkBenchmark() {}

    public static void main(String[] args) {
        PrintStream out = System.out;
        int status;
        try {
            Arguments arguments = Arguments.parse(args);
            BenchmarkReport report =
                    profiled(
                            arguments.profile(),
                            out,
                            () -> run(arguments.scale(), arguments.parts(), out));
            out.println();
            out.print(report.table());
            out.println();
            if (arguments.isComplete()) {
                report.write(arguments.results(), COMMAND);
                out.println("Written to " + arguments.results().toAbsolutePath().normalize());
            } else {
                out.println(
                        "Not written to "
                                + arguments.results()
                                + ": only a full-scale run of all parts replaces the results.");
            }
            status = 0;
        } catch (Throwable e) {
            e.printStackTrace(out);
            out.println("The benchmark failed: " + e);
            status = 1;
        }
        out.flush();
        // Flink's and the SDK's non-daemon threads may outlive the jobs; the benchmark is over.
        System.exit(status);
    }

    /**
     * Runs the benchmark under a Java Flight Recorder recording with the JDK's "profile" settings
     * when a file is given: this JVM only, so the sink, the SDK, the endpoint and Flink, but not
     * JMH's forks (JMH's own {@code -prof} options cover those).
     */
    private static BenchmarkReport profiled(
            Optional<Path> file, PrintStream out, Callable<BenchmarkReport> benchmark)
            throws Exception {
        if (file.isEmpty()) {
            return benchmark.call();
        }
        try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
            recording.start();
            try {
                return benchmark.call();
            } finally {
                recording.dump(file.get());
                out.println(
                        "Flight recording written to " + file.get().toAbsolutePath().normalize());
            }
        }
    }

    static BenchmarkReport run(BenchmarkScale scale, Set<Part> parts, PrintStream out)
            throws Exception {
        long started = System.nanoTime();
        BenchmarkReport report = new BenchmarkReport();
        // JMH first, while nothing else runs on the machine.
        if (parts.contains(Part.CONVERSION)) {
            report.conversion(new ConversionComparison(out).run(scale));
        }
        try (BenchmarkCluster cluster = new BenchmarkCluster();
                BenchmarkEndpoint endpoint = new BenchmarkEndpoint()) {
            if (parts.contains(Part.THROUGHPUT)) {
                report.throughput(new ThroughputComparison(cluster, endpoint, out).run(scale));
            }
            if (parts.contains(Part.PROVISIONED)) {
                report.provisioned(new ProvisionedThroughputRun(cluster, endpoint, out).run(scale));
            }
            if (parts.contains(Part.WRITEMODES)) {
                report.writeModes(new WriteModesRun(cluster, endpoint, out).run(scale));
            }
            if (parts.contains(Part.MEMORY)) {
                report.memory(new BackpressureMemoryRun(cluster, endpoint, out).run(scale));
            }
            if (parts.contains(Part.PARTITIONS)) {
                report.partitions(new PartitionsRun(cluster, endpoint, out).run(scale));
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        out.printf(
                Locale.ROOT,
                "Benchmark (%s) took %d min %d s.%n",
                scale.name(),
                elapsed.toMinutes(),
                elapsed.toSecondsPart());
        return report;
    }

    /** The command line, with every argument optional. */
    record Arguments(Path results, BenchmarkScale scale, Set<Part> parts, Optional<Path> profile) {

        /** Whether this run makes figures worth recording: every part, at full scale. */
        boolean isComplete() {
            return parts.size() == Part.values().length && scale.equals(BenchmarkScale.full());
        }

        static Arguments parse(String[] args) {
            Path results = Path.of("results");
            BenchmarkScale scale = BenchmarkScale.full();
            Set<Part> parts = EnumSet.allOf(Part.class);
            Optional<Path> profile = Optional.empty();
            for (int i = 0; i < args.length; i += 2) {
                String value = i + 1 < args.length ? args[i + 1] : "";
                switch (args[i]) {
                    case "--results" -> results = Path.of(value);
                    case "--scale" -> scale = BenchmarkScale.named(value);
                    case "--parts" -> parts = Part.parse(value);
                    // Maven passes an empty value when -Dbenchmark.profile is not set.
                    case "--profile" ->
                            profile =
                                    value.isBlank()
                                            ? Optional.empty()
                                            : Optional.of(Path.of(value));
                    default ->
                            throw new IllegalArgumentException(
                                    "Unknown argument "
                                            + args[i]
                                            + "; use --results DIRECTORY, --scale full|quick, --parts "
                                            + Part.NAMES
                                            + " and --profile FILE.jfr.");
                }
            }
            return new Arguments(results, scale, parts, profile);
        }
    }

    /** The parts of the benchmark, which {@code --parts} can pick from when profiling one. */
    enum Part {
        CONVERSION,
        THROUGHPUT,
        PROVISIONED,
        WRITEMODES,
        MEMORY,
        PARTITIONS;

        static final String NAMES =
                "conversion,throughput,provisioned,writemodes,memory,partitions";

        static Set<Part> parse(String names) {
            Set<Part> parts = EnumSet.noneOf(Part.class);
            for (String name : names.split(",")) {
                try {
                    parts.add(valueOf(name.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                            "--parts takes a comma-separated list of "
                                    + NAMES
                                    + ", not '"
                                    + name
                                    + "'.");
                }
            }
            return parts;
        }
    }
}
