package io.github.flinkcosmos.connector.cosmos.sink.internal;

import io.github.flinkcosmos.connector.cosmos.sink.CosmosDocument;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentLimitsTest {

    private static final String BODY_SECRET = "never-in-a-message";

    private static CosmosDocument document(String id, Object partitionKey, String json) {
        return CosmosDocument.of(id, List.of(partitionKey), json.getBytes(StandardCharsets.UTF_8));
    }

    private static CosmosDocument document(String id) {
        return document(id, "p", "{\"id\":\"x\",\"v\":\"" + BODY_SECRET + "\"}");
    }

    private static Optional<String> violation(CosmosDocument document) {
        return DocumentLimits.violation(document, true);
    }

    @Test
    void acceptsADocumentWithinEveryLimit() {
        assertThat(violation(document("a".repeat(1023)))).isEmpty();
        assertThat(violation(document("k", "p".repeat(2048), "{}"))).isEmpty();
    }

    @Test
    void refusesAnEmptyId() {
        assertThat(violation(document("")))
                .contains(
                        "A row has an empty id, but a Cosmos DB document id holds 1 to 1,023 bytes"
                                + " (idMaxBytes). Give the row an id, or filter it out before the sink.");
    }

    @Test
    void refusesALongIdNamingItsFirst64BytesAndItsLength() {
        String id = "x".repeat(60) + "é".repeat(600); // 1,260 bytes; 'é' is 2 bytes

        assertThat(violation(document(id)))
                .contains(
                        "The id starting '%s' is 1,260 bytes long, but a Cosmos DB document id"
                                        .formatted("x".repeat(60) + "éé")
                                + " holds at most 1,023 bytes (idMaxBytes). Shorten the ids, for"
                                + " example to a hash of the value.");
    }

    @Test
    void refusesAnIdWithASlashOrABackslash() {
        assertThat(violation(document("tenant/7")))
                .contains(
                        "The id starting 'tenant/7' (8 bytes) contains '/', which Cosmos DB does not"
                                + " allow in a document id (idMaxBytes: none of '/' or '\\')."
                                + " Replace the character before the sink.");
        assertThat(violation(document("a\\b"))).get().asString().contains("contains '\\'");
    }

    @Test
    void refusesAPartitionKeyValueOver2048Bytes() {
        assertThat(violation(document("d1", "p".repeat(2049), "{}")))
                .contains(
                        "The partition-key value of document 'd1' is 2,049 bytes, but Cosmos DB"
                                + " allows at most 2,048 bytes (partitionKeyMaxBytes). Use a shorter"
                                + " partition key.");
    }

    @Test
    void refusesAPartitionKeyValueOver101BytesInAVersion1Container() {
        assertThat(DocumentLimits.violation(document("d1", "p".repeat(101), "{}"), true, false))
                .isEmpty();
        assertThat(DocumentLimits.violation(document("d1", "p".repeat(102), "{}"), true, false))
                .contains(
                        "The partition-key value of document 'd1' is 102 bytes, but the"
                                + " container's partition key has the version 1 definition, which"
                                + " hashes only the first 101 bytes (partitionKeyV1MaxBytes), so"
                                + " distinct longer values would share a logical partition. Use a"
                                + " shorter partition key, or a container with the version 2"
                                + " definition.");
    }

    @Test
    void refusesADocumentOver2MegabytesWithoutQuotingIt() {
        String json = "{\"v\":\"" + BODY_SECRET + "x".repeat(2 * 1024 * 1024) + "\"}";

        Optional<String> problem = violation(document("big", "p", json));

        assertThat(problem)
                .contains(
                        "Document 'big' is 2,097,178 bytes of JSON, but Cosmos DB allows at most"
                                + " 2,097,152 bytes for a document (documentMaxBytes). Leave large"
                                + " columns out of the sink table, or store them elsewhere and keep"
                                + " a reference.");
        assertThat(problem.get()).doesNotContain(BODY_SECRET);
    }

    @Test
    void refusesNestingDeeperThan128LevelsWhenAsked() {
        String deep = "[".repeat(129) + "]".repeat(129);
        CosmosDocument document = document("deep", "p", "{\"v\":" + deep + "}");

        assertThat(violation(document))
                .contains(
                        "Document 'deep' nests 130 levels deep, but Cosmos DB allows at most 128"
                                + " (nestingMaxDepth). Flatten the nested values before the sink.");
        assertThat(DocumentLimits.violation(document, false)).isEmpty();
    }

    @Test
    void countsNestingOutsideStringsOnly() {
        byte[] json = "{\"a\":\"{[{[\\\"]\",\"b\":[{\"c\":1}]}".getBytes(StandardCharsets.UTF_8);

        assertThat(DocumentLimits.nestingDepth(json)).isEqualTo(3);
    }

    @Test
    void measuresAPartitionKeyValueByItsComponents() {
        assertThat(DocumentLimits.partitionKeyBytes(List.of("ab", 1.0, true))).isEqualTo(11);
        assertThat(DocumentLimits.partitionKeyBytes(java.util.Arrays.asList("é", null)))
                .isEqualTo(2);
    }

    @Test
    void aDeleteIsCheckedForItsIdAndKeyOnly() {
        assertThat(DocumentLimits.violation(CosmosDocument.delete("a/b", List.of("p")), true))
                .get()
                .asString()
                .contains("contains '/'");
        assertThat(DocumentLimits.violation(CosmosDocument.delete("ok", List.of("p")), true))
                .isEmpty();
    }

    @Test
    void countsUtf8BytesAsStringGetBytesDoes() {
        for (String text :
                List.of("", "abc", "é", "€", "😀", "a😀é€", "\uD800", "x\uDC00y", "\uD83D")) {
            assertThat(DocumentLimits.utf8Length(text))
                    .as(text)
                    .isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        }
    }
}
