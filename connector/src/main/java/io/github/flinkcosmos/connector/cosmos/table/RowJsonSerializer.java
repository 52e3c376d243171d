package io.github.flinkcosmos.connector.cosmos.table;

import org.apache.flink.annotation.Internal;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonFactory;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonGenerator;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;

/**
 * Turns rows into JSON documents: the JSON flink-json writes (ISO-8601 timestamps unless {@code
 * cosmos.json.timestamp-format} says otherwise, a NULL map key fails the row), streamed field by
 * field by {@link JsonValueWriters} into one reused buffer, with no JSON tree in between. One
 * instance per writer; not thread-safe, because of that buffer.
 */
@Internal
public final class RowJsonSerializer implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Most documents fit; the buffer grows for larger ones and keeps its size. */
    private static final int INITIAL_BUFFER_BYTES = 1024;

    private final JsonValueWriter writer;
    private transient JsonFactory factory;

    /** Reset, not reallocated, between rows. */
    private transient ByteArrayOutputStream buffer;

    /**
     * Writes exactly flink-json's bytes.
     *
     * @throws UnsupportedOperationException when a column has a type JSON cannot hold
     */
    public RowJsonSerializer(RowType rowType) {
        this(rowType, TimestampLayout.ISO_8601);
    }

    /**
     * @throws UnsupportedOperationException when a column has a type JSON cannot hold
     */
    RowJsonSerializer(RowType rowType, TimestampLayout timestamps) {
        this.writer = JsonValueWriters.forRow(rowType, timestamps);
    }

    /** The row as UTF-8 JSON, in a new array the caller owns. */
    public byte[] serialize(RowData row) {
        if (factory == null) {
            factory = new JsonFactory();
            buffer = new ByteArrayOutputStream(INITIAL_BUFFER_BYTES);
        }
        buffer.reset();
        try (JsonGenerator json = factory.createGenerator(buffer)) {
            writer.write(json, row);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a row as JSON", e);
        }
        return buffer.toByteArray();
    }
}
