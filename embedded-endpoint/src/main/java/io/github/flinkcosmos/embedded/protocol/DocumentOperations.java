package io.github.flinkcosmos.embedded.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinkcosmos.embedded.faults.FaultInjector;
import io.github.flinkcosmos.embedded.faults.Operation;
import io.github.flinkcosmos.embedded.faults.OperationFailure;
import io.github.flinkcosmos.embedded.faults.OperationKind;
import io.github.flinkcosmos.embedded.observability.EndpointStats;
import io.github.flinkcosmos.embedded.store.ContainerResource;
import io.github.flinkcosmos.embedded.store.DocumentKey;
import io.github.flinkcosmos.embedded.store.Json;
import io.github.flinkcosmos.embedded.store.StoredDocument;
import io.github.flinkcosmos.embedded.throughput.RequestUnits;
import io.github.flinkcosmos.embedded.throughput.ThroughputBudget;
import io.github.flinkcosmos.embedded.throughput.ThroughputModel;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Runs one document operation the same way whether it came alone or in a bulk request: injected
 * fault first, then the request-unit budget, then the store.
 */
final class DocumentOperations {

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
     * @param partitionKey the compact JSON partition-key value the client sent
     * @param body the document for writes, null for reads and deletes
     */
    OperationResult execute(
            ContainerResource container,
            OperationKind kind,
            String id,
            String partitionKey,
            ObjectNode body) {
        OperationResult result = run(container, kind, id, partitionKey, body);
        stats.recordOperation(kind, result.statusCode());
        return result;
    }

    private OperationResult run(
            ContainerResource container,
            OperationKind kind,
            String id,
            String partitionKey,
            ObjectNode body) {
        Operation operation =
                new Operation(kind, container.database().id(), container.id(), id, partitionKey);
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
        if (id == null || id.isEmpty()) {
            return OperationResult.failed(400, 0, 0, "The document has no 'id'.");
        }
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
        }
        DocumentKey key = new DocumentKey(partitionKey, id);
        byte[] bodyJson = body == null ? null : Json.bytes(withoutSystemProperties(body));
        double charge =
                kind.writes()
                        ? RequestUnits.write(bodyJson.length)
                        : RequestUnits.read(container.get(key).map(d -> d.json().length).orElse(0));
        Optional<ThroughputBudget> budget =
                throughput.budget(container.database().id(), container.id());
        if (budget.isPresent()) {
            Optional<Duration> wait = budget.get().charge(charge);
            if (wait.isPresent()) {
                return OperationResult.throttled(wait.get());
            }
        }
        return apply(container, kind, key, bodyJson, charge);
    }

    /** A client may write back a document it read; the store sets these properties itself. */
    private static ObjectNode withoutSystemProperties(ObjectNode body) {
        body.remove(SYSTEM_PROPERTIES);
        return body;
    }

    private static OperationResult apply(
            ContainerResource container,
            OperationKind kind,
            DocumentKey key,
            byte[] bodyJson,
            double charge) {
        switch (kind) {
            case CREATE:
                return container
                        .putIfAbsent(key, bodyJson)
                        .map(stored -> OperationResult.of(201, charge, stored))
                        .orElseGet(() -> conflict(key, charge));
            case UPSERT:
                boolean existed = container.contains(key);
                StoredDocument stored = container.put(key, bodyJson);
                return OperationResult.of(existed ? 200 : 201, charge, stored);
            case REPLACE:
                if (!container.contains(key)) {
                    return notFound(key, charge);
                }
                return OperationResult.of(200, charge, container.put(key, bodyJson));
            case READ:
                return container
                        .get(key)
                        .map(document -> OperationResult.of(200, charge, document))
                        .orElseGet(() -> notFound(key, charge));
            case DELETE:
            default:
                return container
                        .remove(key)
                        .map(
                                document ->
                                        new OperationResult(
                                                204,
                                                0,
                                                charge,
                                                Optional.empty(),
                                                Optional.empty(),
                                                ""))
                        .orElseGet(() -> notFound(key, charge));
        }
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
