package io.github.flinkcosmos.connector.cosmos.sink.internal;

import com.azure.cosmos.CosmosException;
import io.github.flinkcosmos.connector.cosmos.sink.CosmosWriteRequest;
import io.github.flinkcosmos.connector.cosmos.sink.DeadLetterClass;
import io.github.flinkcosmos.connector.cosmos.status.CosmosRequestStatusDetector;
import io.github.flinkcosmos.connector.cosmos.status.OperationKind;
import io.github.flinkcosmos.connector.cosmos.status.RequestClassification;
import org.apache.flink.annotation.Internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides what becomes of one bulk request, from the statuses of its operations: it is done, it is
 * retried after the backoff delay, or the job fails. The writer's one place of classification; it
 * does no I/O, so the writer only carries out its {@link Decision}.
 */
@Internal
public final class BatchClassifier {

    private static final int CONFLICT = 409;
    private static final int NOT_FOUND = 404;
    private static final int PRECONDITION_FAILED = 412;

    private final CosmosRequestStatusDetector detector;
    private final RetryBackoff backoff;
    private final String containerPath;
    private final Set<DeadLetterClass> deadLettered;

    /**
     * A classifier for a sink without a dead-letter container.
     *
     * @param containerPath the container the batch went to, for messages, e.g. {@code db/orders}
     */
    public BatchClassifier(
            CosmosRequestStatusDetector detector, RetryBackoff backoff, String containerPath) {
        this(detector, backoff, containerPath, Set.of());
    }

    /**
     * @param deadLettered what goes to the dead-letter container instead of failing or dropping
     */
    public BatchClassifier(
            CosmosRequestStatusDetector detector,
            RetryBackoff backoff,
            String containerPath,
            Set<DeadLetterClass> deadLettered) {
        this.detector = detector;
        this.backoff = backoff;
        this.containerPath = containerPath;
        this.deadLettered = Set.copyOf(deadLettered);
    }

    /**
     * What the Cosmos DB client answered for one operation: its status codes, if any, and the etag
     * of the document it left, if the service sent one.
     */
    public record Answer(
            CosmosWriteRequest request,
            boolean hasStatus,
            int statusCode,
            int subStatusCode,
            double requestCharge,
            String etag) {

        public static Answer of(
                CosmosWriteRequest request, int statusCode, int subStatusCode, double charge) {
            return new Answer(request, true, statusCode, subStatusCode, charge, null);
        }

        public static Answer of(
                CosmosWriteRequest request,
                int statusCode,
                int subStatusCode,
                double charge,
                String etag) {
            return new Answer(request, true, statusCode, subStatusCode, charge, etag);
        }

        /** An operation that got neither a response nor a status, for example after a reset. */
        public static Answer none(CosmosWriteRequest request) {
            return new Answer(request, false, 0, 0, 0, null);
        }
    }

    /**
     * What the writer does with a bulk request: exactly one of these, after writing its dead
     * letters.
     */
    public sealed interface Decision permits Complete, Retry, Fail {

        /** The writes given up on that go to the dead-letter container first. */
        List<DeadLetter> deadLetters();
    }

    /** Every operation is done: written, dropped or dead-lettered. */
    public record Complete(List<DeadLetter> deadLetters) implements Decision {
        public Complete() {
            this(List.of());
        }
    }

    /**
     * Submit {@code entries} after {@code delay}: the first {@code retried} of them retries, each
     * counted one retry more, the rest continuations (a patch's next part, a fallback).
     */
    public record Retry(
            List<CosmosWriteRequest> entries,
            Duration delay,
            int retried,
            List<DeadLetter> deadLetters)
            implements Decision {

        public Retry(List<CosmosWriteRequest> entries, Duration delay) {
            this(entries, delay, entries.size(), List.of());
        }

        public Retry(List<CosmosWriteRequest> entries, Duration delay, int retried) {
            this(entries, delay, retried, List.of());
        }
    }

