package io.github.flinkcosmos.embedded.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinkcosmos.embedded.faults.FaultInjector;
import io.github.flinkcosmos.embedded.faults.Operation;
import io.github.flinkcosmos.embedded.faults.OperationFailure;
import io.github.flinkcosmos.embedded.faults.OperationKind;
import io.github.flinkcosmos.embedded.faults.RequestFailure;
import io.github.flinkcosmos.embedded.observability.EndpointStats;
import io.github.flinkcosmos.embedded.observability.WriteAudit;
import io.github.flinkcosmos.embedded.partitions.PartitionKeyRange;
import io.github.flinkcosmos.embedded.store.ContainerResource;
import io.github.flinkcosmos.embedded.store.DocumentKey;
import io.github.flinkcosmos.embedded.store.DocumentPatch;
import io.github.flinkcosmos.embedded.store.Json;
import io.github.flinkcosmos.embedded.store.StoredDocument;
import io.github.flinkcosmos.embedded.throughput.Priority;
import io.github.flinkcosmos.embedded.throughput.RequestUnits;
import io.github.flinkcosmos.embedded.throughput.ThroughputBudget;
import io.github.flinkcosmos.embedded.throughput.ThroughputModel;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Runs one document operation the same way whether it came alone or in a bulk request, on the
 * partition-key range the caller routed it to: the request's own checks first, then an injected
 * fault (a failure, added latency), then the range's request-unit budget, then the store.
 */
final class DocumentOperations {

    /** The service's limit on one document. */
    static final int MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;

    private static final List<String> SYSTEM_PROPERTIES =
            List.of("_rid", "_self", "_etag", "_ts", "_attachments");

    private final FaultInjector faults;
    private final ThroughputModel throughput;
    private final EndpointStats stats;

    DocumentOperations(FaultInjector faults, ThroughputModel throughput, EndpointStats stats) {
        this.faults = faults;
        this.throughput = throughput;
        this.stats = stats;
    }

    /**
     * @param range the live range that holds the partition key
     * @param partitionKey the canonical partition-key value the client sent
     * @param body the document for create, upsert and replace, the patch ({@code operations} and an
     *     optional {@code condition}) for a patch; null otherwise
     * @param ifMatch the etag the stored document must have, if the client sent one
     * @param priority the request's priority, which decides who is throttled first over budget
     */
    OperationResult execute(
            ContainerResource container,
            PartitionKeyRange range,
            OperationKind kind,
            String id,
            String partitionKey,
            ObjectNode body,
            Optional<String> ifMatch,
            Priority priority) {
        Operation operation =
                new Operation(
                        kind,
                        container.database().id(),
                        container.id(),
                        id,
                        partitionKey,
                        range.id());
        OperationResult result = run(container, range, operation, body, ifMatch, priority);
        Duration latency = faults.latencyFor(operation);
        stats.recordOperation(operation, result.statusCode(), result.requestCharge());
        stats.audit().ifPresent(audit -> audit(audit, operation, body, result));
        container.partitions().recordOperation(range.id(), result.statusCode());
        return latency.isZero() ? result : result.withDelay(latency);
    }

    /** Records a successful write, or a delete, in the audit; run() took system properties off. */
    private static void audit(
            WriteAudit audit, Operation operation, ObjectNode body, OperationResult result) {
        int status = result.statusCode();
        if (operation.kind() == OperationKind.DELETE && (status == 204 || status == 404)) {
            audit.recordDelete(status == 204, result.requestCharge());
        } else if (operation.kind() != OperationKind.READ && status / 100 == 2 && body != null) {
            String document =
                    String.join(
                            "/",
                            operation.database(),
                            operation.container(),
                            operation.partitionKey(),
                            operation.id());
            audit.recordWrite(document, digest(Json.bytes(body)), result.requestCharge());
        }
    }

