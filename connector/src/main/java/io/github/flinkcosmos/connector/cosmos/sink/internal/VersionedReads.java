package io.github.flinkcosmos.connector.cosmos.sink.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinkcosmos.connector.cosmos.sink.CosmosWriteRequest;
import io.github.flinkcosmos.connector.cosmos.sink.DocumentVersion;
import io.github.flinkcosmos.connector.cosmos.status.OperationKind;
import org.apache.flink.annotation.Internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides what each versioned write does once its document is read ({@code
 * cosmos.write.version-column}). The compare happens here, in Java, on the stored field parsed as a
 * version, never on text; the write that follows names the etag it read (If-Match), or is a create
 * when there was no document, so that a writer coming between the read and the write makes it
 * decide again instead of being overwritten. Does no I/O.
 *
 * <ul>
 *   <li>Row newer than the stored version, or no version stored: the write, If-Match the etag.
 *   <li>Row not newer (equal included): skipped as stale.
 *   <li>No document: upserts and patches create it whole; deletes and soft deletes are done.
 *   <li>A later part of a patch (met again after a 412 or a restore) starts again from the first
 *       part when the stored version is older: the version is set by the last part, so an older
 *       version says nothing of which parts are in. When it is the same or newer, the whole row (or
 *       a newer one) is in, and the part is stale.
 * </ul>
 */
@Internal
public final class VersionedReads {

    private static final int OK = 200;
    private static final int NOT_FOUND = 404;

    private final String versionField;

    /**
     * @param versionField the top-level field that holds each document's version
     */
    public VersionedReads(String versionField) {
        this.versionField = Objects.requireNonNull(versionField, "versionField");
    }

    /**
     * What the client answered to the read of one document.
     *
     * @param document the stored document for a 200, null otherwise
     * @param etag the stored document's etag for a 200, null otherwise
     */
    public record Read(
            CosmosWriteRequest request,
            boolean hasStatus,
            int statusCode,
            int subStatusCode,
            double requestCharge,
            JsonNode document,
            String etag) {}

    /** A stored document whose version field holds no version of the column's type. */
    public record Unreadable(CosmosWriteRequest request, String why) {}

    /**
     * What the reads of one batch decided.
     *
     * @param writes the writes to send, each with its precondition
     * @param stale the writes whose row is not newer than the stored document
     * @param gone the deletes and soft deletes whose document was already gone
     * @param failedReads the reads that did not get a 200 or 404, as answers for the classifier
     * @param unreadable the writes whose stored version could not be read
     * @param requestCharge the request units of the reads
     */
    public record Decisions(
            List<CosmosWriteRequest> writes,
            List<CosmosWriteRequest> stale,
            List<CosmosWriteRequest> gone,
            List<BatchClassifier.Answer> failedReads,
            List<Unreadable> unreadable,
            double requestCharge) {

        /** Nothing read, for a batch without versioned writes. */
        public static Decisions none() {
            return new Decisions(List.of(), List.of(), List.of(), List.of(), List.of(), 0);
        }

        /** Adds these decisions to the outcome of the writes that followed them. */
        public void addTo(BatchOutcome outcome, BatchClassifier classifier) {
            outcome.charged(requestCharge);
            stale.forEach(outcome::skippedStale);
            gone.forEach(outcome::alreadyGone);
            unreadable.forEach(
                    bad -> classifier.rejectStoredVersion(outcome, bad.request(), bad.why()));
        }
    }

    /** Sorts the reads' writes by what the stored documents say. */
    public Decisions decide(List<Read> reads) {
        List<CosmosWriteRequest> writes = new ArrayList<>();
        List<CosmosWriteRequest> stale = new ArrayList<>();
        List<CosmosWriteRequest> gone = new ArrayList<>();
        List<BatchClassifier.Answer> failed = new ArrayList<>();
        List<Unreadable> unreadable = new ArrayList<>();
        double charge = 0;
        for (Read read : reads) {
            CosmosWriteRequest request = read.request();
            charge += read.requestCharge();
            if (!read.hasStatus()) {
                failed.add(BatchClassifier.Answer.none(request));
            } else if (read.statusCode() == OK && read.document() != null && read.etag() != null) {
                Optional<DocumentVersion> stored;
                try {
                    stored = request.version().stored(read.document().get(versionField));
                } catch (IllegalArgumentException e) {
                    unreadable.add(
                            new Unreadable(
                                    request,
                                    "has a field '%s' that is no version: %s"
                                            .formatted(versionField, e.getMessage())));
                    continue;
                }
                decideOver(request, stored, read.etag(), writes, stale);
            } else if (read.statusCode() == NOT_FOUND && read.subStatusCode() == 0) {
                if (deletes(request)) {
                    gone.add(request);
                } else {
                    writes.add(request.ifAbsent());
                }
            } else {
                failed.add(
                        BatchClassifier.Answer.of(
                                request,
                                read.statusCode(),
                                read.subStatusCode(),
                                read.requestCharge()));
            }
        }
        return new Decisions(writes, stale, gone, failed, unreadable, charge);
    }

    private static void decideOver(
            CosmosWriteRequest request,
            Optional<DocumentVersion> stored,
            String etag,
            List<CosmosWriteRequest> writes,
            List<CosmosWriteRequest> stale) {
        DocumentVersion version = request.version();
        boolean laterPart = request.kind() == OperationKind.PATCH && request.part() > 0;
        if (version.isNewerThan(stored)) {
            // A later part cannot tell which earlier parts are in (a writer may have come between
            // them), so the patch starts again from its first part on the document as read.
            writes.add(laterPart ? request.firstPartIfMatch(etag) : request.ifMatch(etag));
        } else {
            stale.add(request);
        }
    }

    private static boolean deletes(CosmosWriteRequest request) {
        return request.kind() == OperationKind.DELETE
                || request.kind() == OperationKind.SOFT_DELETE;
    }
}
