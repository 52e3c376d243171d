package io.github.flinkcosmos.connector.cosmos.sink;

import io.github.flinkcosmos.connector.cosmos.status.OperationKind;
import org.apache.flink.annotation.Internal;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriterStateSerializer;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes buffered requests into checkpoints. Version 2 layout of one request: id (modified UTF-8),
 * retries (int), the number of partition-key components (int), each component as a one-byte tag and
 * its value, then for an upsert the document's length (int) and bytes, for a delete the length -1.
 * Version 1, written before deletes, is the same layout with upserts only, so it reads as it is.
 */
@Internal
public final class CosmosWriteRequestStateSerializer
        extends AsyncSinkWriterStateSerializer<CosmosWriteRequest> {

    static final int VERSION = 2;

    /** The version before deletes: every request an upsert. */
    static final int VERSION_UPSERTS_ONLY = 1;

    private static final int DELETE_LENGTH = -1;

    private static final byte NULL = 0;
    private static final byte STRING = 1;
    private static final byte DOUBLE = 2;
    private static final byte BOOLEAN = 3;

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
        if (request.kind() == OperationKind.DELETE) {
            out.writeInt(DELETE_LENGTH);
        } else {
            out.writeInt(request.document().length);
            out.write(request.document());
        }
    }

    @Override
    protected CosmosWriteRequest deserializeRequestFromStream(long requestSize, DataInputStream in)
            throws IOException {
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
        if (length == DELETE_LENGTH) {
            return CosmosWriteRequest.delete(id, partitionKey, retries);
        }
        if (length < 0) {
            throw new IOException("Corrupt document length " + length + " for id '" + id + "'");
        }
        byte[] document = new byte[length];
        in.readFully(document);
        return new CosmosWriteRequest(id, partitionKey, document, retries);
    }

    @Override
    public int getVersion() {
        return VERSION;
    }

    /** The base class reads any bytes as the current layout; an unknown version must fail. */
    @Override
    public BufferedRequestState<CosmosWriteRequest> deserialize(int version, byte[] serialized)
            throws IOException {
        if (version != VERSION && version != VERSION_UPSERTS_ONLY) {
            throw new IOException(
                    ("Cannot restore Cosmos DB sink state of version %s: this connector reads"
                                    + " versions %s and %s. Restore with the connector version"
                                    + " that took the checkpoint.")
                            .formatted(version, VERSION_UPSERTS_ONLY, VERSION));
        }
        return super.deserialize(version, serialized);
    }
}