    /**
     * Fail the job with this message, once the batch's other given-up writes are dead letters: a
     * restart need not bring them back for them to be kept.
     */
    public record Fail(String message, List<DeadLetter> deadLetters) implements Decision {
        public Fail(String message) {
            this(message, List.of());
        }
    }

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
            if (documentChangedSinceRead(request, status, subStatus)) {
                redecide(outcome, request, status, subStatus);
                continue;
            }
            RequestClassification classification = classify(request.kind(), status, subStatus);
            if (classification == null) {
                throw new IllegalStateException(
                        "the detector classified status %s/%s as null"
                                .formatted(status, subStatus));
            }
            switch (classification) {
                case SUCCESS:
                    if (request.hasNextPart()) {
                        outcome.continueWith(
                                request.nextPart(answer.etag()), answer.requestCharge());
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
                    if (deadLettered.contains(DeadLetterClass.DROP)) {
                        outcome.droppedToDeadLetter(
                                request,
                                status,
                                subStatus,
                                DeadLetter.of(
                                        request,
                                        DeadLetterClass.DROP,
                                        status,
                                        subStatus,
                                        "status %d, sub-status %d is classified DROP"
                                                .formatted(status, subStatus)));
                    } else {
                        outcome.dropped(request, status, subStatus);
                    }
                    break;
                case FALLBACK:
                    if (!request.hasFallback()) {
                        giveUp(
                                outcome,
                                request,
                                DeadLetterClass.FAIL,
                                status,
                                subStatus,
                                " (classified FALLBACK, but a %s has no fallback)"
                                        .formatted(request.kind()));
                    } else if (!backoff.allowsAnotherAfter(request.retries())) {
                        giveUp(
                                outcome,
                                request,
                                DeadLetterClass.RETRIES_EXHAUSTED,
                                status,
                                subStatus,
                                " (still no fallback that succeeds after %s retries,"
                                                .formatted(backoff.maxRetries())
                                        + " cosmos.retry.max-attempts)");
                    } else {
                        outcome.fallBack(request.fallback());
                    }
                    break;
                case FAIL:
                default:
                    if (deadLettered.contains(DeadLetterClass.FAIL)) {
                        outcome.deadLettered(
                                DeadLetter.of(
                                        request,
                                        DeadLetterClass.FAIL,
                                        status,
                                        subStatus,
                                        "status %d, sub-status %d is classified FAIL"
                                                .formatted(status, subStatus)));
                    } else {
                        outcome.failed(describe(request, status, subStatus));
                    }
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
     * Whether a versioned write found its document changed since it read it: another writer came
     * between (412 on If-Match, 409 on the create of a document that was absent), or the document
     * went away (404; for a delete or soft delete that is success, as the overrides say).
     */
    private static boolean documentChangedSinceRead(
            CosmosWriteRequest request, int status, int subStatus) {
        if (request.precondition() == CosmosWriteRequest.Precondition.NONE) {
            return false;
        }
        boolean deletes =
                request.kind() == OperationKind.DELETE
                        || request.kind() == OperationKind.SOFT_DELETE;
        return status == PRECONDITION_FAILED
                || status == CONFLICT
                || (status == NOT_FOUND && subStatus == 0 && !deletes);
    }

    /**
     * A versioned write reads its document again and decides again, at once, counted one retry
     * more: two writers of one document cannot loop longer than {@code cosmos.retry.max-attempts}.
     */
    private void redecide(
            BatchOutcome outcome, CosmosWriteRequest request, int status, int subStatus) {
        if (backoff.allowsAnotherAfter(request.retries())) {
            outcome.fallBack(request.redecided());
            return;
        }
        giveUp(
                outcome,
                request,
                DeadLetterClass.RETRIES_EXHAUSTED,
                status,
                subStatus,
                " (the document kept changing between reading it and writing it, %s times,"
                                .formatted(backoff.maxRetries())
                        + " cosmos.retry.max-attempts)");
    }

    /**
     * A versioned write whose stored document holds no version of the column's type: a dead letter
     * (class {@code fail}) if those go there, else a failure of the job.
     */
    public void rejectStoredVersion(BatchOutcome outcome, CosmosWriteRequest request, String why) {
        String description = "the stored document of %s %s".formatted(describe(request), why);
        if (deadLettered.contains(DeadLetterClass.FAIL)) {
            outcome.deadLettered(DeadLetter.of(request, DeadLetterClass.FAIL, 200, 0, description));
        } else {
            outcome.failed(description);
        }
    }

    /**
     * The detector's class for one operation. The interface's default method applies the spec's
     * overrides per operation kind (a delete answered 404/0 is SUCCESS, a create answered 409
     * SUCCESS, a patch answered 404 FALLBACK, …) before a detector's own table.
     */
    private RequestClassification classify(OperationKind kind, int status, int subStatus) {
        return detector.classify(kind, status, subStatus);
    }

    /** A write the sink gives up on: a dead letter if its class goes there, else a failure. */
    private void giveUp(
            BatchOutcome outcome,
            CosmosWriteRequest request,
            DeadLetterClass deadLetterClass,
            int status,
            int subStatus,
            String why) {
        String description = describe(request, status, subStatus) + why;
        if (deadLettered.contains(deadLetterClass)) {
            outcome.deadLettered(
                    DeadLetter.of(request, deadLetterClass, status, subStatus, description));
        } else {
            outcome.failed(description);
        }
    }

    /** What follows from a classified bulk request. */
    public Decision decide(BatchOutcome outcome) {
        if (!outcome.failures().isEmpty()) {
            return new Fail(
                    "Cosmos DB rejected %s write(s) to %s with a status classified FAIL: %s"
                            .formatted(
                                    outcome.failures().size(),
                                    containerPath,
                                    String.join("; ", outcome.failures())),
                    outcome.deadLetters());
        }
        if (outcome.retries().isEmpty()) {
            return outcome.continuations().isEmpty()
                    ? new Complete(outcome.deadLetters())
                    : new Retry(
                            List.copyOf(outcome.continuations()),
                            Duration.ZERO,
                            0,
                            outcome.deadLetters());
        }
        Decision retry =
                retryOrFail(outcome.retries(), outcome.retryStatuses(), outcome.deadLetters());
        if (outcome.continuations().isEmpty()) {
            return retry;
        }
        if (retry instanceof Retry retried) {
            List<CosmosWriteRequest> entries = new ArrayList<>(retried.entries());
            entries.addAll(outcome.continuations());
            return new Retry(
                    entries, retried.delay(), retried.entries().size(), retried.deadLetters());
        }
        if (retry instanceof Complete done) {
            // Every retry became a dead letter; the continuations still follow at once.
            return new Retry(
                    List.copyOf(outcome.continuations()), Duration.ZERO, 0, done.deadLetters());
        }
        return retry;
    }

    /** What follows from a bulk request that failed as a whole, without answers per operation. */
    public Decision decideWholeBatch(List<CosmosWriteRequest> requests, Throwable error) {
        return retryOrFail(
                requests,
                "%s ×%s (whole request)".formatted(statusOf(error), requests.size()),
                List.of());
    }

    /** What a job that gave up on 429s can change; the Cosmos DB client retried each one too. */
    static final String THROTTLED_ADVICE =
            """
            . Status 429 means the container was out of request units (throttled) even after the \
            Cosmos DB client's own retries inside each attempt: to ride throttling out for longer, \
            raise cosmos.throttling.max-retry-wait-ms and cosmos.throttling.max-retry-attempts, or \
            cosmos.retry.max-attempts; to throttle less, keep the sink below the container's \
            throughput with cosmos.throughput-control.target-throughput or \
            cosmos.throughput-control.target-threshold, or give the container more RU/s.""";

    /** The status of a failed request, {@code 503/0}, or the error's class when it has none. */
    public static String statusOf(Throwable error) {
        return error instanceof CosmosException cosmos
                ? cosmos.getStatusCode() + "/" + cosmos.getSubStatusCode()
                : error.getClass().getSimpleName();
    }

    /**
     * Retries after the backoff delay of the most-retried request, or fails the job when a request
     * has had every retry the policy allows, unless such requests go to the dead-letter container.
     */
    private Decision retryOrFail(
            List<CosmosWriteRequest> requests, String statuses, List<DeadLetter> deadLetters) {
        List<CosmosWriteRequest> exhausted =
                requests.stream()
                        .filter(request -> !backoff.allowsAnotherAfter(request.retries()))
                        .collect(Collectors.toList());
        if (!exhausted.isEmpty() && deadLettered.contains(DeadLetterClass.RETRIES_EXHAUSTED)) {
            List<DeadLetter> letters = new ArrayList<>(deadLetters);
            String reason =
                    "still failed after %d retries (cosmos.retry.max-attempts); last statuses"
                                    .formatted(backoff.maxRetries())
                            + " (status/sub-status): "
                            + statuses;
            exhausted.forEach(
                    request ->
                            letters.add(
                                    DeadLetter.of(
                                            request,
                                            DeadLetterClass.RETRIES_EXHAUSTED,
                                            0,
                                            0,
                                            reason)));
            List<CosmosWriteRequest> rest =
                    requests.stream()
                            .filter(request -> backoff.allowsAnotherAfter(request.retries()))
                            .collect(Collectors.toList());
            return rest.isEmpty() ? new Complete(letters) : retry(rest, List.copyOf(letters));
        }
        if (!exhausted.isEmpty()) {
            return new Fail(
                    ("%s write(s) to %s still failed after %s retries (cosmos.retry.max-attempts);"
                                    + " last statuses (status/sub-status): %s. First: %s%s")
                            .formatted(
                                    exhausted.size(),
                                    containerPath,
                                    backoff.maxRetries(),
                                    statuses,
                                    describe(exhausted.get(0)),
                                    statuses.contains("429/") ? THROTTLED_ADVICE : ""),
                    deadLetters);
        }
        return retry(requests, deadLetters);
    }

    private Retry retry(List<CosmosWriteRequest> requests, List<DeadLetter> deadLetters) {
        int nextRetry = requests.stream().mapToInt(CosmosWriteRequest::retries).max().orElse(0) + 1;
        return new Retry(
                requests.stream().map(CosmosWriteRequest::retried).collect(Collectors.toList()),
                backoff.delayBefore(nextRetry),
                requests.size(),
                deadLetters);
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
