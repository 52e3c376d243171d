package io.github.flinkcosmos.embedded.protocol;

import io.github.flinkcosmos.embedded.store.StoredDocument;

import java.time.Duration;
import java.util.Optional;

/** The outcome of one document operation, alone or in a bulk request. */
record OperationResult(
        int statusCode,
        int subStatusCode,
        double requestCharge,
        Optional<StoredDocument> document,
        Optional<Duration> retryAfter,
        String message) {

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
