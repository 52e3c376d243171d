package io.github.flinkcosmos.connector.cosmos.sink.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.flinkcosmos.connector.cosmos.sink.CosmosDocument;
import io.github.flinkcosmos.connector.cosmos.sink.CosmosWriteRequest;
import io.github.flinkcosmos.connector.cosmos.sink.DeleteMode;
import io.github.flinkcosmos.connector.cosmos.sink.WriteMode;
import io.github.flinkcosmos.connector.cosmos.status.OperationKind;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What the modes make of a document, and how a patch is cut into parts of at most 10. */
class WritePlanTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static WritePlan plan(WriteMode mode, boolean skipNulls) {
        return new WritePlan(
                mode,
                DeleteMode.DELETE,
                skipNulls,
                "deleted",
                60,
                WritePlan.keyFields(List.of("/tenant/region", "/pk")));
    }

    @Test
    void theKeyFieldsAreTheIdAndTheTopLevelFieldsOfThePartitionKey() {
        assertThat(WritePlan.keyFields(List.of("/tenant/region", "/pk")))
                .isEqualTo(Set.of("id", "tenant", "pk"));
    }

    @Test
    void aPatchOfTwentyFiveFieldsHasThreePartsOfTenTenAndFive() {
        StringBuilder json = new StringBuilder("{\"id\":\"a\",\"pk\":\"p\"");
        for (int i = 0; i < 25; i++) {
            json.append(",\"c").append(i).append("\":").append(i);
        }
        byte[] bytes = json.append('}').toString().getBytes(StandardCharsets.UTF_8);
        WritePlan plan = plan(WriteMode.PATCH, false);

        CosmosWriteRequest request =
                plan.request(CosmosDocument.of("a", List.of("p"), bytes), WritePlanTest::parse);

        assertThat(request.kind()).isEqualTo(OperationKind.PATCH);
        assertThat(request.parts()).isEqualTo(3);
        JsonNode document = parse(bytes);
        assertThat(paths(plan, document, 0)).hasSize(10).first().isEqualTo("/c0");
        assertThat(paths(plan, document, 1)).hasSize(10).first().isEqualTo("/c10");
        assertThat(paths(plan, document, 2)).hasSize(5).last().isEqualTo("/c24");
    }

    @Test
    void aVersionedPatchSetsTheVersionInItsLastPartWhereverTheColumnIs() {
        StringBuilder json = new StringBuilder("{\"id\":\"a\",\"pk\":\"p\",\"v\":7");
        for (int i = 0; i < 24; i++) {
            json.append(",\"c").append(i).append("\":").append(i);
        }
        JsonNode document = parse(json.append('}').toString().getBytes(StandardCharsets.UTF_8));
        WritePlan plan =
                new WritePlan(
                        WriteMode.PATCH,
                        DeleteMode.DELETE,
                        false,
                        "deleted",
                        60,
                        WritePlan.keyFields(List.of("/pk")),
                        "v");

        // A document holds the row's version only once every part is in, so a patch cut off
        // between its parts is not taken for a complete one when its row comes again.
        assertThat(paths(plan, document, 0)).hasSize(10).doesNotContain("/v");
        assertThat(paths(plan, document, 1)).hasSize(10).doesNotContain("/v");
        assertThat(paths(plan, document, 2)).hasSize(5).last().isEqualTo("/v");
    }

    @Test
    void nullFieldsAreSetOrSkippedAndAPatchWithNothingToSetIsACreate() {
        byte[] bytes =
                "{\"id\":\"a\",\"pk\":\"p\",\"a/b\":null,\"c\":1}".getBytes(StandardCharsets.UTF_8);

        assertThat(paths(plan(WriteMode.PATCH, false), parse(bytes), 0))
                .containsExactly("/a~1b", "/c");
        assertThat(paths(plan(WriteMode.PATCH, true), parse(bytes), 0)).containsExactly("/c");
        byte[] keysOnly = "{\"id\":\"a\",\"pk\":\"p\",\"n\":null}".getBytes(StandardCharsets.UTF_8);
        assertThat(
                        plan(WriteMode.PATCH, true)
                                .request(
                                        CosmosDocument.of("a", List.of("p"), keysOnly),
                                        WritePlanTest::parse)
                                .kind())
                .isEqualTo(OperationKind.CREATE);
    }

    @Test
    void eachModeMakesItsKindOfRequest() {
        CosmosDocument document = CosmosDocument.of("a", List.of("p"), "{\"id\":\"a\"}".getBytes());
        CosmosDocument delete = CosmosDocument.delete("a", List.of("p"));

        assertThat(plan(WriteMode.UPSERT, false).request(document, WritePlanTest::parse).kind())
                .isEqualTo(OperationKind.UPSERT);
        assertThat(plan(WriteMode.CREATE, false).request(document, WritePlanTest::parse).kind())
                .isEqualTo(OperationKind.CREATE);
        assertThat(plan(WriteMode.PATCH, false).request(delete, WritePlanTest::parse).kind())
                .isEqualTo(OperationKind.DELETE);
        WritePlan soft =
                new WritePlan(
                        WriteMode.UPSERT, DeleteMode.SOFT_DELETE, false, "gone", 60, Set.of("id"));
        assertThat(soft.request(delete, WritePlanTest::parse).kind())
                .isEqualTo(OperationKind.SOFT_DELETE);
        assertThat(soft.softDeleteSets())
                .extracting(set -> set.path() + "=" + set.value())
                .containsExactly("/gone=true", "/ttl=60");
    }

    private static List<String> paths(WritePlan plan, JsonNode document, int part) {
        return plan.sets(document, part).stream().map(WritePlan.SetOperation::path).toList();
    }

    private static JsonNode parse(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
