package io.github.flinkcosmos.embedded;

import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosBulkOperationResponse;
import com.azure.cosmos.models.CosmosBulkOperations;
import com.azure.cosmos.models.CosmosBulkPatchItemRequestOptions;
import com.azure.cosmos.models.CosmosContainerProperties;
import com.azure.cosmos.models.CosmosItemOperation;
import com.azure.cosmos.models.CosmosPatchItemRequestOptions;
import com.azure.cosmos.models.CosmosPatchOperations;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.PartitionKeyDefinition;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Patch, point and bulk, with the service's semantics; create answering 409; a container's {@code
 * defaultTtl} kept and returned.
 */
class PatchITCase {

    @RegisterExtension static final SdkEnvironment COSMOS = new SdkEnvironment();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PartitionKey P1 = new PartitionKey("p1");

    @Test
    void appliesEachOperationKindInOrder() {
        CosmosAsyncContainer container = SdkClients.newContainer(COSMOS.client(), "/pk");
        try {
            container
                    .createItem(doc("a", "{\"n\":1,\"old\":true,\"tags\":[\"x\"],\"r\":0}"))
                    .block();
            CosmosPatchOperations ops =
                    CosmosPatchOperations.create()
                            .set("/name", "Ada")
                            .add("/tags/0", "first")
                            .add("/nested", JSON.createObjectNode().put("k", 1))
                            .set("/nested/k", 2)
                            .replace("/r", 7)
                            .remove("/old")
                            .increment("/n", 41)
                            .increment("/fresh", 1.5);
            int status =
                    container.patchItem("a", P1, ops, ObjectNode.class).block().getStatusCode();

            assertThat(status).isEqualTo(200);
            JsonNode read = read(container, "a");
            assertThat(read.get("name").asText()).isEqualTo("Ada");
            assertThat(read.get("tags").toString()).isEqualTo("[\"first\",\"x\"]");
            assertThat(read.get("nested").get("k").asInt()).isEqualTo(2);
            assertThat(read.get("r").asInt()).isEqualTo(7);
            assertThat(read.has("old")).isFalse();
            assertThat(read.get("n").asLong()).isEqualTo(42);
            assertThat(read.get("fresh").asDouble()).isEqualTo(1.5);
            assertThat(read.get("pk").asText()).isEqualTo("p1");
        } finally {
            SdkClients.dropDatabase(container);
        }
    }

    @Test
    void refusesMoreThanTenOperationsAMissingDocumentAndBadPaths() {
        CosmosAsyncContainer container = SdkClients.newContainer(COSMOS.client(), "/pk");
        try {
            container.createItem(doc("a", "{}")).block();
            CosmosPatchOperations eleven = CosmosPatchOperations.create();
            for (int i = 0; i < 11; i++) {
                eleven.set("/f" + i, i);
            }
            assertStatus(() -> container.patchItem("a", P1, eleven, ObjectNode.class).block(), 400);
            assertStatus(
                    () ->
                            container
                                    .patchItem("missing", P1, set("/x", 1), ObjectNode.class)
                                    .block(),
                    404);
            assertStatus(
                    () ->
                            container
                                    .patchItem(
                                            "a",
                                            P1,
                                            CosmosPatchOperations.create().replace("/absent", 1),
                                            ObjectNode.class)
                                    .block(),
                    400);
            assertStatus(
                    () -> container.patchItem("a", P1, set("/pk", "p2"), ObjectNode.class).block(),
                    400);
            assertThat(read(container, "a").has("f0")).isFalse();
        } finally {
            SdkClients.dropDatabase(container);
        }
    }

