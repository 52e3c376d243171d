package io.github.flinkcosmos.embedded;

import com.azure.cosmos.CosmosAsyncClient;
import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.models.CosmosBulkOperationResponse;
import com.azure.cosmos.models.CosmosBulkOperations;
import com.azure.cosmos.models.CosmosItemOperation;
import com.azure.cosmos.models.PartitionKey;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinkcosmos.embedded.faults.OperationFailure;
import io.github.flinkcosmos.embedded.faults.OperationKind;
import io.github.flinkcosmos.embedded.faults.OperationMatch;
import io.github.flinkcosmos.embedded.faults.RequestKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Bulk upserts through the SDK's bulk executor, with per-operation faults injected. */
class BulkITCase {

    @RegisterExtension static final SdkEnvironment COSMOS = new SdkEnvironment();

    private static final ObjectMapper JSON = new ObjectMapper();

    private CosmosAsyncContainer container;

    @BeforeEach
    void newContainer() {
        container = SdkClients.newContainer(COSMOS.client(), "/pk");
        COSMOS.endpoint().embedded().ifPresent(embedded -> embedded.stats().reset());
    }

    @AfterEach
    void dropContainer() {
        COSMOS.endpoint().embedded().ifPresent(embedded -> embedded.faults().clear());
        SdkClients.dropDatabase(container);
    }

    @Test
    void upsertsEveryDocumentOfABulkAcrossPartitions() {
        List<CosmosBulkOperationResponse<Object>> responses = execute(upserts(1_000, 13));

        assertThat(responses).hasSize(1_000);
        assertThat(responses)
                .allSatisfy(r -> assertThat(r.getResponse().getStatusCode()).isEqualTo(201));
        assertThat(container.queryItems("SELECT VALUE COUNT(1) FROM c", Long.class).blockLast())
                .isEqualTo(1_000L);
        COSMOS.endpoint()
                .embedded()
                .ifPresent(
                        embedded -> {
                            // The service takes at most 100 operations per batch request.
                            assertThat(embedded.stats().requests(RequestKind.BULK, 200))
                                    .isGreaterThanOrEqualTo(10);
                            assertThat(embedded.stats().operations(OperationKind.UPSERT, 201))
                                    .isGreaterThanOrEqualTo(1_000);
                        });
    }

    @ParameterizedTest(name = "status {0}")
    @ValueSource(ints = {400, 401, 403, 404, 408, 409, 413, 449, 500, 503})
    void returnsAnInjectedStatusToTheCallerOfThatOperationOnly(int status) {
        EmbeddedCosmosEndpoint embedded = embeddedOnly();
        embedded.faults()
                .failOperations(
                        OperationMatch.kind(OperationKind.UPSERT).and(OperationMatch.id("doc-3")),
                        1,
                        OperationFailure.status(status));

        Map<String, Integer> statusById = statusById(execute(upserts(10, 2)));

        assertThat(statusById.get("doc-3")).isEqualTo(status);
        statusById.remove("doc-3");
        assertThat(statusById.values()).hasSize(9).containsOnly(201);
        // One operation failed, so its batch was answered 207 Multi-Status.
        assertThat(embedded.stats().requests(RequestKind.BULK, 207)).isEqualTo(1);
    }

    @Test
    void retriesAThrottledOperationInTheSdkHonouringItsRetryAfter() {
        EmbeddedCosmosEndpoint embedded = embeddedOnly();
        embedded.faults()
                .failOperations(
                        OperationMatch.id("doc-0"),
                        3,
                        OperationFailure.throttled(Duration.ofMillis(5)));

        Map<String, Integer> statusById = statusById(execute(upserts(5, 1)));

        // The SDK retries 429s itself before the caller sees them.
        assertThat(statusById).containsEntry("doc-0", 201);
        assertThat(embedded.stats().operations(OperationKind.UPSERT, 429)).isEqualTo(3);
    }

    @Test
    void reportsTheSubStatusAndRetryAfterOfAThrottledOperation() {
        EmbeddedCosmosEndpoint embedded = embeddedOnly();
        embedded.faults()
                .failOperations(
                        OperationMatch.id("doc-0"),
                        100,
                        OperationFailure.throttled(Duration.ofMillis(1234)));
        CosmosAsyncClient noRetries = SdkClients.clientWithoutThrottlingRetries(COSMOS.endpoint());
        try {
            CosmosAsyncContainer same =
                    noRetries
                            .getDatabase(container.getDatabase().getId())
                            .getContainer(container.getId());

            CosmosBulkOperationResponse<Object> throttled =
                    same.executeBulkOperations(Flux.fromIterable(upserts(1, 1))).blockLast();

            assertThat(throttled.getResponse().getStatusCode()).isEqualTo(429);
            assertThat(throttled.getResponse().getSubStatusCode()).isEqualTo(3200);
            assertThat(throttled.getResponse().getRetryAfterDuration())
                    .isEqualTo(Duration.ofMillis(1234));
        } finally {
            noRetries.close();
        }
    }

    @Test
    void failsTheNextUpsertsOfOneIdAsScriptedAndThenLetsThemThrough() {
        EmbeddedCosmosEndpoint embedded = embeddedOnly();
        embedded.faults()
                .failOperations(
                        OperationMatch.kind(OperationKind.UPSERT).and(OperationMatch.id("x")),
                        3,
                        OperationFailure.status(503));
        List<Integer> statuses = new ArrayList<>();

        for (int attempt = 0; attempt < 4; attempt++) {
            CosmosItemOperation upsert =
                    CosmosBulkOperations.getUpsertItemOperation(
                            JSON.createObjectNode().put("id", "x").put("pk", "p"),
                            new PartitionKey("p"));
            statuses.add(execute(List.of(upsert)).get(0).getResponse().getStatusCode());
        }

        assertThat(statuses).containsExactly(503, 503, 503, 201);
    }

    private EmbeddedCosmosEndpoint embeddedOnly() {
        assumeTrue(COSMOS.endpoint().isEmbedded(), "injects faults into the embedded endpoint");
        return COSMOS.endpoint().embedded().get();
    }

    private List<CosmosBulkOperationResponse<Object>> execute(
            List<CosmosItemOperation> operations) {
        return container.executeBulkOperations(Flux.fromIterable(operations)).collectList().block();
    }

    private static List<CosmosItemOperation> upserts(int count, int partitions) {
        List<CosmosItemOperation> operations = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String pk = "p" + (i % partitions);
            operations.add(
                    CosmosBulkOperations.getUpsertItemOperation(
                            JSON.createObjectNode().put("id", "doc-" + i).put("pk", pk).put("n", i),
                            new PartitionKey(pk)));
        }
        return operations;
    }

    private static Map<String, Integer> statusById(
            List<CosmosBulkOperationResponse<Object>> responses) {
        return responses.stream()
                .collect(
                        Collectors.toMap(
                                r -> r.getOperation().<ObjectNode>getItem().get("id").asText(),
                                r -> r.getResponse().getStatusCode()));
    }
}
