package io.github.flinkcosmos.embedded.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinkcosmos.embedded.faults.OperationKind;
import io.github.flinkcosmos.embedded.partitions.PartitionKeyRange;
import io.github.flinkcosmos.embedded.store.AccountStore;
import io.github.flinkcosmos.embedded.store.ContainerResource;
import io.github.flinkcosmos.embedded.store.Json;
import io.github.flinkcosmos.embedded.throughput.Priority;

import java.io.IOException;
import java.util.Optional;

/**
 * Single-document requests: create or upsert ({@code POST …/docs}), and read, replace or delete
 * ({@code GET}, {@code PUT}, {@code DELETE …/docs/{id}}), and patch ({@code PATCH …/docs/{id}}),
 * with the partition key in the {@code x-ms-documentdb-partitionkey} header.
 */
final class PointOperations {

    private static final String PARTITION_KEY_HEADER = "x-ms-documentdb-partitionkey";

    private final AccountStore store;
    private final DocumentOperations operations;

    PointOperations(AccountStore store, DocumentOperations operations) {
        this.store = store;
        this.operations = operations;
    }

    /** {@code POST …/docs}: upsert with {@code x-ms-documentdb-is-upsert: true}, else create. */
    GatewayResponse write(GatewayRequest request, String database, String container)
            throws IOException {
        JsonNode body = Json.parse(request.body());
        if (!body.isObject()) {
            return GatewayResponse.error(400, 0, "The document must be a JSON object.");
        }
        OperationKind kind =
                request.headerIsTrue("x-ms-documentdb-is-upsert")
                        ? OperationKind.UPSERT
                        : OperationKind.CREATE;
        return run(
                request,
                database,
                container,
                kind,
                body.path("id").asText(null),
                (ObjectNode) body);
    }

    /** {@code GET}, {@code PUT}, {@code DELETE} or {@code PATCH …/docs/{id}}. */
    GatewayResponse byId(GatewayRequest request, String database, String container, String id)
            throws IOException {
        switch (request.method()) {
            case "GET":
                return run(request, database, container, OperationKind.READ, id, null);
            case "DELETE":
                return run(request, database, container, OperationKind.DELETE, id, null);
            case "PATCH":
                JsonNode patch = Json.parse(request.body());
                if (!patch.isObject()) {
                    return GatewayResponse.error(
                            400, 0, "A patch is a JSON object with an 'operations' array.");
                }
                return run(
                        request, database, container, OperationKind.PATCH, id, (ObjectNode) patch);
            case "PUT":
                JsonNode body = Json.parse(request.body());
                if (!body.isObject() || !id.equals(body.path("id").asText())) {
                    return GatewayResponse.error(
                            400, 0, "The document must be a JSON object whose 'id' is " + id);
                }
                return run(
                        request, database, container, OperationKind.REPLACE, id, (ObjectNode) body);
            default:
                return GatewayResponse.error(
                        405, 0, "Method " + request.method() + " not allowed.");
        }
    }

    private GatewayResponse run(
            GatewayRequest request,
            String databaseId,
            String containerId,
            OperationKind kind,
            String id,
            ObjectNode body)
            throws IOException {
        Optional<ContainerResource> container = store.container(databaseId, containerId);
        if (container.isEmpty()) {
            return AccountResources.missingContainer(databaseId, containerId);
        }
        Optional<String> partitionKey = request.header(PARTITION_KEY_HEADER);
        if (partitionKey.isEmpty()) {
            return GatewayResponse.error(
                    400, 0, "The request has no " + PARTITION_KEY_HEADER + " header.");
        }
        String canonicalKey = Json.canonicalPartitionKey(partitionKey.get());
        // The gateway routes a point operation by its key; the SDK names no range for one.
        Optional<String> named = RangeRouting.namedRange(request);
        PartitionKeyRange range;
        if (named.isPresent()) {
            Optional<PartitionKeyRange> live = RangeRouting.live(container.get(), named.get());
            if (live.isEmpty() || !container.get().holds(live.get(), canonicalKey)) {
                return RangeRouting.gone(container.get(), named.get());
            }
            range = live.get();
        } else {
            range = container.get().rangeFor(canonicalKey);
        }
        if (operations.anySplitRule()
                && operations.splitsRange(container.get(), range, kind, id, canonicalKey)) {
            range = container.get().rangeFor(canonicalKey);
        }
        OperationResult result =
                operations.execute(
                        container.get(),
                        range,
                        kind,
                        id,
                        canonicalKey,
                        body,
                        request.header("if-match"),
                        Priority.fromHeader(request.header(Priority.HEADER)));
        return toResponse(
                result,
                request.header("prefer").map(p -> p.contains("return=minimal")).orElse(false)
                        && kind != OperationKind.READ);
    }

    private static GatewayResponse toResponse(OperationResult result, boolean minimal) {
        GatewayResponse response;
        if (!result.succeeded()) {
            response =
                    GatewayResponse.error(
                            result.statusCode(), result.subStatusCode(), result.message());
            if (result.retryAfter().isPresent()) {
                response =
                        response.withHeader(
                                "x-ms-retry-after-ms",
                                Long.toString(result.retryAfter().get().toMillis()));
            }
        } else if (result.document().isEmpty() || minimal) {
            response = GatewayResponse.empty(result.statusCode());
        } else {
            response = GatewayResponse.json(result.statusCode(), result.document().get().json());
        }
        if (result.document().isPresent()) {
            response = response.withHeader("etag", result.document().get().etag());
        }
        return response.withHeader("x-ms-request-charge", Double.toString(result.requestCharge()))
                .withDelay(result.delay());
    }
}
