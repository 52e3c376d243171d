package io.github.flinkcosmos.benchmark;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.PrintStream;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** Runs {@link ConversionBenchmark} with JMH and pairs the sink's cost with flink-json's. */
final class ConversionComparison {

    private final PrintStream out;

    ConversionComparison(PrintStream out) {
        this.out = out;
    }

    Map<ConversionRows, Result> run(BenchmarkScale scale) throws Exception {
        out.printf(
                Locale.ROOT,
                "Conversion: JMH, %d benchmarks of %d warm-up and %d measured iterations, %s%n",
                2 * ConversionRows.values().length,
                scale.conversionIterations(),
                scale.conversionIterations(),
                scale.conversionForks() == 0 ? "in this JVM" : "in a fresh JVM each");
        Options options =
                new OptionsBuilder()
                        .include(ConversionBenchmark.class.getName() + "\\.")
                        .forks(scale.conversionForks())
                        // The same heap whatever JVM runs the rest, so figures compare run to run.
                        .jvmArgs("-Xms1g", "-Xmx1g")
                        .warmupIterations(scale.conversionIterations())
                        .warmupTime(scale.conversionIterationTime())
                        .measurementIterations(scale.conversionIterations())
                        .measurementTime(scale.conversionIterationTime())
                        .shouldFailOnError(true)
                        .verbosity(VerboseMode.SILENT)
                        .build();
        Map<ConversionRows, Score> cosmosSink = new EnumMap<>(ConversionRows.class);
        Map<ConversionRows, Score> flinkJson = new EnumMap<>(ConversionRows.class);
        for (RunResult result : new Runner(options).run()) {
            ConversionRows shape = ConversionRows.valueOf(result.getParams().getParam("shape"));
            String benchmark = result.getParams().getBenchmark();
            Score score =
                    new Score(
                            result.getPrimaryResult().getScore(),
                            result.getPrimaryResult().getScoreError());
            (benchmark.endsWith(".cosmosSink") ? cosmosSink : flinkJson).put(shape, score);
        }
        Map<ConversionRows, Result> results = new EnumMap<>(ConversionRows.class);
        for (ConversionRows shape : ConversionRows.values()) {
            Result result = new Result(cosmosSink.get(shape), flinkJson.get(shape));
            results.put(shape, result);
            out.printf(
                    Locale.ROOT,
                    "Conversion %s row: sink %.0f ns, flink-json %.0f ns, %.2f×%n",
                    shape.name().toLowerCase(Locale.ROOT),
                    result.cosmosSink().nanos(),
                    result.flinkJson().nanos(),
                    result.ratio());
        }
        return results;
    }

    /** Nanoseconds per row and JMH's 99.9 % confidence half-width. */
    record Score(double nanos, double error) {}

    record Result(Score cosmosSink, Score flinkJson) {

        double ratio() {
            return cosmosSink.nanos() / flinkJson.nanos();
        }
    }
}
