package io.github.flinkcosmos.embedded;

import com.azure.cosmos.CosmosAsyncClient;
import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.CosmosEndToEndOperationLatencyPolicyConfigBuilder;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosBulkOperationResponse;
import com.azure.cosmos.models.CosmosBulkOperations;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.PartitionKey;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinkcosmos.embedded.faults.RequestFailure;
import io.github.flinkcosmos.embedded.faults.RequestKind;
import io.github.flinkcosmos.embedded.observability.LoggedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Whole requests that fail: an error status, a response too late, a reset connection. */
class RequestFaultsITCase {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static CosmosTestEndpoint endpoint;
    private static EmbeddedCosmosEndpoint embedded;
    private static CosmosAsyncClient client;
    private CosmosAsyncContainer container;

    @BeforeAll
    static void start() {
        endpoint = CosmosTestEndpoint.fromEnvironment();
        assumeTrue(endpoint.isEmbedded(), "injects faults into the embedded endpoint");
        embedded = endpoint.embedded().get();
        client = SdkClients.client(endpoint);
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        endpoint.close();
    }

    @BeforeEach
    void newContainer() {
        container = SdkClients.newContainer(client, "/pk");
        container.upsertItem(JSON.createObjectNode().put("id", "a").put("pk", "p")).block();
        embedded.stats().reset();
    }

    @AfterEach
    void dropContainer() {
        embedded.faults().clear();
        SdkClients.dropDatabase(container);
    }

    @Test
    void failsAWholeBulkRequestWithAnInjectedStatus() {
        embedded.faults().failRequests(RequestKind.BULK, 1, RequestFailure.status(503));

        CosmosBulkOperationResponse<Object> failed = bulkUpsert("b");
        CosmosBulkOperationResponse<Object> next = bulkUpsert("c");

        assertThat(((CosmosException) failed.getException()).getStatusCode()).isEqualTo(503);
        assertThat(next.getResponse().getStatusCode()).isEqualTo(201);
    }

    @Test
    void answersTooLateForAClientTimeoutButStillAppliesTheWrite() {
        embedded.faults()
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
        assertThat(embedded.documents(container.getDatabase().getId(), container.getId()))
                .extracting(d -> d.get("id").asText())
                .contains("late");
    }

    @Test
    void resetsTheConnectionOfARequest() {
        embedded.faults().failRequests(RequestKind.BULK, 1, RequestFailure.resetConnection());

        CosmosBulkOperationResponse<Object> reset = bulkUpsert("b");

        CosmosException error = (CosmosException) reset.getException();
        assertThat(error.getStatusCode()).isEqualTo(503);
        assertThat(embedded.stats().requestLog())
                .extracting(LoggedRequest::kind, LoggedRequest::statusCode)
                .contains(org.assertj.core.groups.Tuple.tuple(RequestKind.BULK, 0));
        assertThat(bulkUpsert("c").getResponse().getStatusCode()).isEqualTo(201);
    }

    @Test
    void addsLatencyToEveryResponse() {
        embedded.faults().addLatency(Duration.ofMillis(400));

        long started = System.nanoTime();
        container.readItem("a", new PartitionKey("p"), ObjectNode.class).block();
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(elapsedMillis).isGreaterThanOrEqualTo(400);
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
