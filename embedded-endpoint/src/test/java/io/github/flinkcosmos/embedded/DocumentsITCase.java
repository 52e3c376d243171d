package io.github.flinkcosmos.embedded;

import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.PartitionKeyBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Point operations on documents, keyed on the whole partition-key value plus the id. */
class DocumentsITCase {

    @RegisterExtension static final SdkEnvironment COSMOS = new SdkEnvironment();

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void createsReadsUpsertsReplacesAndDeletesADocument() {
        CosmosAsyncContainer container = SdkClients.newContainer(COSMOS.client(), "/pk");
        try {
            PartitionKey pk = new PartitionKey("p1");
            assertThat(container.createItem(doc("a", "p1", 1)).block().getStatusCode())
                    .isEqualTo(201);
            assertStatus(() -> container.createItem(doc("a", "p1", 2)).block(), 409);

            assertThat(container.upsertItem(doc("a", "p1", 3)).block().getStatusCode())
                    .isEqualTo(200);
            assertThat(container.upsertItem(doc("b", "p1", 4)).block().getStatusCode())
                    .isEqualTo(201);
            assertThat(container.replaceItem(doc("a", "p1", 5), "a", pk).block().getStatusCode())
                    .isEqualTo(200);
            assertStatus(() -> container.replaceItem(doc("zz", "p1", 0), "zz", pk).block(), 404);

            JsonNode read = container.readItem("a", pk, ObjectNode.class).block().getItem();
            assertThat(read.get("value").asInt()).isEqualTo(5);
            assertThat(read.get("_etag").asText()).isNotBlank();

            assertThat(container.deleteItem("a", pk).block().getStatusCode()).isEqualTo(204);
            assertStatus(() -> container.readItem("a", pk, ObjectNode.class).block(), 404);
            assertStatus(() -> container.deleteItem("a", pk).block(), 404);
        } finally {
            SdkClients.dropDatabase(container);
        }
    }

    @Test
    void keepsTheSameIdUnderTwoPartitionKeysApart() {
        CosmosAsyncContainer container = SdkClients.newContainer(COSMOS.client(), "/pk");
        try {
            container.upsertItem(doc("same", "p1", 1)).block();
            container.upsertItem(doc("same", "p2", 2)).block();

            assertThat(value(container, "same", new PartitionKey("p1"))).isEqualTo(1);
            assertThat(value(container, "same", new PartitionKey("p2"))).isEqualTo(2);
        } finally {
            SdkClients.dropDatabase(container);
        }
    }

    @Test
    void keepsHierarchicalKeysApartOnEveryLevel() {
        CosmosAsyncContainer container =
                SdkClients.newContainer(COSMOS.client(), "/tenant", "/region");
        try {
            container.upsertItem(hierarchical("same", "A1", "B1", 1)).block();
            container.upsertItem(hierarchical("same", "A1", "B2", 2)).block();

            PartitionKey first = new PartitionKeyBuilder().add("A1").add("B1").build();
            PartitionKey second = new PartitionKeyBuilder().add("A1").add("B2").build();
            assertThat(value(container, "same", first)).isEqualTo(1);
            assertThat(value(container, "same", second)).isEqualTo(2);
            assertThat(
                            container
                                    .queryItems("SELECT VALUE COUNT(1) FROM c", Long.class)
                                    .collectList()
                                    .block())
                    .containsExactly(2L);
            assertThat(container.deleteItem("same", second).block().getStatusCode()).isEqualTo(204);
            assertThat(value(container, "same", first)).isEqualTo(1);
        } finally {
            SdkClients.dropDatabase(container);
        }
    }

    @Test
    void readsBackIdsWithCharactersThatPathsEncode() {
        CosmosAsyncContainer container = SdkClients.newContainer(COSMOS.client(), "/pk");
        try {
            for (String id : List.of("a+b", "a b", "x=y&z", "ü-ñ")) {
                container.upsertItem(JSON.createObjectNode().put("id", id).put("pk", "p")).block();

                assertThat(
                                container
                                        .readItem(id, new PartitionKey("p"), ObjectNode.class)
                                        .block()
                                        .getItem()
                                        .get("id")
                                        .asText())
                        .isEqualTo(id);
                assertThat(container.deleteItem(id, new PartitionKey("p")).block().getStatusCode())
                        .isEqualTo(204);
            }
        } finally {
            SdkClients.dropDatabase(container);
        }
    }

    @Test
    void writesAndReadsDocumentsUnderANumericPartitionKey() {
        CosmosAsyncContainer container = SdkClients.newContainer(COSMOS.client(), "/n");
        try {
            container.upsertItem(JSON.createObjectNode().put("id", "a").put("n", 1)).block();
            container
                    .executeBulkOperations(
                            reactor.core.publisher.Flux.just(
                                    com.azure.cosmos.models.CosmosBulkOperations
                                            .getUpsertItemOperation(
                                                    JSON.createObjectNode()
                                                            .put("id", "b")
                                                            .put("n", 2.5),
                                                    new PartitionKey(2.5))))
                    .blockLast();

            assertThat(
                            container
                                    .readItem("a", new PartitionKey(1), ObjectNode.class)
                                    .block()
                                    .getItem()
                                    .get("n")
                                    .asInt())
                    .isEqualTo(1);
            assertThat(
                            container
                                    .readItem("b", new PartitionKey(2.5), ObjectNode.class)
                                    .block()
                                    .getItem()
                                    .get("id")
                                    .asText())
                    .isEqualTo("b");
        } finally {
            SdkClients.dropDatabase(container);
        }
    }

