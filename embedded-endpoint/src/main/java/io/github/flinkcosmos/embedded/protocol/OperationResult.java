package io.github.flinkcosmos.embedded.protocol;

import io.github.flinkcosmos.embedded.store.StoredDocument;

import java.time.Duration;
import java.util.Optional;

/**
 * The outcome of one document operation, alone or in a bulk request.
 *
 * @param delay how long an injected fault holds the answer back
 */
record OperationResult(
        int statusCode,
        int subStatusCode,
        double requestCharge,
        Optional<StoredDocument> document,
        Optional<Duration> retryAfter,
        String message,
        Duration delay) {

    /** The sub-status of a 410 whose range was split: the SDK refreshes its routing map. */
    static final int PARTITION_KEY_RANGE_GONE = 1002;

    OperationResult(
            int statusCode,
            int subStatusCode,
            double requestCharge,
            Optional<StoredDocument> document,
            Optional<Duration> retryAfter,
            String message) {
        this(
                statusCode,
                subStatusCode,
                requestCharge,
                document,
                retryAfter,
                message,
                Duration.ZERO);
    }

    /** 410/1002 for an operation whose range is gone or does not hold its key. */
    static OperationResult rangeGone(String message) {
        return failed(410, PARTITION_KEY_RANGE_GONE, 0, message);
    }

    OperationResult withDelay(Duration delay) {
        return new OperationResult(
                statusCode, subStatusCode, requestCharge, document, retryAfter, message, delay);
    }

    static OperationResult of(int statusCode, double charge, StoredDocument document) {
        return new OperationResult(
                statusCode, 0, charge, Optional.of(document), Optional.empty(), "");
    }

    static OperationResult failed(
            int statusCode, int subStatusCode, double charge, String message) {
        return new OperationResult(
                statusCode, subStatusCode, charge, Optional.empty(), Optional.empty(), message);
    }

    static OperationResult throttled(Duration retryAfter) {
        return new OperationResult(
                429,
                3200,
                0,
                Optional.empty(),
                Optional.of(retryAfter),
                "Request rate is large: the provisioned throughput is spent.");
    }

    boolean succeeded() {
        return statusCode >= 200 && statusCode < 300;
    }
}
