package io.github.flinkcosmos.embedded.faults;

import java.time.Duration;
import java.util.Optional;

/**
 * The result a faulted operation gets instead of its real one.
 *
 * @param retryAfter sent as {@code retryAfterMilliseconds} (bulk) or {@code x-ms-retry-after-ms}
 */
public record OperationFailure(int statusCode, int subStatusCode, Optional<Duration> retryAfter) {

    public static OperationFailure status(int statusCode) {
        return new OperationFailure(statusCode, 0, Optional.empty());
    }

    public static OperationFailure status(int statusCode, int subStatusCode) {
        return new OperationFailure(statusCode, subStatusCode, Optional.empty());
    }

    /** A 429 with the request-rate-too-large sub-status, as a spent budget gives it. */
    public static OperationFailure throttled(Duration retryAfter) {
        return new OperationFailure(429, 3200, Optional.of(retryAfter));
    }
}
