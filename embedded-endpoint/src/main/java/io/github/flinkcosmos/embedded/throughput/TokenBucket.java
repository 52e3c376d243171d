package io.github.flinkcosmos.embedded.throughput;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The request units of one partition-key range, as a token bucket holding at most one second of
 * request units and refilling continuously. A charge that does not fit is refused with the time
 * until it would, which the endpoint sends as the 429's retry-after; a charge above one second's
 * budget waits for a full bucket and leaves it in debt.
 *
 * <p>Priority-based execution, as the service describes it: no request units are reserved, and
 * either priority may use the whole budget while the other is absent; but once requests ask for
 * more than the budget, low-priority ones are throttled first. The bucket keeps a decaying sum of
 * the request units high-priority requests asked for over about the last second (granted or not),
 * and a low-priority request is granted only what would leave that much in the bucket: high
 * priority keeps its demand, up to the whole budget, and low priority gets the rest.
 */
final class TokenBucket {

    private final double requestUnitsPerSecond;
    private final LongSupplier nanoClock;
    private double available;
    private long lastRefillNanos;
    private double consumed;
    private double highPriorityDemand;

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

    /** Charges the request units at high priority, or returns how long to wait. */
    synchronized Optional<Duration> charge(double requestUnits) {
        return charge(requestUnits, Priority.HIGH);
    }

    /** Charges the request units, or returns how long to wait before they would fit. */
    synchronized Optional<Duration> charge(double requestUnits, Priority priority) {
        long now = nanoClock.getAsLong();
        double elapsedSeconds = (now - lastRefillNanos) / 1e9;
        available =
                Math.min(requestUnitsPerSecond, available + elapsedSeconds * requestUnitsPerSecond);
        highPriorityDemand *= Math.exp(-elapsedSeconds);
        lastRefillNanos = now;
        if (priority == Priority.LOW) {
            return chargeLowPriority(requestUnits);
        }
        highPriorityDemand += requestUnits;
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

    /** What high priority's recent demand leaves to a low-priority request. */
    private Optional<Duration> chargeLowPriority(double requestUnits) {
        double reserved = Math.min(requestUnitsPerSecond, highPriorityDemand);
        if (requestUnits <= available - reserved
                || reserved == 0 && available >= requestUnitsPerSecond) {
            available -= requestUnits;
            consumed += requestUnits;
            return Optional.empty();
        }
        double missing = Math.min(requestUnits, requestUnitsPerSecond) + reserved - available;
        long waitMillis = Math.max(1, (long) Math.ceil(missing / requestUnitsPerSecond * 1000));
        return Optional.of(Duration.ofMillis(Math.min(waitMillis, 1000)));
    }

    double requestUnitsPerSecond() {
        return requestUnitsPerSecond;
    }

    synchronized double consumed() {
        return consumed;
    }
}
