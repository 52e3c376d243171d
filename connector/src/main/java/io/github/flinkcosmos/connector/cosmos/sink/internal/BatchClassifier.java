package io.github.flinkcosmos.connector.cosmos.sink.internal;

import com.azure.cosmos.CosmosException;
import io.github.flinkcosmos.connector.cosmos.sink.CosmosWriteRequest;
import io.github.flinkcosmos.connector.cosmos.status.CosmosRequestStatusDetector;
import io.github.flinkcosmos.connector.cosmos.status.OperationKind;
import io.github.flinkcosmos.connector.cosmos.status.RequestClassification;
import org.apache.flink.annotation.Internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Decides what becomes of one bulk request, from the statuses of its operations: it is done, it is
 * retried after the backoff delay, or the job fails. The writer's one place of classification; it
 * does no I/O, so the writer only carries out its {@link Decision}.
 */
@Internal
public final class BatchClassifier {

    private static final int CONFLICT = 409;

    private final CosmosRequestStatusDetector detector;
    private final RetryBackoff backoff;
    private final String containerPath;

    /**
     * @param containerPath the container the batch went to, for messages, e.g. {@code db/orders}
     */
    public BatchClassifier(
            CosmosRequestStatusDetector detector, RetryBackoff backoff, String containerPath) {
        this.detector = detector;
        this.backoff = backoff;
        this.containerPath = containerPath;
    }

    /** What the Cosmos DB client answered for one operation: its status codes, if any. */
    public record Answer(
            CosmosWriteRequest request,
            boolean hasStatus,
            int statusCode,
            int subStatusCode,
            double requestCharge) {

        public static Answer of(
                CosmosWriteRequest request, int statusCode, int subStatusCode, double charge) {
            return new Answer(request, true, statusCode, subStatusCode, charge);
        }

        /** An operation that got neither a response nor a status, for example after a reset. */
        public static Answer none(CosmosWriteRequest request) {
            return new Answer(request, false, 0, 0, 0);
        }
    }

    /** What the writer does with a bulk request: exactly one of these. */
    public sealed interface Decision permits Complete, Retry, Fail {}

    /** Every operation is done: written or dropped. */
    public record Complete() implements Decision {}

    /**
     * Submit {@code entries} after {@code delay}: the first {@code retried} of them retries, each
     * counted one retry more, the rest continuations (a patch's next part, a fallback).
     */
    public record Retry(List<CosmosWriteRequest> entries, Duration delay, int retried)
            implements Decision {

        public Retry(List<CosmosWriteRequest> entries, Duration delay) {
            this(entries, delay, entries.size());
        }
    }

    /** Fail the job with this message. */
    public record Fail(String message) implements Decision {}

    /**
     * Sorts every operation of a finished bulk request by what the detector says of it. Operations
     * without a status, and those the client never answered, are retried with status 0/0.
     *
     * @throws IllegalStateException if the detector classifies a status as null
     */
    public BatchOutcome classify(List<CosmosWriteRequest> requests, List<Answer> answers) {
        BatchOutcome outcome = new BatchOutcome();
        Map<CosmosWriteRequest, Boolean> answered = new IdentityHashMap<>();
        for (Answer answer : answers) {
            CosmosWriteRequest request = answer.request();
            answered.put(request, true);
            if (!answer.hasStatus()) {
                outcome.retry(request, 0, 0);
                continue;
            }
            int status = answer.statusCode();
            int subStatus = answer.subStatusCode();
            RequestClassification classification = classify(request.kind(), status, subStatus);
            if (classification == null) {
                throw new IllegalStateException(
                        "the detector classified status %s/%s as null"
                                .formatted(status, subStatus));
            }
            switch (classification) {
                case SUCCESS:
                    if (request.hasNextPart()) {
                        outcome.continueWith(request.nextPart(), answer.requestCharge());
                    } else if (request.kind() == OperationKind.CREATE && status == CONFLICT) {
                        outcome.skippedExisting(request, answer.requestCharge());
                    } else {
                        outcome.succeeded(request, answer.requestCharge());
                    }
                    break;
                case RETRY:
                    outcome.retry(request, status, subStatus);
                    break;
                case DROP:
                    outcome.dropped(request);
                    break;
                case FALLBACK:
                    if (!request.hasFallback()) {
                        outcome.failed(
                                describe(request, status, subStatus)
                                        + " (classified FALLBACK, but a %s has no fallback)"
                                                .formatted(request.kind()));
                    } else if (!backoff.allowsAnotherAfter(request.retries())) {
                        outcome.failed(
                                describe(request, status, subStatus)
                                        + " (still no fallback that succeeds after %s retries,"
                                                .formatted(backoff.maxRetries())
                                        + " cosmos.retry.max-attempts)");
                    } else {
                        outcome.fallBack(request.fallback());
                    }
                    break;
                case FAIL:
                default:
                    outcome.failed(describe(request, status, subStatus));
                    break;
            }
        }
        for (CosmosWriteRequest request : requests) {
            if (!answered.containsKey(request)) {
                outcome.retry(request, 0, 0);
            }
        }
        return outcome;
    }

