package io.github.flinkcosmos.connector.cosmos.sink.internal;

import io.github.flinkcosmos.connector.cosmos.sink.CosmosWriteRequest;
import org.apache.flink.annotation.Internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What became of the operations of one bulk request, sorted by classification, with the statuses
 * behind each retry and failure counted for messages.
 */
@Internal
public final class BatchOutcome {

    private final List<CosmosWriteRequest> retries = new ArrayList<>();
    private final List<CosmosWriteRequest> continuations = new ArrayList<>();
    private final List<CosmosWriteRequest.DocumentKey> finishedKeys = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final List<Drop> drops = new ArrayList<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private final Map<String, Integer> retryStatuses = new TreeMap<>();
    private int succeeded;
    private int throttled;
    private int skippedExisting;
    private int skippedStale;
    private double requestCharge;

    public void succeeded(CosmosWriteRequest request, double charge) {
        succeeded++;
        requestCharge += charge;
        finishedKeys.add(request.key());
    }

    /** A create that found the document existing (409), counted SUCCESS: the first write won. */
    public void skippedExisting(CosmosWriteRequest request, double charge) {
        skippedExisting++;
        succeeded(request, charge);
    }

    /**
     * A versioned write whose row is not newer than the stored document: over, never retried, never
     * a failure, and not counted as succeeded, since nothing was written.
     */
    public void skippedStale(CosmosWriteRequest request) {
        skippedStale++;
        finishedKeys.add(request.key());
    }

    /**
     * A versioned delete or soft delete whose document was already gone when read: done, as the
     * operation overrides say of a delete answered 404.
     */
    public void alreadyGone(CosmosWriteRequest request) {
        succeeded++;
        finishedKeys.add(request.key());
    }

    /** Request units of the reads before versioned writes. */
    public void charged(double charge) {
        requestCharge += charge;
    }

    public int skippedStaleCount() {
        return skippedStale;
    }

    /**
     * An operation done whose document has more to write at once, not after a backoff: the next
     * part of a patch, or the fallback of a patch or its create. The document stays in flight.
     */
    public void continueWith(CosmosWriteRequest next, double charge) {
        succeeded++;
        requestCharge += charge;
        continuations.add(next);
    }

    /** A fallback: the answered operation did not succeed, but its replacement follows at once. */
    public void fallBack(CosmosWriteRequest fallback) {
        continuations.add(fallback);
    }

    public List<CosmosWriteRequest> continuations() {
        return continuations;
    }

    public int skippedExistingCount() {
        return skippedExisting;
    }

    /** An operation classified DROP: over, not retried, and to be logged with its status. */
    public record Drop(CosmosWriteRequest request, int statusCode, int subStatusCode) {}

    public void dropped(CosmosWriteRequest request, int statusCode, int subStatusCode) {
        drops.add(new Drop(request, statusCode, subStatusCode));
        finishedKeys.add(request.key());
    }

    /**
     * A dropped operation that also goes to the dead-letter container: logged and counted as a
     * drop, but its document is released only once the dead letter is written, and only then.
     */
    public void droppedToDeadLetter(
            CosmosWriteRequest request, int statusCode, int subStatusCode, DeadLetter letter) {
        drops.add(new Drop(request, statusCode, subStatusCode));
        deadLetters.add(letter);
    }

    /** An operation given up on that goes to the dead-letter container instead. */
    public void deadLettered(DeadLetter letter) {
        deadLetters.add(letter);
    }

    /** What goes to the dead-letter container, in the order classified. */
    public List<DeadLetter> deadLetters() {
        return deadLetters;
    }

    /** The dropped operations with the statuses they were dropped for. */
    public List<Drop> drops() {
        return drops;
    }

    /** The documents whose writes are over: written or dropped. */
    public List<CosmosWriteRequest.DocumentKey> finishedKeys() {
        return finishedKeys;
    }

    public void retry(CosmosWriteRequest request, int statusCode, int subStatusCode) {
        retries.add(request);
        if (statusCode == 429) {
            throttled++;
        }
        retryStatuses.merge(statusCode + "/" + subStatusCode, 1, Integer::sum);
    }

    /** An operation that fails the job; {@code description} names it without its content. */
    public void failed(String description) {
        failures.add(description);
    }

    public List<CosmosWriteRequest> retries() {
        return retries;
    }

    public List<String> failures() {
        return failures;
    }

    /** The statuses of the operations to retry, like {@code 503/0 ×3, 429/3200 ×1}. */
    public String retryStatuses() {
        List<String> parts = new ArrayList<>();
        retryStatuses.forEach((status, count) -> parts.add(status + " ×" + count));
        return String.join(", ", parts);
    }

    public int succeededCount() {
        return succeeded;
    }

    public int droppedCount() {
        return drops.size();
    }

    /** Operations answered 429 even after the Cosmos DB client's own retries. */
    public int throttledCount() {
        return throttled;
    }

    public double requestCharge() {
        return requestCharge;
    }
}
