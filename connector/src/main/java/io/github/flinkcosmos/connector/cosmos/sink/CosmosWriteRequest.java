package io.github.flinkcosmos.connector.cosmos.sink;

import org.apache.flink.annotation.Internal;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One document to upsert: its id, its partition-key value (one component per level), its JSON, and
 * how many times the connector has retried it. Buffered, checkpointed and retried by the AsyncSink
 * framework.
 */
@Internal
public final class CosmosWriteRequest implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String id;
    private final List<Object> partitionKey;
    private final byte[] document;
    private final int retries;

    /**
     * @param partitionKey the components, each a String, Double, Boolean or null
     * @param document the document as UTF-8 JSON
     * @param retries how many connector-level retries this document has had
     */
    public CosmosWriteRequest(String id, List<Object> partitionKey, byte[] document, int retries) {
        this.id = Objects.requireNonNull(id, "id");
        this.partitionKey = Collections.unmodifiableList(new ArrayList<>(partitionKey));
        this.document = Objects.requireNonNull(document, "document");
        this.retries = retries;
    }

    public String id() {
        return id;
    }

    public List<Object> partitionKey() {
        return partitionKey;
    }

    /** The document's JSON; callers must not change the array. */
    public byte[] document() {
        return document;
    }

    public int retries() {
        return retries;
    }

    /** What identifies the document in its container. */
    public DocumentKey key() {
        return new DocumentKey(partitionKey, id);
    }

    /** The same document, for its next retry. */
    public CosmosWriteRequest retried() {
        return new CosmosWriteRequest(id, partitionKey, document, retries + 1);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof CosmosWriteRequest)) {
            return false;
        }
        CosmosWriteRequest that = (CosmosWriteRequest) other;
        return retries == that.retries
                && id.equals(that.id)
                && partitionKey.equals(that.partitionKey)
                && Arrays.equals(document, that.document);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, partitionKey, retries) * 31 + Arrays.hashCode(document);
    }

    /** Names the document, never its content. */
    @Override
    public String toString() {
        return "CosmosWriteRequest{id="
                + id
                + ", partitionKey="
                + partitionKey
                + ", bytes="
                + document.length
                + ", retries="
                + retries
                + "}";
    }

    /** A document's identity: its whole partition-key value and its id. */
    public record DocumentKey(List<Object> partitionKey, String id) implements Serializable {}
}