    private static long digest(byte[] body) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(body);
            return ByteBuffer.wrap(sha).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    private OperationResult run(
            ContainerResource container,
            PartitionKeyRange range,
            Operation operation,
            ObjectNode body,
            Optional<String> ifMatch,
            Priority priority) {
        OperationKind kind = operation.kind();
        String id = operation.id();
        String partitionKey = operation.partitionKey();
        if (id == null || id.isEmpty()) {
            return OperationResult.failed(400, 0, 0, "The document has no 'id'.");
        }
        Optional<String> refused = DocumentLimits.refuseIdOrKey(id, partitionKey);
        if (refused.isPresent()) {
            return OperationResult.failed(400, 0, 0, refused.get());
        }
        Optional<OperationFailure> fault = faults.failureFor(operation);
        if (fault.isPresent()) {
            OperationFailure failure = fault.get();
            return new OperationResult(
                    failure.statusCode(),
                    failure.subStatusCode(),
                    0,
                    Optional.empty(),
                    failure.retryAfter(),
                    "Injected fault");
        }
        if (kind == OperationKind.PATCH) {
            return patch(
                    container, range, new DocumentKey(partitionKey, id), body, ifMatch, priority);
        }
        byte[] bodyJson = null;
        if (body != null) {
            String fromDocument = container.partitionKeyOf(body);
            if (!fromDocument.equals(partitionKey)) {
                return OperationResult.failed(
                        400,
                        1001,
                        0,
                        "PartitionKey extracted from document ("
                                + fromDocument
                                + ") doesn't match the one specified in the request ("
                                + partitionKey
                                + ").");
            }
            Optional<String> tooDeep = DocumentLimits.refuseNesting(body);
            if (tooDeep.isPresent()) {
                return OperationResult.failed(400, 0, 0, tooDeep.get());
            }
            body.remove(SYSTEM_PROPERTIES); // the store sets these itself
            bodyJson = Json.bytes(body);
            if (bodyJson.length > MAX_DOCUMENT_BYTES) {
                return OperationResult.failed(
                        413,
                        0,
                        0,
                        "The document is "
                                + bodyJson.length
                                + " bytes; the limit is "
                                + MAX_DOCUMENT_BYTES
                                + ".");
            }
        }
        DocumentKey key = new DocumentKey(partitionKey, id);
        double charge = charge(container, kind, key, bodyJson);
        Optional<ThroughputBudget> budget =
                throughput.budget(container.database().id(), container.id());
        if (budget.isPresent()) {
            Optional<Duration> wait =
                    budget.get()
                            .charge(range.id(), container.partitions().size(), charge, priority);
            if (wait.isPresent()) {
                return OperationResult.throttled(wait.get());
            }
        }
        StoredDocument prepared =
                bodyJson == null
                        ? null
                        : container.prepare(key, bodyJson, ContainerResource.timeToLiveOf(body));
        return ifMatch.isPresent()
                ? applyIfMatch(container, kind, key, prepared, ifMatch.get(), charge)
                : apply(container, kind, key, prepared, charge);
    }

    /** Whether a rule on bulk requests by their operations is set; ask {@link #bulkFailure}. */
    boolean anyBulkRule() {
        return faults.anyBulkRule();
    }

    /** The whole-request failure a bulk request holding these operations gets, if a rule is due. */
    Optional<RequestFailure> bulkFailure(List<Operation> operations) {
        return faults.failureForBulk(operations);
    }

    /** Whether a split rule is set; requests ask {@link #splitsRange} only then. */
    boolean anySplitRule() {
        return faults.anySplitRule();
    }

    /**
     * Splits the range if a fault rule matches this operation.
     *
     * @return whether it did (or a concurrent request did for the same rule)
     */
    boolean splitsRange(
            ContainerResource container,
            PartitionKeyRange range,
            OperationKind kind,
            String id,
            String partitionKey) {
        Operation operation =
                new Operation(
                        kind,
                        container.database().id(),
                        container.id(),
                        id,
                        partitionKey,
                        range.id());
        if (!faults.splitsRangeOf(operation)) {
            return false;
        }
        split(container, range);
        return true;
    }

    /** Splits the range unless a concurrent request already has. */
    private static void split(ContainerResource container, PartitionKeyRange range) {
        if (container.partitions().live(range.id()).isPresent()) {
            try {
                container.partitions().split(range.id());
            } catch (IllegalArgumentException alreadySplit) {
                // Another request split it between the check and the split: gone either way.
            }
        }
    }

