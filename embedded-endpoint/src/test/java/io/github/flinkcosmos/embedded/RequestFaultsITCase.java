package io.github.flinkcosmos.embedded;

import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.CosmosEndToEndOperationLatencyPolicyConfigBuilder;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosBulkOperationResponse;
import com.azure.cosmos.models.CosmosBulkOperations;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.PartitionKey;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinkcosmos.embedded.faults.OperationKind;
import io.github.flinkcosmos.embedded.faults.OperationMatch;
import io.github.flinkcosmos.embedded.faults.RequestFailure;
import io.github.flinkcosmos.embedded.faults.RequestKind;
import io.github.flinkcosmos.embedded.observability.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Whole requests that fail: an error status, a response too late, a reset connection. */
class RequestFaultsITCase {

    @RegisterExtension
    static final SdkEnvironment COSMOS =
            SdkEnvironment.embeddedOnly("injects faults into the embedded endpoint");

    private static final ObjectMapper JSON = new ObjectMapper();

    private CosmosAsyncContainer container;

    @BeforeEach
    void newContainer() {
        container = SdkClients.newContainer(COSMOS.client(), "/pk");
        container.upsertItem(JSON.createObjectNode().put("id", "a").put("pk", "p")).block();
        COSMOS.embedded().stats().reset();
    }

    @AfterEach
    void dropContainer() {
        COSMOS.embedded().faults().clear();
        SdkClients.dropDatabase(container);
    }

    @Test
    void failsAWholeBulkRequestWithAnInjectedStatus() {
        COSMOS.embedded().faults().failRequests(RequestKind.BULK, 1, RequestFailure.status(503));

        CosmosBulkOperationResponse<Object> failed = bulkUpsert("b");
        CosmosBulkOperationResponse<Object> next = bulkUpsert("c");

        assertThat(((CosmosException) failed.getException()).getStatusCode()).isEqualTo(503);
        assertThat(next.getResponse().getStatusCode()).isEqualTo(201);
    }

    @Test
    void answersTooLateForAClientTimeoutButStillAppliesTheWrite() {
        COSMOS.embedded()
                .faults()
                .failRequests(RequestKind.DOCUMENT, 1, RequestFailure.delay(Duration.ofSeconds(2)));
        CosmosItemRequestOptions withTimeout =
                new CosmosItemRequestOptions()
                        .setCosmosEndToEndOperationLatencyPolicyConfig(
                                new CosmosEndToEndOperationLatencyPolicyConfigBuilder(
                                                Duration.ofMillis(300))
                                        .build());

        assertThatThrownBy(
                        () ->
                                container
                                        .upsertItem(
                                                JSON.createObjectNode()
                                                        .put("id", "late")
                                                        .put("pk", "p"),
                                                new PartitionKey("p"),
                                                withTimeout)
                                        .block())
                .isInstanceOfSatisfying(
                        CosmosException.class, e -> assertThat(e.getStatusCode()).isEqualTo(408));
        // The endpoint did the work; only the answer was late, as with a slow real service.
        assertThat(COSMOS.embedded().documents(container.getDatabase().getId(), container.getId()))
                .extracting(d -> d.get("id").asText())
                .contains("late");
    }

    @Test
    void resetsTheConnectionOfARequest() {
        COSMOS.embedded()
                .faults()
                .failRequests(RequestKind.BULK, 1, RequestFailure.resetConnection());

        CosmosBulkOperationResponse<Object> reset = bulkUpsert("b");

        CosmosException error = (CosmosException) reset.getException();
        assertThat(error.getStatusCode()).isEqualTo(503);
        assertThat(COSMOS.embedded().stats().requestLog())
                .extracting(LoggedRequest::kind, LoggedRequest::statusCode)
                .contains(org.assertj.core.groups.Tuple.tuple(RequestKind.BULK, 0));
        assertThat(bulkUpsert("c").getResponse().getStatusCode()).isEqualTo(201);
    }

    @Test
    void failsTheBulkRequestsThatHoldAMatchingOperationBeforeAnyOfThemRuns() {
        COSMOS.embedded()
                .faults()
                .failBulkRequestsHolding(
                        OperationMatch.kind(OperationKind.DELETE), 1, RequestFailure.status(503));

        CosmosBulkOperationResponse<Object> upsert = bulkUpsert("b");
        CosmosBulkOperationResponse<Object> failed = bulkDelete("a");

        assertThat(upsert.getResponse().getStatusCode()).isEqualTo(201);
        assertThat(((CosmosException) failed.getException()).getStatusCode()).isEqualTo(503);
        assertThat(COSMOS.embedded().documents(container.getDatabase().getId(), container.getId()))
                .extracting(d -> d.get("id").asText())
                .containsExactlyInAnyOrder("a", "b");
        assertThat(bulkDelete("a").getResponse().getStatusCode()).isEqualTo(204);
    }

    @Test
    void addsLatencyToEveryResponse() {
        COSMOS.embedded().faults().addLatency(Duration.ofMillis(400));

        long started = System.nanoTime();
        container.readItem("a", new PartitionKey("p"), ObjectNode.class).block();
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(elapsedMillis).isGreaterThanOrEqualTo(400);
    }

    private CosmosBulkOperationResponse<Object> bulkDelete(String id) {
        return container
                .executeBulkOperations(
                        Flux.just(
                                CosmosBulkOperations.getDeleteItemOperation(
                                        id, new PartitionKey("p"))))
                .blockLast();
    }

    private CosmosBulkOperationResponse<Object> bulkUpsert(String id) {
        return container
                .executeBulkOperations(
                        Flux.just(
                                CosmosBulkOperations.getUpsertItemOperation(
                                        JSON.createObjectNode().put("id", id).put("pk", "p"),
                                        new PartitionKey("p"))))
                .blockLast();
    }
}