    /**
     * The detector's class for one operation. The interface's default method applies the spec's
     * overrides per operation kind (a delete answered 404/0 is SUCCESS, a create answered 409
     * SUCCESS, a patch answered 404 FALLBACK, …) before a detector's own table.
     */
    private RequestClassification classify(OperationKind kind, int status, int subStatus) {
        return detector.classify(kind, status, subStatus);
    }

    /** What follows from a classified bulk request. */
    public Decision decide(BatchOutcome outcome) {
        if (!outcome.failures().isEmpty()) {
            return new Fail(
                    "Cosmos DB rejected %s write(s) to %s with a status classified FAIL: %s"
                            .formatted(
                                    outcome.failures().size(),
                                    containerPath,
                                    String.join("; ", outcome.failures())));
        }
        if (outcome.retries().isEmpty()) {
            return outcome.continuations().isEmpty()
                    ? new Complete()
                    : new Retry(List.copyOf(outcome.continuations()), Duration.ZERO, 0);
        }
        Decision retry = retryOrFail(outcome.retries(), outcome.retryStatuses());
        if (retry instanceof Retry retried && !outcome.continuations().isEmpty()) {
            List<CosmosWriteRequest> entries = new ArrayList<>(retried.entries());
            entries.addAll(outcome.continuations());
            return new Retry(entries, retried.delay(), retried.entries().size());
        }
        return retry;
    }

    /** What follows from a bulk request that failed as a whole, without answers per operation. */
    public Decision decideWholeBatch(List<CosmosWriteRequest> requests, Throwable error) {
        return retryOrFail(
                requests, "%s ×%s (whole request)".formatted(statusOf(error), requests.size()));
    }

    /** The status of a failed request, {@code 503/0}, or the error's class when it has none. */
    public static String statusOf(Throwable error) {
        return error instanceof CosmosException cosmos
                ? cosmos.getStatusCode() + "/" + cosmos.getSubStatusCode()
                : error.getClass().getSimpleName();
    }

    /**
     * Retries after the backoff delay of the most-retried request, or fails the job when a request
     * has had every retry the policy allows.
     */
    private Decision retryOrFail(List<CosmosWriteRequest> requests, String statuses) {
        List<CosmosWriteRequest> exhausted =
                requests.stream()
                        .filter(request -> !backoff.allowsAnotherAfter(request.retries()))
                        .collect(Collectors.toList());
        if (!exhausted.isEmpty()) {
            return new Fail(
                    ("%s write(s) to %s still failed after %s retries (cosmos.retry.max-attempts);"
                                    + " last statuses (status/sub-status): %s. First: %s")
                            .formatted(
                                    exhausted.size(),
                                    containerPath,
                                    backoff.maxRetries(),
                                    statuses,
                                    describe(exhausted.get(0))));
        }
        int nextRetry = requests.stream().mapToInt(CosmosWriteRequest::retries).max().orElse(0) + 1;
        return new Retry(
                requests.stream().map(CosmosWriteRequest::retried).collect(Collectors.toList()),
                backoff.delayBefore(nextRetry));
    }

    private static String describe(CosmosWriteRequest request, int status, int subStatus) {
        String what =
                switch (request.kind()) {
                    case DELETE -> "the delete of ";
                    case SOFT_DELETE -> "the soft delete of ";
                    case CREATE -> "the create of ";
                    case CREATE_MISSING -> "the create (the patch found no document) of ";
                    case PATCH ->
                            "part %s of %s of the patch of "
                                    .formatted(request.part() + 1, request.parts());
                    default -> "";
                };
        return "status %s, sub-status %s for %s%s"
                .formatted(status, subStatus, what, describe(request));
    }

    /** Names a document by its id and partition key, never its content. */
    private static String describe(CosmosWriteRequest request) {
        return "id '%s', partition key %s".formatted(request.id(), request.partitionKey());
    }
}
