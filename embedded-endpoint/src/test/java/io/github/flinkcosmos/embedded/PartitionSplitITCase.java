package io.github.flinkcosmos.embedded;

import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosBulkOperationResponse;
import com.azure.cosmos.models.CosmosBulkOperations;
import com.azure.cosmos.models.CosmosItemOperation;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.FeedResponse;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.PartitionKeyDefinitionVersion;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinkcosmos.embedded.faults.OperationMatch;
import io.github.flinkcosmos.embedded.faults.RequestKind;
import io.github.flinkcosmos.embedded.partitions.PartitionKeyRange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A range splits while the SDK bulk-writes into it: the requests still naming the parent get
 * 410/1002, the SDK refreshes its routing map from the feed, which reports the two children with
 * the parent among their parents, and sends again; nothing is lost and no operation fails.
 */
class PartitionSplitITCase {

    @RegisterExtension
    static final SdkEnvironment COSMOS =
            SdkEnvironment.embeddedOnly("splits partition-key ranges of the embedded endpoint");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DOCUMENTS = 20_000;

    private CosmosAsyncContainer container;

    @BeforeAll
    static void twoRangesPerContainer() {
        COSMOS.embedded().partitions().rangesForNewContainers(2);
    }

    @BeforeEach
    void newContainer() {
        container =
                SdkClients.newContainer(COSMOS.client(), PartitionKeyDefinitionVersion.V2, "/pk");
        COSMOS.embedded().stats().reset();
    }

    @AfterEach
    void dropContainer() {
        COSMOS.embedded().faults().clear();
        SdkClients.dropDatabase(container);
    }

    @Test
    void aSplitMidStreamLosesNothingAndFailsNoOperation() {
        List<CosmosBulkOperationResponse<Object>> responses =
                upsert(
                        0,
                        DOCUMENTS,
                        i -> {
                            if (i == DOCUMENTS / 2) {
                                COSMOS.embedded()
                                        .partitions()
                                        .split(databaseId(), container.getId(), "0");
                            }
                        });

        assertEverythingWrittenOnce(responses, DOCUMENTS);
        assertThat(COSMOS.embedded().stats().requests(RequestKind.BULK, 410))
                .as("bulk requests that named the split range")
                .isPositive();
        List<PartitionKeyRange> ranges = ranges();
        assertThat(ranges).extracting(PartitionKeyRange::id).containsExactly("2", "3", "1");
        assertThat(ranges.get(0).parents()).containsExactly("0");
        assertThat(ranges.get(1).parents()).containsExactly("0");
        assertThat(ranges.get(1).minInclusive()).isEqualTo(ranges.get(0).maxExclusive());
        assertThat(ranges.get(1).maxExclusive()).isEqualTo(ranges.get(2).minInclusive());
        assertThat(operationsByRange().get("2")).isPositive();
        assertThat(operationsByRange().get("3")).isPositive();
        assertThat(container.getFeedRanges().block()).hasSize(3);
        assertThat(count()).isEqualTo(DOCUMENTS);
        assertThat(container.queryItems("SELECT * FROM c", ObjectNode.class).collectList().block())
                .hasSize(DOCUMENTS);
    }

    @Test
    void aCrossPartitionQueryPagingThroughARangeThatSplitsStillSeesEveryDocumentOnce() {
        assertEverythingWrittenOnce(upsert(0, 3_000, i -> {}), 3_000);
        CosmosQueryRequestOptions options = new CosmosQueryRequestOptions();
        List<String> ids = new ArrayList<>();
        boolean split = false;
        for (FeedResponse<ObjectNode> page :
                container
                        .queryItems("SELECT * FROM c", options, ObjectNode.class)
                        .byPage(100)
                        .toIterable()) {
            page.getResults().forEach(document -> ids.add(document.get("id").asText()));
            if (!split && ids.size() >= 500) {
                COSMOS.embedded().partitions().split(databaseId(), container.getId(), "0");
                COSMOS.embedded().partitions().split(databaseId(), container.getId(), "1");
                split = true;
            }
        }

        assertThat(split).isTrue();
        assertThat(ids).hasSize(3_000).doesNotHaveDuplicates();
        assertThat(COSMOS.embedded().stats().requests(RequestKind.QUERY, 410)).isPositive();
        // Point reads name no range: the gateway routes them by key, before and after a split.
        for (int i = 0; i < 3_000; i += 250) {
            assertThat(
                            container
                                    .readItem(
                                            "d" + i, new PartitionKey("key-" + i), ObjectNode.class)
                                    .block()
                                    .getItem()
                                    .get("n")
                                    .asInt())
                    .isEqualTo(i);
        }
    }

    @Test
    void aChildSplitsAgainAndItsChildrenNameTheWholeLineage() {
        COSMOS.embedded().partitions().split(databaseId(), container.getId(), "1");
        assertEverythingWrittenOnce(upsert(0, 2_000, i -> {}), 2_000);

        List<CosmosBulkOperationResponse<Object>> responses =
                upsert(
                        2_000,
                        4_000,
                        i -> {
                            if (i == 3_000) {
                                COSMOS.embedded()
                                        .partitions()
                                        .split(databaseId(), container.getId(), "3");
                            }
                        });

        assertThat(responses)
                .allSatisfy(r -> assertThat(r.getResponse().isSuccessStatusCode()).isTrue());
        assertThat(COSMOS.embedded().documents(databaseId(), container.getId())).hasSize(4_000);
        assertThat(ranges()).extracting(PartitionKeyRange::id).containsExactly("0", "2", "4", "5");
        assertThat(ranges().get(2).parents()).containsExactly("1", "3");
        assertThat(count()).isEqualTo(4_000);
    }

