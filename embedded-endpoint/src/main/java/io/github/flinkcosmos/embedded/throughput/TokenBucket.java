package io.github.flinkcosmos.embedded.throughput;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The request units of one partition-key range, as a token bucket holding at most one second of
 * request units and refilling continuously. A charge that does not fit is refused with the time
 * until it would, which the endpoint sends as the 429's retry-after; a charge above one second's
 * budget waits for a full bucket and leaves it in debt.
 */
final class TokenBucket {

    private final double requestUnitsPerSecond;
    private final LongSupplier nanoClock;
    private double available;
    private long lastRefillNanos;
    private double consumed;

    TokenBucket(double requestUnitsPerSecond, LongSupplier nanoClock) {
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
    synchronized Optional<Duration> charge(double requestUnits) {
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

    double requestUnitsPerSecond() {
        return requestUnitsPerSecond;
    }

    synchronized double consumed() {
        return consumed;
    }
}
