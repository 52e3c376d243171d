package io.github.flinkcosmos.embedded;

import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.implementation.routing.PartitionKeyInternal;
import com.azure.cosmos.implementation.routing.PartitionKeyInternalHelper;
import com.azure.cosmos.models.CosmosBulkOperationResponse;
import com.azure.cosmos.models.CosmosBulkOperations;
import com.azure.cosmos.models.CosmosItemOperation;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.PartitionKeyBuilder;
import com.azure.cosmos.models.PartitionKeyDefinitionVersion;
import com.azure.cosmos.models.SqlParameter;
import com.azure.cosmos.models.SqlQuerySpec;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinkcosmos.embedded.faults.RequestKind;
import io.github.flinkcosmos.embedded.partitions.PartitionKeyRange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A container of 4 partition-key ranges, driven by the SDK: it routes point and bulk writes by its
 * own effective-key computation and the endpoint's feed, and every operation lands on a range that
 * holds its key; queries across partitions still see every document.
 */
class PartitionRoutingITCase {

    @RegisterExtension
    static final SdkEnvironment COSMOS =
            SdkEnvironment.embeddedOnly("counts operations per partition-key range");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RANGES = 4;

    private CosmosAsyncContainer container;

    @BeforeAll
    static void fourRangesPerContainer() {
        COSMOS.embedded().partitions().rangesForNewContainers(RANGES);
    }

    @AfterEach
    void dropContainer() {
        SdkClients.dropDatabase(container);
    }

    @Test
    void theFeedCutsTheKeySpaceIntoFourContiguousRanges() {
        container =
                SdkClients.newContainer(COSMOS.client(), PartitionKeyDefinitionVersion.V2, "/pk");

        List<PartitionKeyRange> ranges = ranges();

        assertThat(ranges).extracting(PartitionKeyRange::id).containsExactly("0", "1", "2", "3");
        assertThat(ranges.get(0).minInclusive()).isEmpty();
        assertThat(ranges.get(RANGES - 1).maxExclusive()).isEqualTo("FF");
        for (int i = 1; i < RANGES; i++) {
            assertThat(ranges.get(i).minInclusive()).isEqualTo(ranges.get(i - 1).maxExclusive());
        }
        assertThat(container.getFeedRanges().block()).hasSize(RANGES);
    }

    @Test
    void pointAndBulkWritesLandOnTheRangeOfTheirKeyForHashV2() {
        container =
                SdkClients.newContainer(COSMOS.client(), PartitionKeyDefinitionVersion.V2, "/pk");
        writesLandOnTheRangeOfTheirKey(PartitionKeyDefinitionVersion.V2);
    }

    @Test
    void pointAndBulkWritesLandOnTheRangeOfTheirKeyForHashV1() {
        container =
                SdkClients.newContainer(
                        COSMOS.client(), (PartitionKeyDefinitionVersion) null, "/pk");
        writesLandOnTheRangeOfTheirKey(PartitionKeyDefinitionVersion.V1);
    }

    @Test
    void bulkWritesOfHierarchicalKeysLandOnTheRangeOfTheirKey() {
        container = SdkClients.newContainer(COSMOS.client(), "/tenant", "/user");
        List<CosmosItemOperation> upserts = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            String tenant = "t" + (i % 37);
            String user = "u" + i;
            upserts.add(
                    CosmosBulkOperations.getUpsertItemOperation(
                            JSON.createObjectNode()
                                    .put("id", "d" + i)
                                    .put("tenant", tenant)
                                    .put("user", user),
                            new PartitionKeyBuilder().add(tenant).add(user).build()));
        }

        assertThat(bulk(upserts))
                .allSatisfy(r -> assertThat(r.getResponse().isSuccessStatusCode()).isTrue());

