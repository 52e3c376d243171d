package io.github.flinkcosmos.connector.cosmos.sink;

import io.github.flinkcosmos.connector.cosmos.status.OperationKind;
import org.apache.flink.annotation.Internal;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriterStateSerializer;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes buffered requests into checkpoints. Version 3 layout of one request: id (modified UTF-8),
 * retries (int), the number of partition-key components (int), each component as a one-byte tag and
 * its value, the document's length (int) and bytes, or -1 for a delete or soft delete without one,
 * then the operation kind (one byte, {@link #KINDS}) and, for a patch or the create that replaces
 * it, its part and number of parts (two ints). Version 2, written before write modes, ends after
 * the document: a length of -1 is a delete, any other an upsert. Version 1, written before deletes,
 * is version 2 with upserts only, so both read as they are.
 */
@Internal
public final class CosmosWriteRequestStateSerializer
        extends AsyncSinkWriterStateSerializer<CosmosWriteRequest> {

    static final int VERSION = 4;

    /** The version before versioned writes ({@code cosmos.write.version-column}). */
    static final int VERSION_WRITE_MODES = 3;

    /** The version before write modes: upserts and deletes. */
    static final int VERSION_UPSERTS_AND_DELETES = 2;

    /** The version before deletes: every request an upsert. */
    static final int VERSION_UPSERTS_ONLY = 1;

    private static final int DELETE_LENGTH = -1;

    /** The kinds by their tag in the layout; append only, never reorder. */
    static final List<OperationKind> KINDS =
            List.of(
                    OperationKind.UPSERT,
                    OperationKind.DELETE,
                    OperationKind.CREATE,
                    OperationKind.PATCH,
                    OperationKind.CREATE_MISSING,
                    OperationKind.SOFT_DELETE);

    /** The version kinds by their tag minus one; append only, never reorder. */
    static final List<DocumentVersion.Kind> VERSION_KINDS =
            List.of(
                    DocumentVersion.Kind.NUMBER,
                    DocumentVersion.Kind.DATE,
                    DocumentVersion.Kind.LOCAL_DATE_TIME,
                    DocumentVersion.Kind.INSTANT);

    /** The preconditions by their tag; append only, never reorder. */
    static final List<CosmosWriteRequest.Precondition> PRECONDITIONS =
            List.of(
                    CosmosWriteRequest.Precondition.NONE,
                    CosmosWriteRequest.Precondition.IF_MATCH,
                    CosmosWriteRequest.Precondition.IF_ABSENT);

    private static final byte NULL = 0;
    private static final byte STRING = 1;
    private static final byte DOUBLE = 2;
    private static final byte BOOLEAN = 3;

    /**
     * The version being restored, for {@link #deserializeRequestFromStream}, which the base class
     * calls without it.
     */
    private final ThreadLocal<Integer> version = ThreadLocal.withInitial(() -> VERSION);

    @Override
    protected void serializeRequestToStream(CosmosWriteRequest request, DataOutputStream out)
            throws IOException {
        out.writeUTF(request.id());
        out.writeInt(request.retries());
        out.writeInt(request.partitionKey().size());
        for (Object component : request.partitionKey()) {
            if (component == null) {
                out.writeByte(NULL);
            } else if (component instanceof String text) {
                out.writeByte(STRING);
                out.writeUTF(text);
            } else if (component instanceof Double number) {
                out.writeByte(DOUBLE);
                out.writeDouble(number);
            } else if (component instanceof Boolean flag) {
                out.writeByte(BOOLEAN);
                out.writeBoolean(flag);
            } else {
                throw new IOException(
                        "Cannot checkpoint a partition-key component of " + component.getClass());
            }
        }
        boolean hasDocument =
                request.kind() != OperationKind.DELETE
                        && request.kind() != OperationKind.SOFT_DELETE;
        if (hasDocument) {
            out.writeInt(request.document().length);
            out.write(request.document());
        } else {
            out.writeInt(DELETE_LENGTH);
        }
        out.writeByte(KINDS.indexOf(request.kind()));
        if (request.kind() == OperationKind.PATCH
                || request.kind() == OperationKind.CREATE_MISSING) {
            out.writeInt(request.part());
            out.writeInt(request.parts());
        }
        DocumentVersion version = request.version();
        if (version == null) {
            out.writeByte(0);
            return;
        }
        out.writeByte(1 + VERSION_KINDS.indexOf(version.kind()));
        out.writeUTF(version.order().toString());
        out.writeByte(PRECONDITIONS.indexOf(request.precondition()));
        if (request.precondition() == CosmosWriteRequest.Precondition.IF_MATCH) {
            out.writeUTF(request.etag());
        }
    }

    @Override
    protected CosmosWriteRequest deserializeRequestFromStream(long requestSize, DataInputStream in)
            throws IOException {
        int version = this.version.get();
        String id = in.readUTF();
        int retries = in.readInt();
        int components = in.readInt();
        List<Object> partitionKey = new ArrayList<>(components);
        for (int i = 0; i < components; i++) {
            byte tag = in.readByte();
            switch (tag) {
                case NULL:
                    partitionKey.add(null);
                    break;
                case STRING:
                    partitionKey.add(in.readUTF());
                    break;
                case DOUBLE:
                    partitionKey.add(in.readDouble());
                    break;
                case BOOLEAN:
                    partitionKey.add(in.readBoolean());
                    break;
                default:
                    throw new IOException("Unknown partition-key component tag " + tag);
            }
        }
        int length = in.readInt();
        if (length < DELETE_LENGTH) {
            throw new IOException("Corrupt document length " + length + " for id '" + id + "'");
        }
        byte[] document = null;
        if (length != DELETE_LENGTH) {
            document = new byte[length];
            in.readFully(document);
        }
        if (version < VERSION_WRITE_MODES) {
            return document == null
                    ? CosmosWriteRequest.delete(id, partitionKey, retries)
                    : new CosmosWriteRequest(id, partitionKey, document, retries);
        }
        int tag = in.readUnsignedByte();
        if (tag >= KINDS.size()) {
            throw new IOException("Unknown operation kind tag " + tag + " for id '" + id + "'");
        }
        OperationKind kind = KINDS.get(tag);
        CosmosWriteRequest request = request(kind, id, partitionKey, document, retries, in);
        return version < VERSION ? request : withVersion(request, in);
    }

    /** The version-4 ending: the row's version and the precondition, if any. */
    private static CosmosWriteRequest withVersion(CosmosWriteRequest request, DataInputStream in)
            throws IOException {
        int tag = in.readUnsignedByte();
        if (tag == 0) {
            return request;
        }
        if (tag > VERSION_KINDS.size()) {
            throw new IOException("Unknown version tag " + tag + " for id '" + request.id() + "'");
        }
        DocumentVersion version =
                new DocumentVersion(VERSION_KINDS.get(tag - 1), new BigDecimal(in.readUTF()));
        int condition = in.readUnsignedByte();
        if (condition >= PRECONDITIONS.size()) {
            throw new IOException(
                    "Unknown precondition tag " + condition + " for id '" + request.id() + "'");
        }
        CosmosWriteRequest.Precondition precondition = PRECONDITIONS.get(condition);
        String etag =
                precondition == CosmosWriteRequest.Precondition.IF_MATCH ? in.readUTF() : null;
        return request.restoredWith(version, precondition, etag);
    }

    private static CosmosWriteRequest request(
            OperationKind kind,
            String id,
            List<Object> partitionKey,
            byte[] document,
            int retries,
            DataInputStream in)
            throws IOException {
        switch (kind) {
            case DELETE:
                return CosmosWriteRequest.delete(id, partitionKey, retries);
            case SOFT_DELETE:
                return CosmosWriteRequest.softDelete(id, partitionKey, retries);
            case PATCH:
                return CosmosWriteRequest.patch(
                        id, partitionKey, document, in.readInt(), in.readInt(), retries);
            case CREATE_MISSING:
                in.readInt(); // the part: a create writes every part at once
                int parts = in.readInt();
                // The create that replaced a patch: rebuilt as its fallback, which keeps the parts.
                return CosmosWriteRequest.patch(id, partitionKey, document, 0, parts, retries - 1)
                        .fallback();
            default:
                return CosmosWriteRequest.write(kind, id, partitionKey, document, retries);
        }
    }

    @Override
    public int getVersion() {
        return VERSION;
    }

    /** The base class reads any bytes as the current layout; an unknown version must fail. */
    @Override
    public BufferedRequestState<CosmosWriteRequest> deserialize(int version, byte[] serialized)
            throws IOException {
        if (version < VERSION_UPSERTS_ONLY || version > VERSION) {
            throw new IOException(
                    ("Cannot restore Cosmos DB sink state of version %s: this connector reads"
                                    + " versions %s to %s. Restore with the connector version"
                                    + " that took the checkpoint.")
                            .formatted(version, VERSION_UPSERTS_ONLY, VERSION));
        }
        this.version.set(version);
        try {
            return super.deserialize(version, serialized);
        } finally {
            this.version.remove();
        }
    }
}
