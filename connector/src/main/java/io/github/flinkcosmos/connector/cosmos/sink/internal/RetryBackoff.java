package io.github.flinkcosmos.connector.cosmos.sink.internal;

import org.apache.flink.annotation.Internal;

import java.io.Serializable;
import java.time.Duration;

import static org.apache.flink.util.Preconditions.checkArgument;
import static org.apache.flink.util.Preconditions.checkNotNull;

/**
 * The connector-level retry policy: at most {@code maxRetries} retries of an operation, the n-th
 * after {@code min(initialDelay × multiplier^(n − 1), maxDelay)}.
 *
 * <p>The arguments obey the same rules the contract gives the {@code cosmos.retry.*} options, so a
 * policy built without the Table API cannot be one the SQL validator would reject.
 */
@Internal
public record RetryBackoff(
        int maxRetries, Duration initialDelay, Duration maxDelay, double multiplier)
        implements Serializable {

    public RetryBackoff {
        checkArgument(
                maxRetries >= 1,
                "The maximum number of retries (cosmos.retry.max-attempts) must be at least 1, got %s",
                maxRetries);
        checkNotNull(initialDelay, "initialDelay");
        checkNotNull(maxDelay, "maxDelay");
        checkArgument(
                !initialDelay.isNegative(),
                "The initial delay (cosmos.retry.backoff.initial-delay-ms) must not be negative,"
                        + " got %s",
                initialDelay);
        checkArgument(
                maxDelay.compareTo(initialDelay) >= 0,
                "The maximum delay (cosmos.retry.backoff.max-delay-ms) must not be less than the"
                        + " initial delay %s, got %s",
                initialDelay,
                maxDelay);
        checkArgument(
                Double.isFinite(multiplier) && multiplier >= 1.0,
                "The multiplier (cosmos.retry.backoff.multiplier) must be a finite number of at"
                        + " least 1.0, got %s",
                multiplier);
    }

    /**
     * The delay before retry number {@code retry} (1 for the first). Never negative and never above
     * {@code maxDelay}, however large {@code retry} or the multiplier.
     */
    public Duration delayBefore(int retry) {
        checkArgument(retry >= 1, "Retries are numbered from 1, got %s", retry);
        // Past double's range the product is infinite and the cap applies; with a zero initial
        // delay it is NaN (0 × ∞), and (long) NaN is the 0 the formula means.
        double millis = initialDelay.toMillis() * Math.pow(multiplier, retry - 1);
        return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis((long) millis);
    }

    /** Whether an operation that has had {@code retries} retries may have one more. */
    public boolean allowsAnotherAfter(int retries) {
        return retries < maxRetries;
    }
}
