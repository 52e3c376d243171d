package io.github.flinkcosmos.embedded;

import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosBulkOperations;
import com.azure.cosmos.models.CosmosItemOperation;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.SqlParameter;
import com.azure.cosmos.models.SqlQuerySpec;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The queries the project needs, across partitions and in one, over 250 documents. */
class QueriesITCase {

    @RegisterExtension static final SdkEnvironment COSMOS = new SdkEnvironment();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DOCUMENTS = 250;

    private static CosmosAsyncContainer container;

    @BeforeAll
    static void fillContainer() {
        container = SdkClients.newContainer(COSMOS.client(), "/pk");
        List<CosmosItemOperation> upserts = new ArrayList<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            String pk = "p" + (i % 5);
            upserts.add(
                    CosmosBulkOperations.getUpsertItemOperation(
                            JSON.createObjectNode().put("id", "d" + i).put("pk", pk).put("n", i),
                            new PartitionKey(pk)));
        }
        container.executeBulkOperations(Flux.fromIterable(upserts)).blockLast();
    }

    @AfterAll
    static void stop() {
        SdkClients.dropDatabase(container);
    }

    @Test
    void countsAcrossPartitionsAndInOne() {
        assertThat(
                        container
                                .queryItems("SELECT VALUE COUNT(1) FROM c", Long.class)
                                .collectList()
                                .block())
                .containsExactly((long) DOCUMENTS);
        CosmosQueryRequestOptions onePartition =
                new CosmosQueryRequestOptions().setPartitionKey(new PartitionKey("p3"));
        assertThat(
                        container
                                .queryItems(
                                        "SELECT VALUE COUNT(1) FROM c", onePartition, Long.class)
                                .collectList()
                                .block())
                .containsExactly(DOCUMENTS / 5L);
    }

    @Test
    void selectsEveryDocumentOverSeveralPages() {
        List<ObjectNode> all =
                container.queryItems("SELECT * FROM c", ObjectNode.class).collectList().block();

        assertThat(all).hasSize(DOCUMENTS);
        assertThat(all).extracting(d -> d.get("id").asText()).doesNotHaveDuplicates();
    }

    @Test
    void selectsOneDocumentByIdWithAParameter() {
        SqlQuerySpec byId =
                new SqlQuerySpec(
                        "SELECT * FROM c WHERE c.id = @id", new SqlParameter("@id", "d42"));

        List<ObjectNode> found = container.queryItems(byId, ObjectNode.class).collectList().block();

        assertThat(found).hasSize(1);
        assertThat(found.get(0).get("n").asInt()).isEqualTo(42);
        CosmosQueryRequestOptions otherPartition =
                new CosmosQueryRequestOptions().setPartitionKey(new PartitionKey("p0"));
        assertThat(
                        container
                                .queryItems(byId, otherPartition, ObjectNode.class)
                                .collectList()
                                .block())
                .isEmpty();
    }

    @Test
    void rejectsAQueryItDoesNotSupportNamingTheSupportedOnes() {
        assumeTrue(COSMOS.endpoint().isEmbedded(), "a real endpoint supports far more queries");
        assertThatThrownBy(
                        () ->
                                container
                                        .queryItems(
                                                "SELECT c.n FROM c ORDER BY c.n", ObjectNode.class)
                                        .collectList()
                                        .block())
                .isInstanceOfSatisfying(
                        CosmosException.class,
                        e -> {
                            assertThat(e.getStatusCode()).isEqualTo(400);
                            assertThat(e.getMessage()).contains("SELECT VALUE COUNT(1) FROM c");
                        });
    }
}
