package io.github.flinkcosmos.connector.cosmos.sink;

import io.github.flinkcosmos.connector.cosmos.status.OperationKind;
import org.apache.flink.annotation.Internal;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One write of a document: an upsert of its JSON or a delete, its id, its partition-key value (one
 * component per level), and how many times the connector has retried it. Buffered, checkpointed and
 * retried by the AsyncSink framework.
 */
@Internal
public final class CosmosWriteRequest implements Serializable {

    private static final long serialVersionUID = 2L;

    private final OperationKind kind;
    private final String id;
    private final List<Object> partitionKey;
    private final byte[] document;
    private final int retries;

    /**
     * An upsert.
     *
     * @param partitionKey the components, each a String, Double, Boolean or null
     * @param document the document as UTF-8 JSON
     * @param retries how many connector-level retries this document has had
     */
    public CosmosWriteRequest(String id, List<Object> partitionKey, byte[] document, int retries) {
        this(
                OperationKind.UPSERT,
                id,
                partitionKey,
                Objects.requireNonNull(document, "document"),
                retries);
    }

    private CosmosWriteRequest(
            OperationKind kind,
            String id,
            List<Object> partitionKey,
            byte[] document,
            int retries) {
        this.kind = kind;
        this.id = Objects.requireNonNull(id, "id");
        this.partitionKey = Collections.unmodifiableList(new ArrayList<>(partitionKey));
        this.document = document;
        this.retries = retries;
    }

    /** A delete of the document with this id and partition-key value; it carries no JSON. */
    public static CosmosWriteRequest delete(String id, List<Object> partitionKey, int retries) {
        return new CosmosWriteRequest(OperationKind.DELETE, id, partitionKey, null, retries);
    }

    public OperationKind kind() {
        return kind;
    }

    public String id() {
        return id;
    }

    public List<Object> partitionKey() {
        return partitionKey;
    }

    /**
     * The document's JSON; callers must not change the array.
     *
     * @throws IllegalStateException for a delete, which has none
     */
    public byte[] document() {
        if (document == null) {
            throw new IllegalStateException(
                    "The write of document '%s' is a delete and has no JSON".formatted(id));
        }
        return document;
    }

    /** What the request weighs in the buffer: its JSON, or for a delete its id. */
    public long sizeInBytes() {
        return document != null ? document.length : id.getBytes(StandardCharsets.UTF_8).length;
    }

    public int retries() {
        return retries;
    }

    /** What identifies the document in its container. */
    public DocumentKey key() {
        return new DocumentKey(partitionKey, id);
    }

    /** The same write, for its next retry. */
    public CosmosWriteRequest retried() {
        return new CosmosWriteRequest(kind, id, partitionKey, document, retries + 1);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof CosmosWriteRequest)) {
            return false;
        }
        CosmosWriteRequest that = (CosmosWriteRequest) other;
        return retries == that.retries
                && kind == that.kind
                && id.equals(that.id)
                && partitionKey.equals(that.partitionKey)
                && Arrays.equals(document, that.document);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, id, partitionKey, retries) * 31 + Arrays.hashCode(document);
    }

    /** Names the document, never its content. */
    @Override
    public String toString() {
        return "CosmosWriteRequest{kind=%s, id=%s, partitionKey=%s, bytes=%d, retries=%d}"
                .formatted(kind, id, partitionKey, document == null ? 0 : document.length, retries);
    }

    /** A document's identity: its whole partition-key value and its id. */
    public record DocumentKey(List<Object> partitionKey, String id) implements Serializable {}
}
