package io.github.flinkcosmos.embedded.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinkcosmos.embedded.faults.Operation;
import io.github.flinkcosmos.embedded.faults.OperationKind;
import io.github.flinkcosmos.embedded.faults.RequestFailure;
import io.github.flinkcosmos.embedded.partitions.PartitionKeyRange;
import io.github.flinkcosmos.embedded.store.AccountStore;
import io.github.flinkcosmos.embedded.store.ContainerResource;
import io.github.flinkcosmos.embedded.store.Json;
import io.github.flinkcosmos.embedded.throughput.Priority;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Bulk requests ({@code x-ms-cosmos-is-batch-request: true}): an array of operations, each run on
 * its own, answered with one result per operation, 200 when all succeeded and 207 otherwise. The
 * request names the partition-key range it is for: a gone range answers 410/1002 as a whole, and an
 * operation whose key that range does not hold gets 410/1002 of its own.
 */
final class BulkRequests {

    /** The service's limit on operations per batch request. */
    static final int MAX_OPERATIONS = 100;

    private final AccountStore store;
    private final DocumentOperations operations;

    BulkRequests(AccountStore store, DocumentOperations operations) {
        this.store = store;
        this.operations = operations;
    }

    GatewayResponse execute(GatewayRequest request, String databaseId, String containerId)
            throws IOException {
        Optional<ContainerResource> container = store.container(databaseId, containerId);
        if (container.isEmpty()) {
            return AccountResources.missingContainer(databaseId, containerId);
        }
        if (request.headerIsTrue("x-ms-cosmos-batch-atomic")) {
            return GatewayResponse.error(
                    400,
                    0,
                    "The embedded endpoint does not run transactional (atomic) batches; use bulk"
                            + " operations.");
        }
        Optional<PartitionKeyRange> target = Optional.empty();
        Optional<String> named = RangeRouting.namedRange(request);
        if (named.isPresent()) {
            target = RangeRouting.live(container.get(), named.get());
            if (target.isEmpty()) {
                return RangeRouting.gone(container.get(), named.get());
            }
        }
        JsonNode batch = Json.parse(request.body());
        if (!batch.isArray() || batch.size() == 0 || batch.size() > MAX_OPERATIONS) {
            return GatewayResponse.error(
                    400,
                    0,
                    "A batch request is a JSON array of 1 to " + MAX_OPERATIONS + " operations.");
        }
        // With "prefer: return=minimal" writes answer without the document; reads always carry it.
        boolean minimal =
                request.header("prefer").map(p -> p.contains("return=minimal")).orElse(false);
        if (operations.anyBulkRule()) {
            Optional<RequestFailure> failure =
                    operations.bulkFailure(operationsOf(container.get(), target, batch));
            if (failure.isPresent() && failure.get() instanceof RequestFailure.Respond respond) {
                return GatewayResponse.error(
                        respond.statusCode(), respond.subStatusCode(), "Injected fault");
            }
        }
        if (operations.anySplitRule()) {
            Optional<String> split = splitRange(container.get(), target, batch);
            if (split.isPresent()) {
                return RangeRouting.gone(container.get(), split.get());
            }
        }
        Priority priority = Priority.fromHeader(request.header(Priority.HEADER));
        List<Answer> answers = new ArrayList<>(batch.size());
        for (JsonNode operation : batch) {
            answers.add(execute(container.get(), target, operation, minimal, priority));
        }
        Duration delay =
                answers.stream()
                        .map(answer -> answer.result.delay())
                        .max(Duration::compareTo)
                        .orElse(Duration.ZERO);
        boolean allSucceeded = answers.stream().allMatch(answer -> answer.result.succeeded());
        double charge = answers.stream().mapToDouble(answer -> answer.result.requestCharge()).sum();
        return GatewayResponse.json(allSucceeded ? 200 : 207, write(answers))
                .withHeader("x-ms-request-charge", Double.toString(charge))
                .withDelay(delay);
    }

