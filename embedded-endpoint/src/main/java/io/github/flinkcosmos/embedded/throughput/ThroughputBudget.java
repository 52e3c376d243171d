package io.github.flinkcosmos.embedded.throughput;

import java.time.Duration;
import java.util.Optional;

/**
 * Provisioned throughput of one container, as a token bucket holding at most one second of request
 * units and refilling continuously. A charge that does not fit is refused with the time until it
 * would, which the endpoint sends as the 429's retry-after.
 */
public final class ThroughputBudget {

    private final double requestUnitsPerSecond;
    private final long createdNanos;
    private double available;
    private long lastRefillNanos;
    private double consumed;

    public ThroughputBudget(double requestUnitsPerSecond) {
        if (requestUnitsPerSecond <= 0) {
            throw new IllegalArgumentException(
                    "requestUnitsPerSecond must be positive, got " + requestUnitsPerSecond);
        }
        this.requestUnitsPerSecond = requestUnitsPerSecond;
        this.createdNanos = System.nanoTime();
        this.available = requestUnitsPerSecond;
        this.lastRefillNanos = createdNanos;
    }

    /** Charges the request units, or returns how long to wait before they would fit. */
    public synchronized Optional<Duration> charge(double requestUnits) {
        long now = System.nanoTime();
        available =
                Math.min(
                        requestUnitsPerSecond,
                        available + (now - lastRefillNanos) / 1e9 * requestUnitsPerSecond);
        lastRefillNanos = now;
        if (requestUnits <= available) {
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
