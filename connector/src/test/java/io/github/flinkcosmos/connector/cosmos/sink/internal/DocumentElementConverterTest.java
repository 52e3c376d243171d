package io.github.flinkcosmos.connector.cosmos.sink.internal;

import io.github.flinkcosmos.connector.cosmos.sink.CosmosDocument;
import io.github.flinkcosmos.connector.cosmos.sink.CosmosWriteRequest;
import io.github.flinkcosmos.connector.cosmos.sink.DeleteMode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DocumentElementConverterTest {

    /** A DataStream element: "+id" upserts the document, "-id" deletes it. */
    private static CosmosDocument document(String element) {
        String id = element.substring(1);
        return element.startsWith("-")
                ? CosmosDocument.delete(id, List.of("p"))
                : CosmosDocument.of(
                        id,
                        List.of("p"),
                        "{\"id\":\"%s\"}".formatted(id).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aDataStreamDeleteBecomesADeleteRequestInDeleteMode() {
        DocumentElementConverter<String> converter =
                new DocumentElementConverter<>(
                        DocumentElementConverterTest::document, DeleteMode.DELETE);

        CosmosWriteRequest delete = converter.apply("-d1", null);
        CosmosWriteRequest upsert = converter.apply("+d2", null);

        assertThat(delete).isEqualTo(CosmosWriteRequest.delete("d1", List.of("p"), 0));
        assertThat(upsert.id()).isEqualTo("d2");
        assertThat(upsert.document()).isEqualTo("{\"id\":\"d2\"}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aDataStreamDeleteInUpsertModeFailsNamingTheDocumentAndTheSetting() {
        DocumentElementConverter<String> converter =
                new DocumentElementConverter<>(
                        DocumentElementConverterTest::document, DeleteMode.UPSERT);

        assertThatThrownBy(() -> converter.apply("-d1", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "The converter made a delete of document 'd1', but the sink's delete mode is"
                                + " UPSERT, which writes no deletes. Build the sink with"
                                + " setDeleteMode(DeleteMode.DELETE) ('cosmos.write.delete-mode' ="
                                + " 'delete'), or convert the element with CosmosDocument.of(...).");
    }
}
