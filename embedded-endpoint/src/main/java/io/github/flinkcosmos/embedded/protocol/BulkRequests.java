package io.github.flinkcosmos.embedded.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinkcosmos.embedded.faults.OperationKind;
import io.github.flinkcosmos.embedded.store.AccountStore;
import io.github.flinkcosmos.embedded.store.ContainerResource;
import io.github.flinkcosmos.embedded.store.Json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Bulk requests ({@code x-ms-cosmos-is-batch-request: true}): an array of operations, each run on
 * its own, answered with one result per operation, 200 when all succeeded and 207 otherwise.
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
        List<Answer> answers = new ArrayList<>(batch.size());
        for (JsonNode operation : batch) {
            answers.add(execute(container.get(), operation, minimal));
        }
        boolean allSucceeded = answers.stream().allMatch(answer -> answer.result.succeeded());
        double charge = answers.stream().mapToDouble(answer -> answer.result.requestCharge()).sum();
        return GatewayResponse.json(allSucceeded ? 200 : 207, write(answers))
                .withHeader("x-ms-request-charge", Double.toString(charge));
    }

    private Answer execute(ContainerResource container, JsonNode operation, boolean minimal)
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
        JsonNode ifMatch = operation.get("ifMatch");
        OperationResult result =
                operations.execute(
                        container,
                        kind,
                        id,
                        partitionKey,
                        kind.hasResourceBody() ? (ObjectNode) body : null,
                        ifMatch == null ? Optional.empty() : Optional.of(ifMatch.asText()));
        return new Answer(result, !minimal || kind == OperationKind.READ);
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