    @Test
    void aFaultRuleSplitsTheRangeOfTheOperationItMatches() {
        int midStream = 5_000;
        while (!COSMOS.embedded()
                .partitions()
                .rangeOf(databaseId(), container.getId(), "[\"key-" + midStream + "\"]")
                .id()
                .equals("1")) {
            midStream++;
        }
        COSMOS.embedded()
                .faults()
                .splitRange(OperationMatch.range("1").and(OperationMatch.id("d" + midStream)), 1);

        List<CosmosBulkOperationResponse<Object>> responses = upsert(0, 10_000, i -> {});

        assertEverythingWrittenOnce(responses, 10_000);
        assertThat(ranges()).extracting(PartitionKeyRange::id).containsExactly("0", "2", "3");
        assertThat(ranges().get(1).parents()).containsExactly("1");
        assertThat(COSMOS.embedded().stats().requests(RequestKind.BULK, 410)).isPositive();
    }

    /** Two splits in a row of the range an operation is sent to: the SDK re-routes it twice. */
    @Test
    void anOperationThatMeetsTwoSplitsInARowStillSucceeds() {
        COSMOS.embedded().faults().splitRange(OperationMatch.id("d100"), 2);

        List<CosmosBulkOperationResponse<Object>> responses = upsert(0, 1_000, i -> {});

        assertThat(ranges()).hasSize(4);
        assertEverythingWrittenOnce(responses, 1_000);
    }

    /**
     * Not a property of the endpoint but of the SDK (4.81), pinned here for the sink: a bulk
     * request that gets 410/1002 a third time in a row is handed back, each of its operations
     * failing with that 410/1002 as its exception. A sink must take such a 410 as retryable, or it
     * loses the documents.
     */
    @Test
    void theSdkHandsBackTheOperationsOfARequestThatMeetsThreeSplitsInARow() {
        COSMOS.embedded().faults().splitRange(OperationMatch.id("d100"), 3);

        List<CosmosBulkOperationResponse<Object>> responses = upsert(0, 1_000, i -> {});

        assertThat(ranges()).hasSize(5);
        List<CosmosBulkOperationResponse<Object>> failed =
                responses.stream().filter(r -> r.getResponse() == null).toList();
        assertThat(failed)
                .isNotEmpty()
                .allSatisfy(
                        r ->
                                assertThat(r.getException())
                                        .isInstanceOfSatisfying(
                                                CosmosException.class,
                                                e -> {
                                                    assertThat(e.getStatusCode()).isEqualTo(410);
                                                    assertThat(e.getSubStatusCode())
                                                            .isEqualTo(1002);
                                                }));
        assertThat(responses).hasSize(1_000);
    }

    private void assertEverythingWrittenOnce(
            List<CosmosBulkOperationResponse<Object>> responses, int documents) {
        assertThat(responses).hasSize(documents);
        assertThat(responses)
                .as("operations that did not succeed")
                .filteredOn(r -> r.getResponse() == null || !r.getResponse().isSuccessStatusCode())
                .extracting(
                        r ->
                                r.getResponse() == null
                                        ? String.valueOf(r.getException())
                                        : r.getResponse().getStatusCode()
                                                + "/"
                                                + r.getResponse().getSubStatusCode())
                .isEmpty();
        Set<String> stored =
                COSMOS.embedded().documents(databaseId(), container.getId()).stream()
                        .map(document -> document.get("id").asText())
                        .collect(Collectors.toSet());
        assertThat(stored).hasSize(documents);
        List<JsonNode> all = COSMOS.embedded().documents(databaseId(), container.getId());
        assertThat(all)
                .allSatisfy(
                        d ->
                                assertThat(d.get("n").asInt())
                                        .isEqualTo(
                                                Integer.parseInt(
                                                        d.get("id").asText().substring(1))));
    }

    /** Upserts documents {@code d<from>} to {@code d<to - 1>}, each with a key of its own. */
    private List<CosmosBulkOperationResponse<Object>> upsert(int from, int to, IntConsumer onEach) {
        Flux<CosmosItemOperation> operations =
                Flux.range(from, to - from)
                        .doOnNext(onEach::accept)
                        .map(
                                i ->
                                        CosmosBulkOperations.getUpsertItemOperation(
                                                JSON.createObjectNode()
                                                        .put("id", "d" + i)
                                                        .put("pk", "key-" + i)
                                                        .put("n", i),
                                                new PartitionKey("key-" + i)));
        return container.executeBulkOperations(operations).collectList().block();
    }

    private long count() {
        return container.queryItems("SELECT VALUE COUNT(1) FROM c", Long.class).blockLast();
    }

    private List<PartitionKeyRange> ranges() {
        return COSMOS.embedded().partitions().ranges(databaseId(), container.getId());
    }

    private java.util.Map<String, Long> operationsByRange() {
        return COSMOS.embedded().partitions().operationsByRange(databaseId(), container.getId());
    }

    private String databaseId() {
        return container.getDatabase().getId();
    }
}
