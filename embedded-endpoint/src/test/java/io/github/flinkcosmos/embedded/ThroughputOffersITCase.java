package io.github.flinkcosmos.embedded;

import com.azure.cosmos.CosmosAsyncClient;
import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.CosmosAsyncDatabase;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.ThroughputControlGroupConfigBuilder;
import com.azure.cosmos.models.CosmosContainerProperties;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.PriorityLevel;
import com.azure.cosmos.models.ThroughputProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinkcosmos.embedded.faults.RequestKind;
import io.github.flinkcosmos.embedded.throughput.ThroughputBudget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Provisioned throughput as the SDK sees it over the wire: set when a container is created (manual
 * or autoscale), read back through the {@code /offers} query and read, and the priority header the
 * SDK sends for a throughput control group with a priority level.
 */
class ThroughputOffersITCase {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static CosmosTestEndpoint endpoint;
    private static EmbeddedCosmosEndpoint embedded;
    private static CosmosAsyncClient client;

    @BeforeAll
    static void start() {
        endpoint = CosmosTestEndpoint.fromEnvironment();
        assumeTrue(endpoint.isEmbedded(), "reads the embedded endpoint's budgets and counters");
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

    @Test
    void aContainerCreatedWithManualThroughputHasThatBudgetAndOffer() {
        CosmosAsyncDatabase database = newDatabase();
        try {
            database.createContainer(
                            new CosmosContainerProperties("c", "/pk"),
                            ThroughputProperties.createManualThroughput(600))
                    .block();

            ThroughputProperties offer =
                    database.getContainer("c").readThroughput().block().getProperties();
            assertThat(offer.getManualThroughput()).isEqualTo(600);
            assertThat(offer.getAutoscaleMaxThroughput()).isZero();
            assertThat(embedded.throughput().budget(database.getId(), "c"))
                    .map(ThroughputBudget::requestUnitsPerSecond)
                    .contains(600.0);
        } finally {
            database.delete().block();
        }
    }

    @Test
    void aContainerCreatedWithAutoscaleHasItsMaximumAsBudget() {
        CosmosAsyncDatabase database = newDatabase();
        try {
            database.createContainer(
                            new CosmosContainerProperties("c", "/pk"),
                            ThroughputProperties.createAutoscaledThroughput(4000))
                    .block();

            ThroughputProperties offer =
                    database.getContainer("c").readThroughput().block().getProperties();
            assertThat(offer.getAutoscaleMaxThroughput()).isEqualTo(4000);
            assertThat(embedded.throughput().budget(database.getId(), "c"))
                    .map(ThroughputBudget::requestUnitsPerSecond)
                    .contains(4000.0);
            assertThat(embedded.throughput().budget(database.getId(), "c").get().autoscale())
                    .isTrue();
        } finally {
            database.delete().block();
        }
    }

    @Test
    void refusesManualThroughputBelow400() {
        CosmosAsyncDatabase database = newDatabase();
        try {
            assertThatThrownBy(
                            () ->
                                    database.createContainer(
                                                    new CosmosContainerProperties("c", "/pk"),
                                                    ThroughputProperties.createManualThroughput(
                                                            300))
                                            .block())
                    .isInstanceOfSatisfying(
                            CosmosException.class,
                            e -> assertThat(e.getStatusCode()).isEqualTo(400));
        } finally {
            database.delete().block();
        }
    }

    @Test
    void aContainerWithoutABudgetHasNoOffer() {
        CosmosAsyncDatabase database = newDatabase();
        try {
            database.createContainer(new CosmosContainerProperties("c", "/pk")).block();

            assertThatThrownBy(() -> database.getContainer("c").readThroughput().block())
                    .isInstanceOf(CosmosException.class);
        } finally {
            database.delete().block();
        }
    }

    /**
     * The SDK reads the offer for a threshold and keeps the group's share of it; it sends the
     * group's priority level with every request of the group.
     */
    @Test
    void aThresholdGroupReadsTheOfferAndSendsItsPriority() {
        CosmosAsyncDatabase database = newDatabase();
        CosmosAsyncClient groupClient = SdkClients.client(endpoint);
        try {
            database.createContainer(
                            new CosmosContainerProperties("c", "/pk"),
                            ThroughputProperties.createManualThroughput(1000))
                    .block();
            CosmosAsyncContainer container =
                    groupClient.getDatabase(database.getId()).getContainer("c");
            container.enableLocalThroughputControlGroup(
                    new ThroughputControlGroupConfigBuilder()
                            .groupName("half")
                            .targetThroughputThreshold(0.5)
                            .priorityLevel(PriorityLevel.LOW)
                            .defaultControlGroup(true)
                            .build());
            embedded.stats().reset();

            container.upsertItem(doc("1"), new PartitionKey("p"), null).block();

            assertThat(embedded.stats().requests(RequestKind.OFFER, 200))
                    .as("offer query and read, %s", embedded.stats().snapshot())
                    .isGreaterThanOrEqualTo(1);
            assertThat(embedded.stats().requestsWithPriority(RequestKind.DOCUMENT, "Low"))
                    .as("%s", embedded.stats().snapshot())
                    .isEqualTo(1);
        } finally {
            groupClient.close();
            database.delete().block();
        }
    }

    private static CosmosAsyncDatabase newDatabase() {
        String id = "it-" + UUID.randomUUID().toString().substring(0, 8);
        client.createDatabaseIfNotExists(id).block();
        return client.getDatabase(id);
    }

    private static ObjectNode doc(String id) {
        return JSON.createObjectNode().put("id", id).put("pk", "p");
    }
}