    /**
     * Patches the stored document as the service does: 400 for more than {@link
     * DocumentPatch#MAX_OPERATIONS} operations, a bad path or a change of the partition key, 404
     * when the document is missing, 412 when its etag differs from If-Match or it fails the
     * condition. The patched document replaces the one the patch was applied to, or the patch runs
     * again on the newer one a concurrent write stored.
     */
    private OperationResult patch(
            ContainerResource container,
            PartitionKeyRange range,
            DocumentKey key,
            ObjectNode body,
            Optional<String> ifMatch,
            Priority priority) {
        DocumentPatch patch;
        try {
            patch = DocumentPatch.parse(body == null ? Json.MAPPER.createObjectNode() : body);
        } catch (IllegalArgumentException e) {
            return OperationResult.failed(400, 0, 0, e.getMessage());
        }
        double charge = charge(container, OperationKind.PATCH, key, null);
        Optional<ThroughputBudget> budget =
                throughput.budget(container.database().id(), container.id());
        if (budget.isPresent()) {
            // The range's own share, as for every other operation.
            Optional<Duration> wait =
                    budget.get()
                            .charge(range.id(), container.partitions().size(), charge, priority);
            if (wait.isPresent()) {
                return OperationResult.throttled(wait.get());
            }
        }
        while (true) {
            Optional<StoredDocument> current = container.get(key);
            if (current.isEmpty()) {
                return notFound(key, charge);
            }
            if (ifMatch.isPresent() && !current.get().etag().equals(ifMatch.get())) {
                return preconditionFailed(key, charge, "no longer has the etag of If-Match");
            }
            ObjectNode stored;
            try {
                stored = (ObjectNode) Json.parse(current.get().json());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            if (!patch.matches(stored)) {
                return preconditionFailed(key, charge, "does not match the patch's condition");
            }
            ObjectNode patched;
            try {
                patched = patch.applyTo(stored);
            } catch (IllegalArgumentException e) {
                return OperationResult.failed(400, 0, charge, e.getMessage());
            }
            if (!container.partitionKeyOf(patched).equals(key.partitionKey())) {
                return OperationResult.failed(
                        400, 0, charge, "A patch cannot change the partition key of a document.");
            }
            patched.remove(SYSTEM_PROPERTIES);
            byte[] patchedJson = Json.bytes(patched);
            if (patchedJson.length > MAX_DOCUMENT_BYTES) {
                return OperationResult.failed(
                        413,
                        0,
                        charge,
                        "The patched document is " + patchedJson.length + " bytes.");
            }
            StoredDocument prepared =
                    container.prepare(key, patchedJson, ContainerResource.timeToLiveOf(patched));
            if (container.replace(current.get(), prepared)) {
                return OperationResult.of(200, charge, prepared);
            }
        }
    }

    private static OperationResult preconditionFailed(DocumentKey key, double charge, String why) {
        return OperationResult.failed(
                412, 0, charge, "The document with id '" + key.id() + "' " + why + ".");
    }

    /** Writes, deletes included, cost by size at the write rate; reads at the read rate. */
    private static double charge(
            ContainerResource container, OperationKind kind, DocumentKey key, byte[] bodyJson) {
        if (bodyJson != null) {
            return RequestUnits.write(bodyJson.length);
        }
        int stored = container.get(key).map(document -> document.json().length).orElse(0);
        return kind == OperationKind.READ ? RequestUnits.read(stored) : RequestUnits.write(stored);
    }

    private static OperationResult apply(
            ContainerResource container,
            OperationKind kind,
            DocumentKey key,
            StoredDocument prepared,
            double charge) {
        switch (kind) {
            case CREATE:
                return container.create(prepared)
                        ? OperationResult.of(201, charge, prepared)
                        : conflict(key, charge);
            case UPSERT:
                return OperationResult.of(container.upsert(prepared) ? 200 : 201, charge, prepared);
            case REPLACE:
                return container.replace(prepared)
                        ? OperationResult.of(200, charge, prepared)
                        : notFound(key, charge);
            case READ:
                return container
                        .get(key)
                        .map(document -> OperationResult.of(200, charge, document))
                        .orElseGet(() -> notFound(key, charge));
            case DELETE:
            default:
                return container.remove(key).isPresent() ? deleted(charge) : notFound(key, charge);
        }
    }

    /** With If-Match, a write or delete applies only to the stored version with that etag. */
    private static OperationResult applyIfMatch(
            ContainerResource container,
            OperationKind kind,
            DocumentKey key,
            StoredDocument prepared,
            String ifMatch,
            double charge) {
        if (kind == OperationKind.CREATE || kind == OperationKind.READ) {
            return apply(container, kind, key, prepared, charge);
        }
        Optional<StoredDocument> current = container.get(key);
        if (current.isEmpty()) {
            return kind == OperationKind.UPSERT
                    ? apply(container, kind, key, prepared, charge)
                    : notFound(key, charge);
        }
        boolean applied =
                current.get().etag().equals(ifMatch)
                        && (kind == OperationKind.DELETE
                                ? container.remove(current.get())
                                : container.replace(current.get(), prepared));
        if (!applied) {
            return OperationResult.failed(
                    412,
                    0,
                    charge,
                    "The document with id '"
                            + key.id()
                            + "' no longer has the etag the request names in If-Match.");
        }
        return kind == OperationKind.DELETE
                ? deleted(charge)
                : OperationResult.of(200, charge, prepared);
    }

    private static OperationResult deleted(double charge) {
        return new OperationResult(204, 0, charge, Optional.empty(), Optional.empty(), "");
    }

    private static OperationResult conflict(DocumentKey key, double charge) {
        return OperationResult.failed(
                409,
                0,
                charge,
                "A document with id '"
                        + key.id()
                        + "' and partition key "
                        + key.partitionKey()
                        + " already exists.");
    }

    private static OperationResult notFound(DocumentKey key, double charge) {
        return OperationResult.failed(
                404,
                0,
                charge,
                "No document with id '"
                        + key.id()
                        + "' and partition key "
                        + key.partitionKey()
                        + ".");
    }
}
