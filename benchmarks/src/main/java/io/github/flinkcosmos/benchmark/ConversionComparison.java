package io.github.flinkcosmos.benchmark;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs {@link ConversionBenchmark} with JMH and pairs the sink's cost with flink-json's. On a
 * machine shared with other work one JVM's figure can be off by more than the difference sought, so
 * the two run in rounds: in each round, one fork of each, back to back, the sink first in odd
 * rounds and flink-json first in even ones, each fork with a pre-touched heap and a collection
 * before every iteration. Each round gives one ratio, of two forks that ran in about the same
 * conditions; their mean ratio with its 95 % confidence interval is JMH's view. Then, in this JVM,
 * {@link PairedConversionRatio} alternates the two in slices of 10 ms, whose median ratio and its
 * interval are the figure: load that changes over seconds weighs on both halves of a pair.
 */
final class ConversionComparison {

    private static final String SINK = "cosmosSink";
    private static final String FLINK_JSON = "flinkJson";

    /** The paired slices' warm-up, both converters in turn, before any slice counts. */
    private static final long PAIRED_WARM_UP_NANOS = 3_000_000_000L;

    private final PrintStream out;

    ConversionComparison(PrintStream out) {
        this.out = out;
    }

    Map<ConversionRows, Result> run(BenchmarkScale scale) throws Exception {
        out.printf(
                Locale.ROOT,
                "Conversion: JMH, %d rounds of %d benchmarks of %d warm-up and %d measured"
                        + " iterations, %s%n",
                scale.conversionRounds(),
                2 * ConversionRows.values().length,
                scale.conversionIterations(),
                scale.conversionIterations(),
                scale.conversionForks() == 0 ? "in this JVM" : "in a fresh JVM each");
        Map<ConversionRows, List<Score>> cosmosSink = new EnumMap<>(ConversionRows.class);
        Map<ConversionRows, List<Score>> flinkJson = new EnumMap<>(ConversionRows.class);
        for (int round = 1; round <= scale.conversionRounds(); round++) {
            List<String> order =
                    round % 2 == 1 ? List.of(SINK, FLINK_JSON) : List.of(FLINK_JSON, SINK);
            for (ConversionRows shape : ConversionRows.values()) {
                for (String benchmark : order) {
                    Score score = measure(scale, benchmark, shape);
                    (benchmark.equals(SINK) ? cosmosSink : flinkJson)
                            .computeIfAbsent(shape, s -> new ArrayList<>())
                            .add(score);
                }
            }
            out.printf(
                    Locale.ROOT,
                    "Conversion round %d of %d: narrow %.2f×, wide %.2f×%n",
                    round,
                    scale.conversionRounds(),
                    last(cosmosSink, ConversionRows.NARROW)
                            / last(flinkJson, ConversionRows.NARROW),
                    last(cosmosSink, ConversionRows.WIDE) / last(flinkJson, ConversionRows.WIDE));
        }
        Map<ConversionRows, Result> results = new EnumMap<>(ConversionRows.class);
        for (ConversionRows shape : ConversionRows.values()) {
            PairedConversionRatio.Result paired =
                    new PairedConversionRatio(shape)
                            .measure(
                                    scale.conversionPairs(),
                                    scale.conversionForks() == 0
                                            ? PAIRED_WARM_UP_NANOS / 30
                                            : PAIRED_WARM_UP_NANOS);
            Result result = new Result(cosmosSink.get(shape), flinkJson.get(shape), paired);
            results.put(shape, result);
            out.printf(
                    Locale.ROOT,
                    "Conversion %s row: JMH rounds: sink %.0f ns, flink-json %.0f ns, %.2f× ± %.1f"
                            + " %%; %d paired slices: %.2f× (%.2f – %.2f)%n",
                    shape.name().toLowerCase(Locale.ROOT),
                    result.cosmosSinkNanos(),
                    result.flinkJsonNanos(),
                    result.ratio(),
                    result.relativeHalfWidth() * 100,
                    paired.pairs(),
                    paired.median(),
                    paired.low(),
                    paired.high());
        }
        return results;
    }

    private static double last(Map<ConversionRows, List<Score>> scores, ConversionRows shape) {
        List<Score> list = scores.get(shape);
        return list.get(list.size() - 1).nanos();
    }

    private static Score measure(BenchmarkScale scale, String benchmark, ConversionRows shape)
            throws Exception {
        Options options =
                new OptionsBuilder()
                        .include(ConversionBenchmark.class.getName() + "\\." + benchmark + "$")
                        .param("shape", shape.name())
                        .forks(scale.conversionForks())
                        // The same heap whatever JVM runs the rest, all of it touched up front, so
                        // that figures compare run to run.
                        .jvmArgs("-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch")
                        .shouldDoGC(true)
                        .warmupIterations(scale.conversionIterations())
                        .warmupTime(scale.conversionIterationTime())
                        .measurementIterations(scale.conversionIterations())
                        .measurementTime(scale.conversionIterationTime())
                        .shouldFailOnError(true)
                        .verbosity(VerboseMode.SILENT)
                        .build();
        RunResult result = new Runner(options).runSingle();
        return new Score(
                result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreError());
    }

    /**
     * Nanoseconds per row of one fork and JMH's 99.9 % confidence half-width over its iterations.
     */
    record Score(double nanos, double error) {}

    /**
     * Each JMH benchmark's score in every round, in the order of the rounds, and the paired slices'
     * ratio, which is the figure.
     */
    record Result(
            List<Score> cosmosSink, List<Score> flinkJson, PairedConversionRatio.Result paired) {

        Result {
            cosmosSink = List.copyOf(cosmosSink);
            flinkJson = List.copyOf(flinkJson);
        }

        double cosmosSinkNanos() {
            return cosmosSink.stream().mapToDouble(Score::nanos).average().orElseThrow();
        }

        double flinkJsonNanos() {
            return flinkJson.stream().mapToDouble(Score::nanos).average().orElseThrow();
        }

        /** Each round's sink time over its flink-json time. */
        List<Double> ratios() {
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < cosmosSink.size(); i++) {
                ratios.add(cosmosSink.get(i).nanos() / flinkJson.get(i).nanos());
            }
            return ratios;
        }

        /** The mean of the rounds' ratios. */
        double ratio() {
            return ratios().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        }

        /**
         * Half the width of the ratio's 95 % confidence interval (Student's t over the rounds), as
         * a share of the ratio; NaN with fewer than two rounds.
         */
        double relativeHalfWidth() {
            List<Double> ratios = ratios();
            int n = ratios.size();
            if (n < 2) {
                return Double.NaN;
            }
            double mean = ratio();
            double variance =
                    ratios.stream().mapToDouble(r -> (r - mean) * (r - mean)).sum() / (n - 1);
            return studentT95(n - 1) * Math.sqrt(variance / n) / mean;
        }

        /**
         * The two-sided 95 % quantile of Student's t, for the degrees of freedom of a few rounds.
         */
        private static double studentT95(int degreesOfFreedom) {
            double[] table = {
                12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179,
                2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086
            };
            return degreesOfFreedom <= table.length ? table[degreesOfFreedom - 1] : 1.96;
        }
    }
}
