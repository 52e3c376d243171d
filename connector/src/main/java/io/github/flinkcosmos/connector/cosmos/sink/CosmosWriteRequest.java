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
 * One write of a document: its {@link OperationKind} (an upsert, create or patch from its JSON, or
 * a delete or soft delete), its id, its partition-key value (one component per level), for a patch
 * the part of it being written, and how many times the connector has retried it (or fallen back,
 * across all the parts of a patch). Buffered, checkpointed and retried by the AsyncSink framework.
 */
@Internal
public final class CosmosWriteRequest implements Serializable {

    private static final long serialVersionUID = 4L;

    private final OperationKind kind;
    private final String id;
    private final List<Object> partitionKey;
    private final byte[] document;
    private final int part;
    private final int parts;
    private final int retries;
    private final DocumentVersion version;
    private final Precondition precondition;
    private final String etag;

    /**
     * What a versioned write (see {@code cosmos.write.version-column}) expects of the stored
     * document, decided from reading it: nothing yet (it is read first), the etag it was read with,
     * or no document at all.
     */
    public enum Precondition {
        /** Not decided: an unversioned write, or a versioned one still to read its document. */
        NONE,
        /** The stored document must still have {@link #etag()} (If-Match). */
        IF_MATCH,
        /** There must be no document: the write is a create. */
        IF_ABSENT
    }

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
                0,
                1,
                retries);
    }

    private CosmosWriteRequest(
            OperationKind kind,
            String id,
            List<Object> partitionKey,
            byte[] document,
            int part,
            int parts,
            int retries) {
        this(kind, id, partitionKey, document, part, parts, retries, null, Precondition.NONE, null);
    }

    private CosmosWriteRequest(
            OperationKind kind,
            String id,
            List<Object> partitionKey,
            byte[] document,
            int part,
            int parts,
            int retries,
            DocumentVersion version,
            Precondition precondition,
            String etag) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.id = Objects.requireNonNull(id, "id");
        this.partitionKey = Collections.unmodifiableList(new ArrayList<>(partitionKey));
        this.document = document;
        this.part = part;
        this.parts = parts;
        this.retries = retries;
        this.version = version;
        this.precondition = Objects.requireNonNull(precondition, "precondition");
        this.etag = etag;
        if (precondition == Precondition.IF_MATCH && etag == null) {
            throw new IllegalArgumentException("If-Match without an etag for '%s'".formatted(id));
        }
        if (precondition != Precondition.NONE && version == null) {
            throw new IllegalArgumentException(
                    "A precondition without a version for '%s'".formatted(id));
        }
    }

    /**
     * The same write carrying its row's version: it then applies only over an older document (see
     * {@code cosmos.write.version-column}). Creates ({@code cosmos.write.mode} create) take none.
     */
    public CosmosWriteRequest withVersion(DocumentVersion version) {
        Objects.requireNonNull(version, "version");
        if (kind == OperationKind.CREATE || kind == OperationKind.CREATE_MISSING) {
            throw new IllegalArgumentException(
                    "The %s of '%s' cannot carry a version".formatted(kind, id));
        }
        return new CosmosWriteRequest(
                kind,
                id,
                partitionKey,
                document,
                part,
                parts,
                retries,
                version,
                precondition,
                etag);
    }

    /** The row's version, null for an unversioned write. */
    public DocumentVersion version() {
        return version;
    }

    /** Whether the write applies only over an older document. */
    public boolean isVersioned() {
        return version != null;
    }

    /** What the stored document must be for this write; {@code NONE} until decided. */
    public Precondition precondition() {
        return precondition;
    }

    /** The etag of {@link Precondition#IF_MATCH}, null otherwise. */
    public String etag() {
        return etag;
    }

    /** Whether the writer reads the document before this write: a versioned one not decided. */
    public boolean needsRead() {
        return version != null && precondition == Precondition.NONE;
    }

    /** The same versioned write, applied only to the document as it was read, with this etag. */
    public CosmosWriteRequest ifMatch(String etag) {
        Objects.requireNonNull(etag, "etag");
        return at(part, retries, Precondition.IF_MATCH, etag);
    }

    /** The same part of this patch from its first part, applied to the document as read. */
    public CosmosWriteRequest firstPartIfMatch(String etag) {
        Objects.requireNonNull(etag, "etag");
        return at(0, retries, Precondition.IF_MATCH, etag);
    }

    /**
     * The same versioned write when there is no document: a create of the whole JSON (for a patch,
     * every part at once). Deletes have nothing to do then and never come here.
     */
    public CosmosWriteRequest ifAbsent() {
        if (document == null) {
            throw new IllegalStateException("The %s of '%s' creates nothing".formatted(kind, id));
        }
        return at(0, retries, Precondition.IF_ABSENT, null);
    }

    /**
     * The same versioned write, to be decided again from a new read, counted one retry more: its
     * document changed between the read and the write (412, 409, 404).
     */
    public CosmosWriteRequest redecided() {
        return at(part, retries + 1, Precondition.NONE, null);
    }

    /** Rebuilt from a checkpoint: the version and precondition as they were taken. */
    CosmosWriteRequest restoredWith(
            DocumentVersion version, Precondition precondition, String etag) {
        return new CosmosWriteRequest(
                kind,
                id,
                partitionKey,
                document,
                part,
                parts,
                retries,
                version,
                precondition,
                etag);
    }

    /**
     * A write of a document's JSON: an upsert, a create or a create after a patch found nothing.
     *
     * @throws IllegalArgumentException for a kind that is not a write of a whole document
     */
    public static CosmosWriteRequest write(
            OperationKind kind,
            String id,
            List<Object> partitionKey,
            byte[] document,
            int retries) {
        if (kind != OperationKind.UPSERT
                && kind != OperationKind.CREATE
                && kind != OperationKind.CREATE_MISSING) {
            throw new IllegalArgumentException(kind + " is not a write of a whole document");
        }
        return new CosmosWriteRequest(
                kind,
                id,
                partitionKey,
                Objects.requireNonNull(document, "document"),
                0,
                1,
                retries);
    }

    /**
     * Part {@code part} of {@code parts} of the patch that sets the fields of {@code document} on
     * the stored one (the service takes at most 10 operations per patch); the document is also what
     * the sink creates when there is none.
     */
    public static CosmosWriteRequest patch(
            String id,
            List<Object> partitionKey,
            byte[] document,
            int part,
            int parts,
            int retries) {
        if (parts < 1 || part < 0 || part >= parts) {
            throw new IllegalArgumentException(
                    "Patch part %s of %s of document '%s'".formatted(part, parts, id));
        }
        return new CosmosWriteRequest(
                OperationKind.PATCH,
                id,
                partitionKey,
                Objects.requireNonNull(document, "document"),
                part,
                parts,
                retries);
    }

    /** A delete of the document with this id and partition-key value; it carries no JSON. */
    public static CosmosWriteRequest delete(String id, List<Object> partitionKey, int retries) {
        return new CosmosWriteRequest(OperationKind.DELETE, id, partitionKey, null, 0, 1, retries);
    }

    /** A soft delete: the writer patches the marker field and the time to live; no JSON. */
    public static CosmosWriteRequest softDelete(String id, List<Object> partitionKey, int retries) {
        return new CosmosWriteRequest(
                OperationKind.SOFT_DELETE, id, partitionKey, null, 0, 1, retries);
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

    /** For a patch, which of its parts this is, from 0; 0 otherwise. */
    public int part() {
        return part;
    }

    /** For a patch, and the create that replaces it, how many parts the patch has; 1 otherwise. */
    public int parts() {
        return parts;
    }

    /** Whether this is a patch with parts after this one. */
    public boolean hasNextPart() {
        return kind == OperationKind.PATCH
                && precondition != Precondition.IF_ABSENT
                && part + 1 < parts;
    }

    /**
     * The next part of this patch. It keeps the retries the earlier parts and their fallbacks had:
     * the count bounds the whole write of the document, so a document that another writer keeps
     * deleting and re-creating between the parts (part 2 finds nothing, its create finds the
     * document again, the patch starts over from part 1, ...) runs out of retries instead of
     * cycling forever.
     */
    public CosmosWriteRequest nextPart() {
        if (!hasNextPart()) {
            throw new IllegalStateException("The write of '%s' has no next part".formatted(id));
        }
        return new CosmosWriteRequest(kind, id, partitionKey, document, part + 1, parts, retries);
    }

    /**
     * The next part of this versioned patch, applied only to the document this part left, whose
     * etag the service answered: a write between the parts makes it decide again. It keeps the
     * retries, as {@link #nextPart()} does: two writers that keep coming between each other's parts
     * (a 412, a new read, the first part again, ...) run out of retries instead of cycling.
     */
    public CosmosWriteRequest nextPart(String etag) {
        if (!hasNextPart()) {
            throw new IllegalStateException("The write of '%s' has no next part".formatted(id));
        }
        if (version == null) {
            return nextPart();
        }
        // Without an etag in the answer, the next part reads the document first.
        return at(
                part + 1, retries, etag == null ? Precondition.NONE : Precondition.IF_MATCH, etag);
    }

    /** Whether a {@code FALLBACK} classification applies: to a patch and its create. */
    public boolean hasFallback() {
        // A versioned write decides again from a new read instead (see redecided()).
        return version == null
                && (kind == OperationKind.PATCH || kind == OperationKind.CREATE_MISSING);
    }

    /**
     * The fallback, counted one retry more so that a document that keeps appearing and vanishing
     * cannot loop forever: a patch that found no document becomes its create from the whole JSON
     * (every part at once), and that create, when another writer was first, the patch from its
     * first part.
     */
    public CosmosWriteRequest fallback() {
        if (kind == OperationKind.PATCH) {
            return new CosmosWriteRequest(
                    OperationKind.CREATE_MISSING,
                    id,
                    partitionKey,
                    document,
                    0,
                    parts,
                    retries + 1);
        }
        if (kind == OperationKind.CREATE_MISSING) {
            return new CosmosWriteRequest(
                    OperationKind.PATCH, id, partitionKey, document, 0, parts, retries + 1);
        }
        throw new IllegalStateException("The %s of '%s' has no fallback".formatted(kind, id));
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
        // A versioned write reads its document again: it may have changed meanwhile.
        return at(part, retries + 1, Precondition.NONE, null);
    }

    /** This write at another part, retry count or precondition; all else stays as it is. */
    private CosmosWriteRequest at(int part, int retries, Precondition precondition, String etag) {
        return new CosmosWriteRequest(
                kind,
                id,
                partitionKey,
                document,
                part,
                parts,
                retries,
                version,
                precondition,
                etag);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof CosmosWriteRequest)) {
            return false;
        }
        CosmosWriteRequest that = (CosmosWriteRequest) other;
        return retries == that.retries
                && part == that.part
                && parts == that.parts
                && kind == that.kind
                && id.equals(that.id)
                && partitionKey.equals(that.partitionKey)
                && Objects.equals(version, that.version)
                && precondition == that.precondition
                && Objects.equals(etag, that.etag)
                && Arrays.equals(document, that.document);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, id, partitionKey, part, parts, retries, version, etag) * 31
                + Arrays.hashCode(document);
    }

    /** Names the document, never its content. */
    @Override
    public String toString() {
        return ("CosmosWriteRequest{kind=%s, id=%s, partitionKey=%s, bytes=%d, part=%d/%d,"
                        + " retries=%d%s}")
                .formatted(
                        kind,
                        id,
                        partitionKey,
                        document == null ? 0 : document.length,
                        part + 1,
                        parts,
                        retries,
                        version == null ? "" : ", version=" + version + ", " + precondition);
    }

    /** A document's identity: its whole partition-key value and its id. */
    public record DocumentKey(List<Object> partitionKey, String id) implements Serializable {}
}
