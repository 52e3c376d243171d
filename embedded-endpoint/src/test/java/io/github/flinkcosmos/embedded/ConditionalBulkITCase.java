package io.github.flinkcosmos.embedded;

import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.models.CosmosBulkItemRequestOptions;
import com.azure.cosmos.models.CosmosBulkItemResponse;
import com.azure.cosmos.models.CosmosBulkOperationResponse;
import com.azure.cosmos.models.CosmosBulkOperations;
import com.azure.cosmos.models.CosmosBulkPatchItemRequestOptions;
import com.azure.cosmos.models.CosmosItemOperation;
import com.azure.cosmos.models.CosmosPatchOperations;
import com.azure.cosmos.models.PartitionKey;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a versioned writer needs of bulk requests, through the SDK over the wire: reads that return
 * the document and its etag (404 when missing), and creates, replaces, patches and deletes that
 * apply only to the etag named in If-Match (412 otherwise) or only where nothing exists (409).
 */
class ConditionalBulkITCase {

    @RegisterExtension static final SdkEnvironment COSMOS = new SdkEnvironment();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PartitionKey P1 = new PartitionKey("p1");

    private CosmosAsyncContainer container;

    @BeforeEach
    void newContainer() {
        container = SdkClients.newContainer(COSMOS.client(), "/pk");
    }

    @AfterEach
    void dropContainer() {
        SdkClients.dropDatabase(container);
    }

    @Test
    void aBulkReadReturnsEachDocumentWithItsEtagOr404() {
        String etag = container.upsertItem(doc("a", 1)).block().getETag();

        List<CosmosBulkItemResponse> reads =
                bulk(
                        CosmosBulkOperations.getReadItemOperation("a", P1),
                        CosmosBulkOperations.getReadItemOperation("missing", P1));

        assertThat(reads.get(0).getStatusCode()).isEqualTo(200);
        assertThat(reads.get(0).getETag()).isEqualTo(etag);
        JsonNode document = reads.get(0).getItem(JsonNode.class);
        assertThat(document.get("v").asInt()).isEqualTo(1);
        assertThat(document.get("_etag").asText()).isEqualTo(etag);
        assertThat(reads.get(1).getStatusCode()).isEqualTo(404);
        assertThat(reads.get(1).getSubStatusCode()).isZero();
    }

    @Test
    void replacePatchAndDeleteApplyOnlyToTheEtagOfIfMatch() {
        String old = container.upsertItem(doc("a", 1)).block().getETag();
        String current = container.upsertItem(doc("a", 2)).block().getETag();
        CosmosPatchOperations setV = CosmosPatchOperations.create().set("/v", 9);

        List<CosmosBulkItemResponse> stale =
                bulk(
                        CosmosBulkOperations.getReplaceItemOperation(
                                "a", doc("a", 9), P1, ifMatch(old)),
                        CosmosBulkOperations.getPatchItemOperation(
                                "a",
                                P1,
                                setV,
                                new CosmosBulkPatchItemRequestOptions().setIfMatchETag(old)),
                        CosmosBulkOperations.getDeleteItemOperation("a", P1, ifMatch(old)));

        assertThat(stale)
                .extracting(CosmosBulkItemResponse::getStatusCode)
                .containsExactly(412, 412, 412);
        assertThat(stored("a").get("v").asInt()).isEqualTo(2);

        CosmosBulkItemResponse replaced =
                bulk(CosmosBulkOperations.getReplaceItemOperation(
                                "a", doc("a", 3), P1, ifMatch(current)))
                        .get(0);
        assertThat(replaced.getStatusCode()).isEqualTo(200);
        assertThat(replaced.getETag()).isNotEqualTo(current);

        CosmosBulkItemResponse patched =
                bulk(CosmosBulkOperations.getPatchItemOperation(
                                "a",
                                P1,
                                setV,
                                new CosmosBulkPatchItemRequestOptions()
                                        .setIfMatchETag(replaced.getETag())))
                        .get(0);
        assertThat(patched.getStatusCode()).isEqualTo(200);
        assertThat(stored("a").get("v").asInt()).isEqualTo(9);
        assertThat(patched.getETag()).isEqualTo(stored("a").get("_etag").asText());

        CosmosBulkItemResponse deleted =
                bulk(CosmosBulkOperations.getDeleteItemOperation(
                                "a", P1, ifMatch(patched.getETag())))
                        .get(0);
        assertThat(deleted.getStatusCode()).isEqualTo(204);
        assertThat(bulk(CosmosBulkOperations.getReadItemOperation("a", P1)).get(0).getStatusCode())
                .isEqualTo(404);
    }

    @Test
    void aConditionalWriteOfAMissingDocumentIs404AndACreateOfAnExistingOne409() {
        container.upsertItem(doc("a", 1)).block();

        List<CosmosBulkItemResponse> answers =
                bulk(
                        CosmosBulkOperations.getCreateItemOperation(doc("a", 2), P1),
                        CosmosBulkOperations.getReplaceItemOperation(
                                "gone", doc("gone", 1), P1, ifMatch("\"00000000-0000\"")),
                        CosmosBulkOperations.getDeleteItemOperation(
                                "gone", P1, ifMatch("\"00000000-0000\"")));

        assertThat(answers)
                .extracting(CosmosBulkItemResponse::getStatusCode)
                .containsExactly(409, 404, 404);
        assertThat(stored("a").get("v").asInt()).isEqualTo(1);
    }

    private List<CosmosBulkItemResponse> bulk(CosmosItemOperation... operations) {
        List<CosmosBulkOperationResponse<Object>> responses =
                container.executeBulkOperations(Flux.fromArray(operations)).collectList().block();
        assertThat(responses).hasSize(operations.length);
        // The SDK answers in completion order; put the answers in the order of the operations.
        return List.of(operations).stream()
                .map(
                        operation ->
                                responses.stream()
                                        .filter(r -> r.getOperation() == operation)
                                        .findFirst()
                                        .orElseThrow()
                                        .getResponse())
                .toList();
    }

    private JsonNode stored(String id) {
        return container.readItem(id, P1, ObjectNode.class).block().getItem();
    }

    private static CosmosBulkItemRequestOptions ifMatch(String etag) {
        return new CosmosBulkItemRequestOptions().setIfMatchETag(etag);
    }

    private static ObjectNode doc(String id, int v) {
        return JSON.createObjectNode().put("id", id).put("pk", "p1").put("v", v);
    }
}
