package io.github.flinkcosmos.demo;

import io.github.flinkcosmos.embedded.CosmosTestEndpoint;

import java.io.PrintStream;

/**
 * The README's main job. Starts the embedded Cosmos DB endpoint (or uses the one named by {@code
 * COSMOS_ENDPOINT} and {@code COSMOS_KEY}), runs {@link DemoJob}'s two acts and prints what each
 * achieved; exits 1 when a container holds anything else than its job should have written.
 *
 * <p>Usage: {@code CosmosSinkDemo [--rows N] [--parallelism P]}
 */
public final class CosmosSinkDemo {

    private static final long DEFAULT_ROWS = 100_000;
    private static final int DEFAULT_PARALLELISM = 2;

    private CosmosSinkDemo() {}

    public static void main(String[] args) {
        PrintStream out = System.out;
        int status;
        try {
            long rows = DEFAULT_ROWS;
            int parallelism = DEFAULT_PARALLELISM;
            for (int i = 0; i < args.length; i += 2) {
                String value = i + 1 < args.length ? args[i + 1] : "";
                switch (args[i]) {
                    case "--rows" -> rows = parsePositive(args[i], value);
                    case "--parallelism" ->
                            parallelism = Math.toIntExact(parsePositive(args[i], value));
                    default ->
                            throw new IllegalArgumentException(
                                    "Unknown argument "
                                            + args[i]
                                            + "; use --rows N and --parallelism P.");
                }
            }
            try (CosmosTestEndpoint endpoint = CosmosTestEndpoint.fromEnvironment()) {
                DemoJob demo = new DemoJob(endpoint, rows, parallelism);
                DemoSummary summary = demo.run(out);
                summary.print(out);
                status = summary.documentsInContainer() == rows ? 0 : 1;
                if (status != 0) {
                    out.println(
                            "The demo failed: the container holds a different number of"
                                    + " documents than rows were generated.");
                }
                TopScoresOutcome topScores = demo.runTopScores(out);
                if (!topScores.matches()) {
                    out.println(
                            "The demo failed: the top-scores container differs from the query's"
                                    + " result.");
                    status = 1;
                }
            }
        } catch (Throwable e) {
            out.println("The demo failed: " + rootCause(e));
            status = 1;
        }
        out.flush();
        // Flink's and the SDK's non-daemon threads may outlive the job; the demo is over.
        System.exit(status);
    }

    private static long parsePositive(String argument, String value) {
        try {
            long parsed = Long.parseLong(value.replace("_", ""));
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                argument + " needs a whole number of at least 1, not '" + value + "'.");
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause == e
                ? String.valueOf(e.getMessage())
                : e.getMessage() + " Caused by: " + cause;
    }
}
