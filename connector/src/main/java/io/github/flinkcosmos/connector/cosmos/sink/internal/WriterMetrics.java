package io.github.flinkcosmos.connector.cosmos.sink.internal;

import io.github.flinkcosmos.connector.cosmos.sink.CosmosSinkMetrics;
import org.apache.flink.annotation.Internal;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The sink's own metrics, named as the spec lists them. Results arrive on the Cosmos DB client's
 * threads, so every metric here may be updated from any thread.
 */
@Internal
public final class WriterMetrics {

    private static final int LATENCY_WINDOW = 1_024;

    private final DoubleAdder requestUnits = new DoubleAdder();
    private final Counter succeeded;
    private final Counter retried;
    private final Counter dropped;
    private final Counter failed;
    private final Counter throttled;
    private final Counter deadLetters;
    private final Counter skippedExisting;
    private final Counter skippedStale;
    private final Histogram bulkLatencyMs;

    /**
     * @param rowsCollapsed rows the buffer replaced by newer ones
     * @param staleInBuffer versioned rows the buffer left out for a newer row of their document,
     *     which count as skipped stale too
     * @param inFlightLimit how many operations the rate limiting lets be in flight now
     */
    public WriterMetrics(
            MetricGroup writerGroup,
            LongSupplier rowsCollapsed,
            LongSupplier staleInBuffer,
            IntSupplier inFlightLimit) {
        MetricGroup group = writerGroup.addGroup(CosmosSinkMetrics.GROUP);
        group.gauge(CosmosSinkMetrics.REQUEST_UNITS, (Gauge<Double>) requestUnits::sum);
        succeeded =
                group.counter(
                        CosmosSinkMetrics.OPERATIONS_SUCCEEDED, new ThreadSafeSimpleCounter());
        retried =
                group.counter(CosmosSinkMetrics.OPERATIONS_RETRIED, new ThreadSafeSimpleCounter());
        dropped =
                group.counter(CosmosSinkMetrics.OPERATIONS_DROPPED, new ThreadSafeSimpleCounter());
        failed = group.counter(CosmosSinkMetrics.OPERATIONS_FAILED, new ThreadSafeSimpleCounter());
        throttled =
                group.counter(
                        CosmosSinkMetrics.OPERATIONS_THROTTLED, new ThreadSafeSimpleCounter());
        deadLetters = group.counter(CosmosSinkMetrics.DEAD_LETTERS, new ThreadSafeSimpleCounter());
        skippedExisting =
                group.counter(
                        CosmosSinkMetrics.OPERATIONS_SKIPPED_EXISTING,
                        new ThreadSafeSimpleCounter());
        skippedStale =
                group.counter(
                        CosmosSinkMetrics.OPERATIONS_SKIPPED_STALE,
                        new PlusCounter(new ThreadSafeSimpleCounter(), staleInBuffer));
        group.gauge(CosmosSinkMetrics.ROWS_COLLAPSED, (Gauge<Long>) rowsCollapsed::getAsLong);
        group.gauge(
                CosmosSinkMetrics.IN_FLIGHT_OPERATIONS_LIMIT,
                (Gauge<Integer>) inFlightLimit::getAsInt);
        bulkLatencyMs =
                group.histogram(
                        CosmosSinkMetrics.BULK_LATENCY_MS,
                        new DescriptiveStatisticsHistogram(LATENCY_WINDOW));
    }

    /** Counts one finished bulk request's operations by what became of them. */
    public void record(BatchOutcome outcome, long latencyMillis) {
        requestUnits.add(outcome.requestCharge());
        succeeded.inc(outcome.succeededCount());
        dropped.inc(outcome.droppedCount());
        failed.inc(outcome.failures().size());
        throttled.inc(outcome.throttledCount());
        skippedExisting.inc(outcome.skippedExistingCount());
        skippedStale.inc(outcome.skippedStaleCount());
        synchronized (bulkLatencyMs) {
            bulkLatencyMs.update(latencyMillis);
        }
    }

    /** Writes given up on and stored in the dead-letter container. */
    public void deadLettered(int writes) {
        deadLetters.inc(writes);
    }

    /** Operations about to be submitted again. */
    public void retrying(int operations) {
        retried.inc(operations);
    }

    /** A counter that adds a count kept elsewhere (by the buffer, on the task thread). */
    private static final class PlusCounter implements Counter {
        private final Counter own;
        private final LongSupplier elsewhere;

        PlusCounter(Counter own, LongSupplier elsewhere) {
            this.own = own;
            this.elsewhere = elsewhere;
        }

        @Override
        public void inc() {
            own.inc();
        }

        @Override
        public void inc(long n) {
            own.inc(n);
        }

        @Override
        public void dec() {
            own.dec();
        }

        @Override
        public void dec(long n) {
            own.dec(n);
        }

        @Override
        public long getCount() {
            return own.getCount() + elsewhere.getAsLong();
        }
    }
}
