package io.github.flinkcosmos.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * Samples, every few milliseconds, how many documents the endpoint has stored and a second quantity
 * (request units, say), so that a run's rate can be taken over its steady middle: from 10 % to 90 %
 * of its documents. Start-up (a Flink job's deployment, a client's first connection) and the tail
 * then weigh the same for the raw SDK and the sink.
 */
final class ProgressSampler implements AutoCloseable {

    private static final long INTERVAL_MILLIS = 5;

    private final long intervalMillis;
    private final DoubleSupplier documents;
    private final DoubleSupplier other;
    private final List<Sample> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    private ProgressSampler(DoubleSupplier documents, DoubleSupplier other, long intervalMillis) {
        this.intervalMillis = intervalMillis;
        this.documents = documents;
        this.other = other;
        this.thread = new Thread(this::sampleUntilClosed, "benchmark-progress-sampler");
        this.thread.setDaemon(true);
    }

    static ProgressSampler start(DoubleSupplier documents, DoubleSupplier other) {
        return start(documents, other, INTERVAL_MILLIS);
    }

    /** Sampling every {@code intervalMillis}, for quantities that cost something to read. */
    static ProgressSampler start(
            DoubleSupplier documents, DoubleSupplier other, long intervalMillis) {
        ProgressSampler sampler = new ProgressSampler(documents, other, intervalMillis);
        sampler.sample();
        sampler.thread.start();
        return sampler;
    }

    private void sampleUntilClosed() {
        while (running) {
            sample();
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sample() {
        Sample sample = new Sample(System.nanoTime(), documents.getAsDouble(), other.getAsDouble());
        synchronized (samples) {
            samples.add(sample);
        }
    }

    /** Stops sampling and takes one last sample. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sample();
    }

    /** What was counted from 10 % to 90 % of {@code expected} documents. */
    Window steadyWindow(long expected) {
        return window(expected, 0.1, 0.9);
    }

    /**
     * What was counted between the samples that first reached two shares of {@code expected}
     * documents, such as 0.1 and 0.5 for the first half of a run's steady part.
     */
    Window window(long expected, double fromShare, double toShare) {
        List<Sample> copy;
        synchronized (samples) {
            copy = List.copyOf(samples);
        }
        Sample base = copy.get(0);
        Sample from = firstReaching(copy, base.documents + expected * fromShare);
        Sample to = firstReaching(copy, base.documents + expected * toShare);
        if (to.nanos == from.nanos) {
            throw new IllegalStateException(
                    "The run went from %.0f %% to %.0f %% of its %d documents between two samples; give it more documents."
                            .formatted(fromShare * 100, toShare * 100, expected));
        }
        return new Window(
                (to.nanos - from.nanos) / 1e9,
                to.documents - from.documents,
                to.other - from.other);
    }

    private static Sample firstReaching(List<Sample> samples, double documents) {
        return samples.stream()
                .filter(sample -> sample.documents >= documents)
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "The run never reached "
                                                + (long) documents
                                                + " documents; it stopped at "
                                                + (long)
                                                        samples.get(samples.size() - 1).documents));
    }

    private record Sample(long nanos, double documents, double other) {}

    /** Documents and the other quantity counted over some seconds. */
    record Window(double seconds, double documents, double other) {

        double documentsPerSecond() {
            return documents / seconds;
        }

        double otherPerSecond() {
            return other / seconds;
        }
    }
}
