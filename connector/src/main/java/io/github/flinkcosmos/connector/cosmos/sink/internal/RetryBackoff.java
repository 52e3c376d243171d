package io.github.flinkcosmos.connector.cosmos.sink.internal;

import org.apache.flink.annotation.Internal;

import java.io.Serializable;
import java.time.Duration;

/**
 * The connector-level retry policy: at most {@code maxRetries} retries of an operation, the n-th
 * after {@code min(initialDelay × multiplier^(n − 1), maxDelay)}.
 */
@Internal
public record RetryBackoff(
        int maxRetries, Duration initialDelay, Duration maxDelay, double multiplier)
        implements Serializable {

    /** The delay before retry number {@code retry} (1 for the first). */
    public Duration delayBefore(int retry) {
        double millis = initialDelay.toMillis() * Math.pow(multiplier, retry - 1);
        return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis((long) millis);
    }

    /** Whether an operation that has had {@code retries} retries may have one more. */
    public boolean allowsAnotherAfter(int retries) {
        return retries < maxRetries;
    }
}
