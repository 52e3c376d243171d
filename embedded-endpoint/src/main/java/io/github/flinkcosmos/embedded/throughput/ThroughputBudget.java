package io.github.flinkcosmos.embedded.throughput;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Provisioned throughput of one container. The service divides a container's request units evenly
 * across its physical partitions, at most {@value #MAX_PER_RANGE} RU/s each, so each partition-key
 * range has a token bucket of its own: a hot range is throttled while the others are not. A
 * container of one range keeps the whole budget, however large, as it did before ranges existed.
 */
public final class ThroughputBudget {

    /** What one physical partition serves at most, in request units per second. */
    public static final double MAX_PER_RANGE = 10_000;

    private final double requestUnitsPerSecond;
    private final boolean autoscale;
    private final String offerId;
    private final LongSupplier nanoClock;
    private final Map<String, TokenBucket> ranges = new HashMap<>();
    private int rangeCount = 1;
    private double consumedBySplitRanges;

    public ThroughputBudget(double requestUnitsPerSecond) {
        this(requestUnitsPerSecond, System::nanoTime);
    }

    /** With a clock of its own, so that tests decide how much time passes. */
    ThroughputBudget(double requestUnitsPerSecond, LongSupplier nanoClock) {
        this(requestUnitsPerSecond, false, "", nanoClock);
    }

    /**
     * @param autoscale whether the offer is autoscale, with {@code requestUnitsPerSecond} as its
     *     maximum (the endpoint serves the maximum at once, as autoscale does under load)
     * @param offerId the id of the container's offer, as {@code /offers} shows it
     */
    ThroughputBudget(
            double requestUnitsPerSecond,
            boolean autoscale,
            String offerId,
            LongSupplier nanoClock) {
        this.autoscale = autoscale;
        this.offerId = offerId;
        if (requestUnitsPerSecond <= 0) {
            throw new IllegalArgumentException(
                    "requestUnitsPerSecond must be positive, got " + requestUnitsPerSecond);
        }
        this.requestUnitsPerSecond = requestUnitsPerSecond;
        this.nanoClock = nanoClock;
    }

    /** Charges a container of one range, or returns how long to wait before the units would fit. */
    public Optional<Duration> charge(double requestUnits) {
        return charge("0", 1, requestUnits);
    }

    /**
     * Charges the range's share of the budget, or returns how long to wait before the units would
     * fit in it.
     *
     * @param rangeCount how many ranges the container has now; when it changes (a split), every
     *     range gets a new share
     */
    public Optional<Duration> charge(String rangeId, int rangeCount, double requestUnits) {
        return charge(rangeId, rangeCount, requestUnits, Priority.HIGH);
    }

    /**
     * As {@link #charge(String, int, double)}, at a priority: over budget, low-priority requests
     * are throttled before high-priority ones.
     */
    public synchronized Optional<Duration> charge(
            String rangeId, int rangeCount, double requestUnits, Priority priority) {
        if (rangeCount != this.rangeCount) {
            ranges.values().forEach(bucket -> consumedBySplitRanges += bucket.consumed());
            ranges.clear();
            this.rangeCount = rangeCount;
        }
        return ranges.computeIfAbsent(
                        rangeId,
                        id -> new TokenBucket(requestUnitsPerSecondPerRange(rangeCount), nanoClock))
                .charge(requestUnits, priority);
    }

    /** The container's request units per second: its manual throughput or autoscale maximum. */
    public double requestUnitsPerSecond() {
        return requestUnitsPerSecond;
    }

    public boolean autoscale() {
        return autoscale;
    }

    public String offerId() {
        return offerId;
    }

    /** What each range serves when the container has this many. */
    public double requestUnitsPerSecondPerRange(int rangeCount) {
        return rangeCount == 1
                ? requestUnitsPerSecond
                : Math.min(requestUnitsPerSecond / rangeCount, MAX_PER_RANGE);
    }

    /** Request units charged successfully since the budget was set, over every range. */
    public synchronized double consumed() {
        double consumed = consumedBySplitRanges;
        for (TokenBucket bucket : ranges.values()) {
            consumed += bucket.consumed();
        }
        return consumed;
    }
}
