package io.github.flinkcosmos.demo;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Prints, once a second while the job runs, how many documents have arrived and how fast, on the
 * same clock as the summary's elapsed time, and what the job still does once they all have.
 */
final class ProgressPrinter implements AutoCloseable {

    private final DocumentCounter counter;
    private final long expected;
    private final PrintStream out;
    private final long startNanos;
    private boolean allArrived;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(
                    task -> {
                        Thread thread = new Thread(task, "demo-progress");
                        thread.setDaemon(true);
                        return thread;
                    });

    private ProgressPrinter(
            DocumentCounter counter, long expected, long startNanos, PrintStream out) {
        this.counter = counter;
        this.expected = expected;
        this.startNanos = startNanos;
        this.out = out;
    }

    /**
     * @param startNanos when the job was submitted, by {@link System#nanoTime()}, so that a line's
     *     seconds are the summary's
     */
    static ProgressPrinter start(
            DocumentCounter counter, long expected, long startNanos, PrintStream out) {
        ProgressPrinter printer = new ProgressPrinter(counter, expected, startNanos, out);
        printer.timer.scheduleWithFixedDelay(printer::print, 1, 1, TimeUnit.SECONDS);
        return printer;
    }

    private void print() {
        if (allArrived) {
            return;
        }
        try {
            long written = counter.count();
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            out.printf(
                    "  %,10d / %,d documents  %5.1f s  (%,.0f docs/s)%n",
                    written, expected, seconds, written / seconds);
            if (written >= expected) {
                allArrived = true;
                out.println(
                        "  waiting for the job to finish: the sources' end, a final checkpoint,"
                                + " the tasks' shutdown");
            }
        } catch (RuntimeException e) {
            // Progress is a courtesy; the summary reports the real outcome.
            out.println("  (progress unavailable: " + e.getClass().getSimpleName() + ")");
        }
    }

    /** Waits for a count in progress, so no progress line lands among the summary's. */
    @Override
    public void close() throws InterruptedException {
        timer.shutdown();
        timer.awaitTermination(30, TimeUnit.SECONDS);
    }
}
