package io.github.flinkcosmos.benchmark;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The sink benchmark: conversion cost (JMH), end-to-end throughput against the raw SDK, use of a
 * request-unit budget and heap under backpressure, in one run against one embedded endpoint. Prints
 * the figures with their targets and writes them to {@code sink-benchmark.md} and {@code .csv}.
 *
 * <p>Usage: {@code SinkBenchmark [--results DIRECTORY] [--scale full|quick] [--parts
 * conversion,throughput,provisioned,memory]}. The README gives the Maven command.
 */
public final class SinkBenchmark {

    static final String COMMAND = "mvn -B -q -Pbenchmark -DskipTests verify";

    private SinkBenchmark() {}

    public static void main(String[] args) {
        PrintStream out = System.out;
        int status;
        try {
            Path results = Path.of("results");
            BenchmarkScale scale = BenchmarkScale.full();
            Set<Part> parts = EnumSet.allOf(Part.class);
            for (int i = 0; i < args.length; i += 2) {
                String value = i + 1 < args.length ? args[i + 1] : "";
                switch (args[i]) {
                    case "--results" -> results = Path.of(value);
                    case "--scale" -> scale = scale(value);
                    case "--parts" -> parts = Part.parse(value);
                    default ->
                            throw new IllegalArgumentException(
                                    "Unknown argument "
                                            + args[i]
                                            + "; use --results DIRECTORY, --scale full|quick and --parts "
                                            + Part.NAMES
                                            + ".");
                }
            }
            BenchmarkReport report = run(scale, parts, out);
            report.write(results, COMMAND);
            out.println();
            out.print(report.table());
            out.println();
            out.println("Written to " + results.toAbsolutePath().normalize());
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
            if (parts.contains(Part.MEMORY)) {
                report.memory(new BackpressureMemoryRun(cluster, endpoint, out).run(scale));
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

    /** The parts of the benchmark, which {@code --parts} can pick from when profiling one. */
    enum Part {
        CONVERSION,
        THROUGHPUT,
        PROVISIONED,
        MEMORY;

        static final String NAMES = "conversion,throughput,provisioned,memory";

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

    private static BenchmarkScale scale(String name) {
        return switch (name) {
            case "full" -> BenchmarkScale.full();
            case "quick" -> BenchmarkScale.quick();
            default ->
                    throw new IllegalArgumentException(
                            "--scale is full or quick, not '" + name + "'.");
        };
    }
}