        assertNoRangeWasWrong();
        assertThat(operationsByRange().keySet()).containsExactly("0", "1", "2", "3");
        assertThat(count(new CosmosQueryRequestOptions())).isEqualTo(2_000);
        CosmosQueryRequestOptions oneTenant =
                new CosmosQueryRequestOptions()
                        .setPartitionKey(new PartitionKeyBuilder().add("t5").build());
        assertThat(count(oneTenant)).isEqualTo(2_000 / 37 + (5 < 2_000 % 37 ? 1 : 0));
    }

    private void writesLandOnTheRangeOfTheirKey(PartitionKeyDefinitionVersion version) {
        int documents = 3_000;
        List<CosmosItemOperation> upserts = new ArrayList<>();
        for (int i = 0; i < documents; i++) {
            upserts.add(
                    CosmosBulkOperations.getUpsertItemOperation(
                            document("b" + i, "key-" + i), new PartitionKey("key-" + i)));
        }
        assertThat(bulk(upserts))
                .hasSize(documents)
                .allSatisfy(r -> assertThat(r.getResponse().getStatusCode()).isEqualTo(201));
        for (int i = 0; i < 200; i++) {
            container
                    .upsertItem(
                            document("p" + i, "point-" + i), new PartitionKey("point-" + i), null)
                    .block();
        }

        assertNoRangeWasWrong();
        // Where the SDK's own effective key of each value says it belongs, range by range.
        Map<String, Long> expected = new TreeMap<>();
        for (int i = 0; i < documents; i++) {
            expected.merge(rangeBySdk("key-" + i, version), 1L, Long::sum);
        }
        for (int i = 0; i < 200; i++) {
            expected.merge(rangeBySdk("point-" + i, version), 1L, Long::sum);
        }
        assertThat(operationsByRange()).isEqualTo(expected);
        assertThat(expected.keySet()).containsExactly("0", "1", "2", "3");
        assertThat(expected.values()).allSatisfy(n -> assertThat(n).isGreaterThan(500));

        assertThat(count(new CosmosQueryRequestOptions())).isEqualTo(documents + 200);
        assertThat(
                        count(
                                new CosmosQueryRequestOptions()
                                        .setPartitionKey(new PartitionKey("key-7"))))
                .isEqualTo(1);
        List<ObjectNode> all =
                container.queryItems("SELECT * FROM c", ObjectNode.class).collectList().block();
        assertThat(all).hasSize(documents + 200);
        assertThat(all).extracting(d -> d.get("id").asText()).doesNotHaveDuplicates();
        SqlQuerySpec byId =
                new SqlQuerySpec(
                        "SELECT * FROM c WHERE c.id = @id", new SqlParameter("@id", "b1234"));
        assertThat(container.queryItems(byId, ObjectNode.class).collectList().block())
                .extracting(d -> d.get("pk").asText())
                .containsExactly("key-1234");
        assertThat(COSMOS.embedded().documents(databaseId(), container.getId()))
                .hasSize(documents + 200);
    }

    /** The range holding the SDK's effective key of a string partition-key value. */
    private String rangeBySdk(String value, PartitionKeyDefinitionVersion version) {
        com.azure.cosmos.models.PartitionKeyDefinition definition =
                new com.azure.cosmos.models.PartitionKeyDefinition();
        definition.setPaths(List.of("/pk"));
        definition.setKind(com.azure.cosmos.models.PartitionKind.HASH);
        definition.setVersion(version);
        String effectiveKey =
                PartitionKeyInternalHelper.getEffectivePartitionKeyString(
                        PartitionKeyInternal.fromJsonString("[\"" + value + "\"]"), definition);
        return ranges().stream()
                .filter(range -> range.contains(effectiveKey))
                .findFirst()
                .orElseThrow()
                .id();
    }

    private void assertNoRangeWasWrong() {
        assertThat(COSMOS.embedded().stats().requests(RequestKind.BULK, 410)).isZero();
        assertThat(COSMOS.embedded().stats().snapshot().keySet())
                .noneMatch(counter -> counter.endsWith("/410"));
    }

    private List<CosmosBulkOperationResponse<Object>> bulk(List<CosmosItemOperation> operations) {
        return container.executeBulkOperations(Flux.fromIterable(operations)).collectList().block();
    }

    private long count(CosmosQueryRequestOptions options) {
        List<Long> counts =
                container
                        .queryItems("SELECT VALUE COUNT(1) FROM c", options, Long.class)
                        .collectList()
                        .block();
        assertThat(counts).hasSize(1);
        return counts.get(0);
    }

    private List<PartitionKeyRange> ranges() {
        return COSMOS.embedded().partitions().ranges(databaseId(), container.getId());
    }

    private Map<String, Long> operationsByRange() {
        return COSMOS.embedded().partitions().operationsByRange(databaseId(), container.getId());
    }

    private String databaseId() {
        return container.getDatabase().getId();
    }

    private static ObjectNode document(String id, String pk) {
        return JSON.createObjectNode().put("id", id).put("pk", pk).put("payload", "x".repeat(100));
    }
}
