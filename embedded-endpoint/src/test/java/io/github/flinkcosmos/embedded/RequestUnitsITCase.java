package io.github.flinkcosmos.embedded;

import com.azure.cosmos.CosmosAsyncClient;
import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosBulkOperationResponse;
import com.azure.cosmos.models.CosmosBulkOperations;
import com.azure.cosmos.models.CosmosItemOperation;
import com.azure.cosmos.models.PartitionKey;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.flinkcosmos.embedded.faults.OperationKind;
import io.github.flinkcosmos.embedded.throughput.ThroughputBudget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Writes charge request units against a container's budget; a spent budget answers 429. */
class RequestUnitsITCase {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static CosmosTestEndpoint endpoint;
    private static EmbeddedCosmosEndpoint embedded;

    @BeforeAll
    static void start() {
        endpoint = CosmosTestEndpoint.fromEnvironment();
        assumeTrue(endpoint.isEmbedded(), "sets a request-unit budget on the embedded endpoint");
        embedded = endpoint.embedded().get();
    }

    @AfterAll
    static void stop() {
        endpoint.close();
    }

    @Test
    void throttlesAWriteBeyondTheBudgetWithARetryAfter() {
        CosmosAsyncClient client = SdkClients.clientWithoutThrottlingRetries(endpoint);
        CosmosAsyncContainer container = SdkClients.newContainer(client, "/pk");
        try {
            // A small document costs 5 RU: a budget of 5 RU/s holds one, and refills in a second.
            embedded.throughput().provision(container.getDatabase().getId(), container.getId(), 5);
            container.upsertItem(doc("1")).block();

            assertThatThrownBy(() -> container.upsertItem(doc("2")).block())
                    .isInstanceOfSatisfying(
                            CosmosException.class,
                            e -> {
                                assertThat(e.getStatusCode()).isEqualTo(429);
                                assertThat(e.getSubStatusCode()).isEqualTo(3200);
                                assertThat(e.getRetryAfterDuration()).isPositive();
                            });
        } finally {
            SdkClients.dropDatabase(container);
            client.close();
        }
    }

    @Test
    void aBulkLoadWritesEverythingWithinTheBudgetWhileTheSdkRetriesThrottledOperations() {
        CosmosAsyncClient client = SdkClients.client(endpoint);
        CosmosAsyncContainer container = SdkClients.newContainer(client, "/pk");
        try {
            ThroughputBudget budget =
                    embedded.throughput()
                            .provision(container.getDatabase().getId(), container.getId(), 500);
            List<CosmosItemOperation> upserts = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                upserts.add(
                        CosmosBulkOperations.getUpsertItemOperation(
                                doc("d" + i), new PartitionKey("p")));
            }
            embedded.stats().reset();

            long started = System.nanoTime();
            List<CosmosBulkOperationResponse<Object>> responses =
                    container
                            .executeBulkOperations(Flux.fromIterable(upserts))
                            .collectList()
                            .block();
            double seconds = (System.nanoTime() - started) / 1e9;

            assertThat(responses)
                    .allSatisfy(r -> assertThat(r.getResponse().isSuccessStatusCode()).isTrue());
            assertThat(budget.consumed()).isEqualTo(300 * 5.0);
            assertThat(embedded.stats().operations(OperationKind.UPSERT, 429)).isPositive();
            // 1500 RU at 500 RU/s, less the one second the bucket holds at the start.
            assertThat(seconds).isGreaterThanOrEqualTo(1.8);
        } finally {
            SdkClients.dropDatabase(container);
            client.close();
        }
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode doc(String id) {
        return JSON.createObjectNode().put("id", id).put("pk", "p");
    }
}
