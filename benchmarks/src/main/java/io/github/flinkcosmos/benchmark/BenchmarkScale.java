package io.github.flinkcosmos.benchmark;

import org.openjdk.jmh.runner.options.TimeValue;

/**
 * How much work each part of the benchmark does. {@link #full()} is the committed run; {@link
 * #quick()} only proves that every part still works, in seconds, and its figures mean nothing.
 */
record BenchmarkScale(
        String name,
        long warmUpRows,
        long rows,
        int rounds,
        double budgetRequestUnitsPerSecond,
        long budgetSeconds,
        long memorySeconds,
        int conversionIterations,
        int conversionForks,
        int conversionRounds,
        int conversionPairs,
        int memorySmallBuffer,
        int memoryLargeBuffer,
        long writeModeRows,
        long partitionSeconds) {

    static BenchmarkScale full() {
        return new BenchmarkScale(
                "full", 200_000, 300_000, 3, 20_000, 30, 15, 4, 1, 4, 1_000, 500, 2_000, 100_000,
                15);
    }

    static BenchmarkScale quick() {
        // Two seconds of partition budget, not one: each range starts with a second of budget in
        // hand, so a one-second run fits in that burst and can end between two samples.
        return new BenchmarkScale(
                "quick", 2_000, 5_000, 1, 5_000, 4, 3, 1, 0, 1, 20, 200, 400, 3_000, 2);
    }

    static BenchmarkScale named(String name) {
        return switch (name) {
            case "full" -> full();
            case "quick" -> quick();
            default ->
                    throw new IllegalArgumentException(
                            "--scale is full or quick, not '" + name + "'.");
        };
    }

    /** How long each JMH iteration runs. */
    TimeValue conversionIterationTime() {
        return conversionForks == 0 ? TimeValue.milliseconds(100) : TimeValue.seconds(1);
    }
}