    @Test
    void appliesAConditionalPatchOnlyWhenItsFilterPredicateHolds() {
        CosmosAsyncContainer container = SdkClients.newContainer(COSMOS.client(), "/pk");
        try {
            container.createItem(doc("a", "{\"version\":5,\"v\":\"old\"}")).block();

            assertStatus(() -> patchIf(container, "FROM c WHERE c.version < 5", "newer"), 412);
            assertStatus(() -> patchIf(container, "from c where c.missing = 1", "newer"), 412);
            assertThat(read(container, "a").get("v").asText()).isEqualTo("old");

            patchIf(
                    container,
                    "FROM c WHERE (c.version < 6 AND c.v = 'old') OR NOT IS_DEFINED(c.version)",
                    "new");
            assertThat(read(container, "a").get("v").asText()).isEqualTo("new");
        } finally {
            SdkClients.dropDatabase(container);
        }
    }

    @Test
    void runsPatchesAndCreatesInABulkRequest() {
        CosmosAsyncContainer container = SdkClients.newContainer(COSMOS.client(), "/pk");
        try {
            container.createItem(doc("exists", "{\"a\":1}")).block();
            List<CosmosItemOperation> operations =
                    List.of(
                            CosmosBulkOperations.getPatchItemOperation("exists", P1, set("/b", 2)),
                            CosmosBulkOperations.getPatchItemOperation("missing", P1, set("/b", 2)),
                            CosmosBulkOperations.getPatchItemOperation(
                                    "exists",
                                    P1,
                                    set("/c", 3),
                                    new CosmosBulkPatchItemRequestOptions()
                                            .setFilterPredicate("FROM c WHERE c.a > 1")),
                            CosmosBulkOperations.getCreateItemOperation(doc("exists", "{}"), P1),
                            CosmosBulkOperations.getCreateItemOperation(doc("new", "{}"), P1));

            List<Integer> statuses =
                    container
                            .executeBulkOperations(Flux.fromIterable(operations))
                            .map(CosmosBulkOperationResponse::getResponse)
                            .map(response -> response.getStatusCode())
                            .collectList()
                            .block();

            // The SDK answers in completion order; one partition range keeps request order here.
            assertThat(statuses).containsExactlyInAnyOrder(200, 404, 412, 409, 201);
            JsonNode patched = read(container, "exists");
            assertThat(patched.get("a").asInt()).isEqualTo(1);
            assertThat(patched.get("b").asInt()).isEqualTo(2);
            assertThat(patched.has("c")).isFalse();
        } finally {
            SdkClients.dropDatabase(container);
        }
    }

    @Test
    void keepsAndReturnsAContainersDefaultTimeToLive() {
        CosmosAsyncContainer plain = SdkClients.newContainer(COSMOS.client(), "/pk");
        try {
            assertThat(plain.read().block().getProperties().getDefaultTimeToLiveInSeconds())
                    .isNull();
            PartitionKeyDefinition key = new PartitionKeyDefinition();
            key.setPaths(List.of("/pk"));
            CosmosContainerProperties on = new CosmosContainerProperties("ttl", key);
            on.setDefaultTimeToLiveInSeconds(-1);
            plain.getDatabase().createContainer(on).block();

            assertThat(
                            plain.getDatabase()
                                    .getContainer("ttl")
                                    .read()
                                    .block()
                                    .getProperties()
                                    .getDefaultTimeToLiveInSeconds())
                    .isEqualTo(-1);
        } finally {
            SdkClients.dropDatabase(plain);
        }
    }

    private static Object patchIf(CosmosAsyncContainer container, String condition, String v) {
        return container
                .patchItem(
                        "a",
                        P1,
                        set("/v", v),
                        new CosmosPatchItemRequestOptions().setFilterPredicate(condition),
                        ObjectNode.class)
                .block();
    }

    private static CosmosPatchOperations set(String path, Object value) {
        return CosmosPatchOperations.create().set(path, value);
    }

    private static ObjectNode doc(String id, String fields) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(fields);
            node.put("id", id);
            node.put("pk", "p1");
            return node;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode read(CosmosAsyncContainer container, String id) {
        return container.readItem(id, P1, ObjectNode.class).block().getItem();
    }

    private static void assertStatus(ThrowingCallable call, int status) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        CosmosException.class,
                        error -> assertThat(error.getStatusCode()).isEqualTo(status));
    }
}
