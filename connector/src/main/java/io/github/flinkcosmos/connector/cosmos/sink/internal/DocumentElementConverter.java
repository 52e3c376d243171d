package io.github.flinkcosmos.connector.cosmos.sink.internal;

import io.github.flinkcosmos.connector.cosmos.sink.CosmosDocument;
import io.github.flinkcosmos.connector.cosmos.sink.CosmosDocumentConverter;
import io.github.flinkcosmos.connector.cosmos.sink.CosmosWriteRequest;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.base.sink.writer.ElementConverter;

/** Turns the user's documents into the AsyncSink's request entries. */
@Internal
public final class DocumentElementConverter<InputT>
        implements ElementConverter<InputT, CosmosWriteRequest> {

    private static final long serialVersionUID = 1L;

    private final CosmosDocumentConverter<InputT> documents;

    public DocumentElementConverter(CosmosDocumentConverter<InputT> documents) {
        this.documents = documents;
    }

    @Override
    public CosmosWriteRequest apply(InputT element, SinkWriter.Context context) {
        CosmosDocument document = documents.toDocument(element);
        return new CosmosWriteRequest(document.id(), document.partitionKey(), document.json(), 0);
    }

    /** Whether the element is to be left out, before it is ever converted. */
    public boolean skips(InputT element) {
        return documents.skips(element);
    }
}
