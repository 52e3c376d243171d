package io.github.flinkcosmos.demo;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Prints, once a second while the job runs, how many documents have arrived and how fast. */
final class ProgressPrinter implements AutoCloseable {

    private final DocumentCounter counter;
    private final long expected;
    private final PrintStream out;
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(
                    task -> {
                        Thread thread = new Thread(task, "demo-progress");
                        thread.setDaemon(true);
                        return thread;
                    });

    private ProgressPrinter(DocumentCounter counter, long expected, PrintStream out) {
        this.counter = counter;
        this.expected = expected;
        this.out = out;
    }

    static ProgressPrinter start(DocumentCounter counter, long expected, PrintStream out) {
        ProgressPrinter printer = new ProgressPrinter(counter, expected, out);
        printer.timer.scheduleWithFixedDelay(printer::print, 1, 1, TimeUnit.SECONDS);
        return printer;
    }

    private void print() {
        try {
            long written = counter.count();
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            out.printf(
                    "  %,10d / %,d documents  %5.1f s  (%,.0f docs/s)%n",
                    written, expected, seconds, written / seconds);
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
