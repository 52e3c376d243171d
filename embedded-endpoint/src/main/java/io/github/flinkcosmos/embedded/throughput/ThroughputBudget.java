package io.github.flinkcosmos.embedded.throughput;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Provisioned throughput of one container, as a token bucket holding at most one second of request
 * units and refilling continuously. A charge that does not fit is refused with the time until it
 * would, which the endpoint sends as the 429's retry-after; a charge above one second's budget
 * waits for a full bucket and leaves it in debt.
 */
public final class ThroughputBudget {

    private final double requestUnitsPerSecond;
    private final LongSupplier nanoClock;
    private double available;
    private long lastRefillNanos;
    private double consumed;

    public ThroughputBudget(double requestUnitsPerSecond) {
        this(requestUnitsPerSecond, System::nanoTime);
    }

    /** With a clock of its own, so that tests decide how much time passes. */
    ThroughputBudget(double requestUnitsPerSecond, LongSupplier nanoClock) {
        if (requestUnitsPerSecond <= 0) {
            throw new IllegalArgumentException(
                    "requestUnitsPerSecond must be positive, got " + requestUnitsPerSecond);
        }
        this.requestUnitsPerSecond = requestUnitsPerSecond;
        this.nanoClock = nanoClock;
        this.available = requestUnitsPerSecond;
        this.lastRefillNanos = nanoClock.getAsLong();
    }

    /** Charges the request units, or returns how long to wait before they would fit. */
    public synchronized Optional<Duration> charge(double requestUnits) {
        long now = nanoClock.getAsLong();
        available =
                Math.min(
                        requestUnitsPerSecond,
                        available + (now - lastRefillNanos) / 1e9 * requestUnitsPerSecond);
        lastRefillNanos = now;
        // A charge larger than a whole second's budget runs once the bucket is full and leaves it
        // in debt, as the service does; otherwise such a request could never succeed.
        if (requestUnits <= available || available >= requestUnitsPerSecond) {
            available -= requestUnits;
            consumed += requestUnits;
            return Optional.empty();
        }
        double missing = Math.min(requestUnits, requestUnitsPerSecond) - available;
        long waitMillis = Math.max(1, (long) Math.ceil(missing / requestUnitsPerSecond * 1000));
        return Optional.of(Duration.ofMillis(waitMillis));
    }

    public double requestUnitsPerSecond() {
        return requestUnitsPerSecond;
    }

    /** Request units charged successfully since the budget was set. */
    public synchronized double consumed() {
        return consumed;
    }
}
