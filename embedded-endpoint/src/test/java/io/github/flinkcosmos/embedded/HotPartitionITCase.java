package io.github.flinkcosmos.embedded;

import com.azure.cosmos.CosmosAsyncClient;
import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.PartitionKeyDefinitionVersion;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinkcosmos.embedded.faults.OperationFailure;
import io.github.flinkcosmos.embedded.faults.OperationKind;
import io.github.flinkcosmos.embedded.faults.OperationMatch;
import io.github.flinkcosmos.embedded.throughput.ThroughputBudget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One range of a 4-range container is hot, by its own request-unit share or by an injected fault,
 * while the other three serve as usual.
 */
class HotPartitionITCase {

    @RegisterExtension
    static final SdkEnvironment COSMOS =
            SdkEnvironment.embeddedOnly(
                    "sets per-range budgets and faults on the embedded endpoint");

    private static final ObjectMapper JSON = new ObjectMapper();

    private static CosmosAsyncClient noThrottlingRetries;
    private CosmosAsyncContainer container;
    private CosmosAsyncContainer direct;

    /** A key per range, the hot one first. */
    private final Map<String, String> keyOfRange = new LinkedHashMap<>();

    @BeforeAll
    static void fourRangesPerContainer() {
        COSMOS.embedded().partitions().rangesForNewContainers(4);
        noThrottlingRetries = SdkClients.clientWithoutThrottlingRetries(COSMOS.endpoint());
    }

    @AfterAll
    static void closeClient() {
        noThrottlingRetries.close();
    }

    @BeforeEach
    void newContainer() {
        container =
                SdkClients.newContainer(COSMOS.client(), PartitionKeyDefinitionVersion.V2, "/pk");
        direct =
                noThrottlingRetries
                        .getDatabase(container.getDatabase().getId())
                        .getContainer(container.getId());
        for (int i = 0; keyOfRange.size() < 4; i++) {
            String key = "key-" + i;
            keyOfRange.putIfAbsent(
                    COSMOS.embedded()
                            .partitions()
                            .rangeOf(databaseId(), container.getId(), "[\"" + key + "\"]")
                            .id(),
                    key);
        }
        COSMOS.embedded().stats().reset();
    }

    @AfterEach
    void dropContainer() {
        COSMOS.embedded().faults().clear();
        COSMOS.embedded().stats().listen(null);
        SdkClients.dropDatabase(container);
    }

    @Test
    void oneHotKeyIsThrottledByItsRangesShareWhileTheOtherRangesAreNot() {
        // 400 RU/s over 4 ranges: 100 RU/s each, 20 writes of 5 RU in a full bucket.
        ThroughputBudget budget =
                COSMOS.embedded().throughput().provision(databaseId(), container.getId(), 400);
        assertThat(budget.requestUnitsPerSecondPerRange(4)).isEqualTo(100);
        String hotRange = keyOfRange.keySet().iterator().next();
        String hotKey = keyOfRange.get(hotRange);

        CosmosException throttled = null;
        for (int i = 0; i < 100 && throttled == null; i++) {
            try {
                direct.upsertItem(document("hot-" + i, hotKey), new PartitionKey(hotKey), null)
                        .block();
            } catch (CosmosException e) {
                throttled = e;
            }
        }

        assertThat(throttled).as("a 429 for the hot key").isNotNull();
        assertThat(throttled.getStatusCode()).isEqualTo(429);
        assertThat(throttled.getSubStatusCode()).isEqualTo(3200);
        assertThat(throttled.getRetryAfterDuration()).isPositive();
        for (Map.Entry<String, String> cold : keyOfRange.entrySet()) {
            if (!cold.getKey().equals(hotRange)) {
                for (int i = 0; i < 10; i++) {
                    // 10 writes of 5 RU fit in the 100 RU another range has.
                    direct.upsertItem(
                                    document("cold-" + cold.getKey() + "-" + i, cold.getValue()),
                                    new PartitionKey(cold.getValue()),
                                    null)
                            .block();
                }
            }
        }
        assertThat(COSMOS.embedded().stats().operations(OperationKind.UPSERT, 429)).isEqualTo(1);
    }

    @Test
    void aHotPartitionFaultSlowsAndThrottlesOneRangeOnly() {
        String hotRange = "2";
        COSMOS.embedded()
                .faults()
                .addLatency(OperationMatch.range(hotRange), Duration.ofMillis(400))
                .failOperations(
                        OperationMatch.range(hotRange),
                        3,
                        OperationFailure.throttled(Duration.ofMillis(10)));
        String hotKey = keyOfRange.get(hotRange);
        List<String> answered = new CopyOnWriteArrayList<>();
        COSMOS.embedded()
                .stats()
                .listen(
                        (operation, status) ->
                                answered.add(
                                        operation.id() + " " + status + " " + operation.rangeId()));

        for (int i = 0; i < 3; i++) {
            int attempt = i;
            assertThatThrownBy(
                            () ->
                                    direct.upsertItem(
                                                    document("h" + attempt, hotKey),
                                                    new PartitionKey(hotKey),
                                                    null)
                                            .block())
                    .isInstanceOfSatisfying(
                            CosmosException.class,
                            e -> assertThat(e.getStatusCode()).isEqualTo(429));
        }
        long hotStarted = System.nanoTime();
        container.upsertItem(document("h", hotKey), new PartitionKey(hotKey), null).block();
        Duration hot = Duration.ofNanos(System.nanoTime() - hotStarted);
        for (Map.Entry<String, String> cold : keyOfRange.entrySet()) {
            if (!cold.getKey().equals(hotRange)) {
                long started = System.nanoTime();
                direct.upsertItem(
                                document("c" + cold.getKey(), cold.getValue()),
                                new PartitionKey(cold.getValue()),
                                null)
                        .block();
                assertThat(Duration.ofNanos(System.nanoTime() - started))
                        .as("a write to range " + cold.getKey())
                        .isLessThan(Duration.ofMillis(400));
            }
        }

        assertThat(hot).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(
                        COSMOS.embedded()
                                .partitions()
                                .operationsByRange(databaseId(), container.getId()))
                .containsEntry(hotRange, 4L);
        // Of the hot range's four, only the write after the three 429s got done; each cold range
        // did its one.
        Map<String, Long> succeeded =
                COSMOS.embedded().partitions().succeededByRange(databaseId(), container.getId());
        assertThat(succeeded).hasSize(4).containsEntry(hotRange, 1L);
        assertThat(succeeded.values()).containsOnly(1L);
        assertThat(answered)
                .startsWith("h0 429 " + hotRange, "h1 429 " + hotRange, "h2 429 " + hotRange)
                .contains("h 201 " + hotRange)
                .hasSize(7);
        assertThat(COSMOS.embedded().stats().operations(OperationKind.UPSERT, 429)).isEqualTo(3);
    }

    private String databaseId() {
        return container.getDatabase().getId();
    }

    private static ObjectNode document(String id, String pk) {
        return JSON.createObjectNode().put("id", id).put("pk", pk);
    }
}