    @Test
    void refusesAReplaceWithAStaleEtag() {
        CosmosAsyncContainer container = SdkClients.newContainer(COSMOS.client(), "/pk");
        try {
            String first = container.upsertItem(doc("a", "p1", 1)).block().getETag();
            container.upsertItem(doc("a", "p1", 2)).block();

            assertStatus(
                    () ->
                            container
                                    .replaceItem(
                                            doc("a", "p1", 3),
                                            "a",
                                            new PartitionKey("p1"),
                                            new CosmosItemRequestOptions().setIfMatchETag(first))
                                    .block(),
                    412);
            assertThat(value(container, "a", new PartitionKey("p1"))).isEqualTo(2);
        } finally {
            SdkClients.dropDatabase(container);
        }
    }

    @Test
    void refusesADocumentOverTwoMegabytes() {
        assumeTrue(
                COSMOS.endpoint().isEmbedded(), "a real account's limit is checked by the account");
        CosmosAsyncContainer container = SdkClients.newContainer(COSMOS.client(), "/pk");
        try {
            String big = "x".repeat(2 * 1024 * 1024);

            assertStatus(
                    () ->
                            container
                                    .upsertItem(
                                            JSON.createObjectNode()
                                                    .put("id", "big")
                                                    .put("pk", "p")
                                                    .put("data", big))
                                    .block(),
                    413);
        } finally {
            SdkClients.dropDatabase(container);
        }
    }

    /** The other limits the service answers 400, which the sink checks before it sends. */
    @Test
    void refusesALongIdAReservedCharacterALongPartitionKeyAndDeepNestingWith400() {
        assumeTrue(
                COSMOS.endpoint().isEmbedded(),
                "a real account's limits are checked by the account");
        CosmosAsyncContainer container = SdkClients.newContainer(COSMOS.client(), "/pk");
        try {
            assertStatus(() -> container.upsertItem(doc("x".repeat(1024), "p", 1)).block(), 400);
            assertStatus(() -> container.upsertItem(doc("a/b", "p", 1)).block(), 400);
            assertStatus(() -> container.upsertItem(doc("a\\b", "p", 1)).block(), 400);
            assertStatus(() -> container.upsertItem(doc("k", "p".repeat(2049), 1)).block(), 400);
            ObjectNode deep = doc("deep", "p", 1);
            ObjectNode level = deep;
            for (int i = 1; i < 129; i++) {
                level = level.putObject("n");
            }
            assertStatus(() -> container.upsertItem(deep).block(), 400);

            ObjectNode deepest = doc("deepest", "p", 1);
            level = deepest;
            for (int i = 1; i < 128; i++) {
                level = level.putObject("n");
            }
            assertThat(container.upsertItem(deepest).block().getStatusCode()).isEqualTo(201);
            assertThat(container.upsertItem(doc("x".repeat(1023), "p", 1)).block().getStatusCode())
                    .isEqualTo(201);
        } finally {
            SdkClients.dropDatabase(container);
        }
    }

    @Test
    void refusesATransactionalBatchItCannotMakeAtomic() {
        assumeTrue(COSMOS.endpoint().isEmbedded(), "a real account runs transactional batches");
        CosmosAsyncContainer container = SdkClients.newContainer(COSMOS.client(), "/pk");
        try {
            com.azure.cosmos.models.CosmosBatch batch =
                    com.azure.cosmos.models.CosmosBatch.createCosmosBatch(new PartitionKey("p"));
            batch.upsertItemOperation(doc("a", "p", 1));

            assertThatThrownBy(() -> container.executeCosmosBatch(batch).block())
                    .isInstanceOfSatisfying(
                            CosmosException.class,
                            e -> {
                                assertThat(e.getStatusCode()).isEqualTo(400);
                                assertThat(e.getMessage())
                                        .contains("transactional (atomic) batches");
                            });
        } finally {
            SdkClients.dropDatabase(container);
        }
    }

    @Test
    void rejectsADocumentWhosePartitionKeyDiffersFromTheRequest() {
        CosmosAsyncContainer container = SdkClients.newContainer(COSMOS.client(), "/pk");
        try {
            assertStatus(
                    () ->
                            container
                                    .createItem(
                                            doc("a", "p1", 1),
                                            new PartitionKey("p2"),
                                            new CosmosItemRequestOptions())
                                    .block(),
                    400);
        } finally {
            SdkClients.dropDatabase(container);
        }
    }

    @Test
    void letsATestReadBackStoredDocumentsDirectly() {
        assumeTrue(COSMOS.endpoint().isEmbedded(), "reads the embedded endpoint's store");
        CosmosAsyncContainer container = SdkClients.newContainer(COSMOS.client(), "/pk");
        try {
            container.upsertItem(doc("b", "p2", 2)).block();
            container.upsertItem(doc("a", "p1", 1)).block();

            List<JsonNode> stored =
                    COSMOS.endpoint()
                            .embedded()
                            .get()
                            .documents(container.getDatabase().getId(), container.getId());

            assertThat(stored).extracting(d -> d.get("id").asText()).containsExactly("a", "b");
            assertThat(stored.get(0).get("value").asInt()).isEqualTo(1);
            assertThat(stored.get(0).has("_rid")).isTrue();
        } finally {
            SdkClients.dropDatabase(container);
        }
    }

    private static ObjectNode doc(String id, String pk, int value) {
        return JSON.createObjectNode().put("id", id).put("pk", pk).put("value", value);
    }

    private static ObjectNode hierarchical(String id, String tenant, String region, int value) {
        return JSON.createObjectNode()
                .put("id", id)
                .put("tenant", tenant)
                .put("region", region)
                .put("value", value);
    }

    private static int value(CosmosAsyncContainer container, String id, PartitionKey key) {
        return container.readItem(id, key, ObjectNode.class).block().getItem().get("value").asInt();
    }

    private static void assertStatus(ThrowingCallable call, int status) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        CosmosException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(status));
    }
}
