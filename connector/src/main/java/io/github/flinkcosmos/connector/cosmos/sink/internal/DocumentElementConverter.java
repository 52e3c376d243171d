package io.github.flinkcosmos.connector.cosmos.sink.internal;

import io.github.flinkcosmos.connector.cosmos.sink.CosmosDocument;
import io.github.flinkcosmos.connector.cosmos.sink.CosmosDocumentConverter;
import io.github.flinkcosmos.connector.cosmos.sink.CosmosRowRejectedException;
import io.github.flinkcosmos.connector.cosmos.sink.CosmosServiceLimits;
import io.github.flinkcosmos.connector.cosmos.sink.CosmosWriteRequest;
import io.github.flinkcosmos.connector.cosmos.sink.DeleteMode;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.base.sink.writer.ElementConverter;

/** Turns the user's documents into the AsyncSink's request entries. */
@Internal
public final class DocumentElementConverter<InputT>
        implements ElementConverter<InputT, CosmosWriteRequest> {

    private static final long serialVersionUID = 1L;

    private final CosmosDocumentConverter<InputT> documents;
    private final DeleteMode deleteMode;
    private final boolean nestingToCheck;

    /** Set by the writer once it has read the container's partition-key definition. */
    private volatile boolean largePartitionKeys = true;

    public DocumentElementConverter(
            CosmosDocumentConverter<InputT> documents, DeleteMode deleteMode) {
        this.documents = documents;
        this.deleteMode = deleteMode;
        // Measuring each document's nesting costs a pass over its bytes; skip it when the
        // converter knows its JSON cannot nest that deep.
        this.nestingToCheck = documents.maxNestingDepth() > CosmosServiceLimits.NESTING_MAX_DEPTH;
    }

    /**
     * @throws CosmosRowRejectedException for a document Cosmos DB would refuse, naming the limit
     * @throws IllegalArgumentException for a delete when the sink's delete mode is upsert, which
     *     has no JSON to write for it
     */
    @Override
    public CosmosWriteRequest apply(InputT element, SinkWriter.Context context) {
        CosmosDocument document = documents.toDocument(element);
        DocumentLimits.violation(document, nestingToCheck, largePartitionKeys)
                .ifPresent(
                        problem -> {
                            throw new CosmosRowRejectedException(document, problem);
                        });
        if (!document.isDelete()) {
            return new CosmosWriteRequest(
                    document.id(), document.partitionKey(), document.json(), 0);
        }
        if (deleteMode != DeleteMode.DELETE) {
            throw new IllegalArgumentException(
                    """
                    The converter made a delete of document '%s', but the sink's delete mode is \
                    %s, which writes no deletes. Build the sink with \
                    setDeleteMode(DeleteMode.DELETE) ('cosmos.write.delete-mode' = 'delete'), or \
                    convert the element with CosmosDocument.of(...)."""
                            .formatted(document.id(), deleteMode));
        }
        return CosmosWriteRequest.delete(document.id(), document.partitionKey(), 0);
    }

    /**
     * Checks partition-key values against the version 1 limit: the writer calls this when its
     * container has the version 1 definition.
     */
    public void useVersion1PartitionKeys() {
        largePartitionKeys = false;
    }

    /** Whether the element is to be left out, before it is ever converted. */
    public boolean skips(InputT element) {
        return documents.skips(element);
    }
}
