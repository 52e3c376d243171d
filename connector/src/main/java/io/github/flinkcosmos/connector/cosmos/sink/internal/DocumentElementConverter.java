package io.github.flinkcosmos.connector.cosmos.sink.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.flinkcosmos.connector.cosmos.sink.CosmosDocument;
import io.github.flinkcosmos.connector.cosmos.sink.CosmosDocumentConverter;
import io.github.flinkcosmos.connector.cosmos.sink.CosmosRowRejectedException;
import io.github.flinkcosmos.connector.cosmos.sink.CosmosServiceLimits;
import io.github.flinkcosmos.connector.cosmos.sink.CosmosWriteRequest;
import io.github.flinkcosmos.connector.cosmos.sink.DeleteMode;
import io.github.flinkcosmos.connector.cosmos.sink.DocumentVersion;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.base.sink.writer.ElementConverter;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Turns the user's documents into the AsyncSink's request entries. */
@Internal
public final class DocumentElementConverter<InputT>
        implements ElementConverter<InputT, CosmosWriteRequest> {

    private static final long serialVersionUID = 2L;

    private final CosmosDocumentConverter<InputT> documents;
    private final WritePlan plan;
    private final boolean nestingToCheck;
    private transient ObjectMapper json;

    /** Set by the writer once it has read the container's partition-key definition. */
    private volatile boolean largePartitionKeys = true;

    /** Upserts, and deletes as {@code deleteMode} says. */
    public DocumentElementConverter(
            CosmosDocumentConverter<InputT> documents, DeleteMode deleteMode) {
        this(documents, WritePlan.upserts(deleteMode));
    }

    public DocumentElementConverter(CosmosDocumentConverter<InputT> documents, WritePlan plan) {
        this.documents = documents;
        this.plan = plan;
        // Measuring each document's nesting costs a pass over its bytes; skip it when the
        // converter knows its JSON cannot nest that deep.
        this.nestingToCheck = documents.maxNestingDepth() > CosmosServiceLimits.NESTING_MAX_DEPTH;
    }

    /**
     * The request the modes make of the element's document (see {@link WritePlan}).
     *
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
        DeleteMode deleteMode = plan.deleteMode();
        if (document.isDelete() && !deleteMode.writesDeletes()) {
            throw new IllegalArgumentException(
                    """
                    The converter made a delete of document '%s', but the sink's delete mode is \
                    %s, which writes no deletes. Build the sink with \
                    setDeleteMode(DeleteMode.DELETE) ('cosmos.write.delete-mode' = 'delete'), or \
                    convert the element with CosmosDocument.of(...)."""
                            .formatted(document.id(), deleteMode));
        }
        CosmosWriteRequest request = plan.request(document, this::parse);
        if (!plan.versioned()) {
            return request;
        }
        Object version =
                document.version()
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                """
                                                Document '%s' has no version, but the sink writes \
                                                only newer versions of the version field '%s' \
                                                ('cosmos.write.version-column'). Give every row a \
                                                non-NULL version (CosmosDocument.withVersion in \
                                                the DataStream API)."""
                                                        .formatted(
                                                                document.id(),
                                                                plan.versionField())));
        return request.withVersion(DocumentVersion.of(version));
    }

    private JsonNode parse(byte[] document) {
        if (json == null) {
            json = new ObjectMapper();
        }
        try {
            return json.readTree(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