    private Answer execute(
            ContainerResource container,
            Optional<PartitionKeyRange> target,
            JsonNode operation,
            boolean minimal,
            Priority priority)
            throws IOException {
        OperationKind kind;
        try {
            kind = OperationKind.fromBulkName(operation.path("operationType").asText());
        } catch (IllegalArgumentException e) {
            return new Answer(OperationResult.failed(400, 0, 0, e.getMessage()), false);
        }
        JsonNode body = operation.get("resourceBody");
        if (kind.hasResourceBody() && (body == null || !body.isObject())) {
            return new Answer(
                    OperationResult.failed(400, 0, 0, "The operation has no resourceBody."), false);
        }
        String id =
                kind.hasBody() ? body.path("id").asText(null) : operation.path("id").asText(null);
        String partitionKey =
                Json.canonicalPartitionKey(operation.path("partitionKey").asText("[]"));
        if (target.isPresent() && !container.holds(target.get(), partitionKey)) {
            return new Answer(
                    OperationResult.rangeGone(
                            "Partition key range %s does not hold partition key %s."
                                    .formatted(target.get().id(), partitionKey)),
                    false);
        }
        PartitionKeyRange range = target.orElseGet(() -> container.rangeFor(partitionKey));
        JsonNode ifMatch = operation.get("ifMatch");
        OperationResult result =
                operations.execute(
                        container,
                        range,
                        kind,
                        id,
                        partitionKey,
                        kind.hasResourceBody() ? (ObjectNode) body : null,
                        ifMatch == null ? Optional.empty() : Optional.of(ifMatch.asText()),
                        priority);
        return new Answer(result, !minimal || kind == OperationKind.READ);
    }

    /**
     * Splits the range of the first operation a split rule matches, before any operation runs.
     *
     * @return the id of the range split
     */
    private Optional<String> splitRange(
            ContainerResource container, Optional<PartitionKeyRange> target, JsonNode batch)
            throws IOException {
        for (JsonNode operation : batch) {
            OperationKind kind;
            try {
                kind = OperationKind.fromBulkName(operation.path("operationType").asText());
            } catch (IllegalArgumentException e) {
                continue;
            }
            JsonNode body = operation.path("resourceBody");
            String id =
                    kind.hasBody()
                            ? body.path("id").asText(null)
                            : operation.path("id").asText(null);
            String partitionKey =
                    Json.canonicalPartitionKey(operation.path("partitionKey").asText("[]"));
            PartitionKeyRange range = target.orElseGet(() -> container.rangeFor(partitionKey));
            if (operations.splitsRange(container, range, kind, id, partitionKey)) {
                return Optional.of(range.id());
            }
        }
        return Optional.empty();
    }

    /** The batch's operations as fault rules see them; an unreadable one is left out. */
    private static List<Operation> operationsOf(
            ContainerResource container, Optional<PartitionKeyRange> target, JsonNode batch)
            throws IOException {
        List<Operation> result = new ArrayList<>(batch.size());
        for (JsonNode operation : batch) {
            OperationKind kind;
            try {
                kind = OperationKind.fromBulkName(operation.path("operationType").asText());
            } catch (IllegalArgumentException e) {
                continue;
            }
            String id =
                    kind.hasBody()
                            ? operation.path("resourceBody").path("id").asText(null)
                            : operation.path("id").asText(null);
            String partitionKey =
                    Json.canonicalPartitionKey(operation.path("partitionKey").asText("[]"));
            PartitionKeyRange range = target.orElseGet(() -> container.rangeFor(partitionKey));
            result.add(
                    new Operation(
                            kind,
                            container.database().id(),
                            container.id(),
                            id,
                            partitionKey,
                            range.id()));
        }
        return result;
    }

    /** One operation's result, and whether its answer carries the document. */
    private record Answer(OperationResult result, boolean withDocument) {}

    /** Writes the results with Jackson's streaming API: this is the endpoint's hottest path. */
    private static byte[] write(List<Answer> answers) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(answers.size() * 96);
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(out)) {
            json.writeStartArray();
            for (Answer answer : answers) {
                OperationResult result = answer.result;
                json.writeStartObject();
                json.writeNumberField("statusCode", result.statusCode());
                if (result.subStatusCode() != 0) {
                    json.writeNumberField("subStatusCode", result.subStatusCode());
                }
                json.writeNumberField("requestCharge", result.requestCharge());
                if (result.retryAfter().isPresent()) {
                    json.writeNumberField(
                            "retryAfterMilliseconds", result.retryAfter().get().toMillis());
                }
                if (result.document().isPresent()) {
                    json.writeStringField("eTag", result.document().get().etag());
                    if (answer.withDocument) {
                        json.writeFieldName("resourceBody");
                        json.writeRawValue(
                                new String(
                                        result.document().get().json(),
                                        java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        return out.toByteArray();
    }
}
