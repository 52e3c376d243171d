package io.github.flinkcosmos.connector.cosmos.client;

import com.azure.cosmos.ThrottlingRetryOptions;
import org.apache.flink.annotation.Internal;

import java.io.Serializable;
import java.time.Duration;

import static org.apache.flink.util.Preconditions.checkArgument;
import static org.apache.flink.util.Preconditions.checkNotNull;

/**
 * How the Cosmos DB client retries an operation answered 429 before the connector sees the 429: at
 * most {@code maxAttempts} retries, waiting at most {@code maxWait} in all. These retries run
 * inside each of the connector's own attempts, so the two layers multiply.
 */
@Internal
public record ThrottlingRetry(int maxAttempts, Duration maxWait) implements Serializable {

    /** The client's own defaults ({@code ThrottlingRetryOptions}): 9 retries within 30 s. */
    public static final ThrottlingRetry CLIENT_DEFAULTS =
            new ThrottlingRetry(9, Duration.ofSeconds(30));

    public ThrottlingRetry {
        checkArgument(maxAttempts >= 0, "maxAttempts must not be negative, got %s", maxAttempts);
        checkNotNull(maxWait, "maxWait");
        checkArgument(maxWait.toMillis() >= 1, "maxWait must be at least 1 ms, got %s", maxWait);
    }

    ThrottlingRetryOptions toOptions() {
        return new ThrottlingRetryOptions()
                .setMaxRetryAttemptsOnThrottledRequests(maxAttempts)
                .setMaxRetryWaitTime(maxWait);
    }
}
