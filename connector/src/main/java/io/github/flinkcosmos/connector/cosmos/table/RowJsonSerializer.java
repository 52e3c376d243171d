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
 * instance per writer; not thread-safe, because of that buffer and its generator.
 */
@Internal
public final class RowJsonSerializer implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Most documents fit; the buffer grows for larger ones and keeps its size. */
    private static final int INITIAL_BUFFER_BYTES = 1024;

    /** Thread-safe once configured, and configured with its defaults only. */
    private static final JsonFactory FACTORY = new JsonFactory();

    private final JsonValueWriter writer;
    private transient ByteArrayOutputStream buffer;

    /**
     * One generator for every row, flushed after each: making one per row (its context, its buffer
     * lookup) costs about as much as writing a narrow row. Dropped after a row that failed half
     * written, which leaves it inside that row's object.
     */
    private transient JsonGenerator generator;

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
        boolean written = false;
        try {
            if (generator == null) {
                open();
            }
            buffer.reset();
            writer.write(generator, row);
            generator.flush();
            written = true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a row as JSON", e);
        } finally {
            if (!written) {
                generator = null;
            }
        }
        return buffer.toByteArray();
    }

    private void open() throws IOException {
        if (buffer == null) {
            buffer = new ByteArrayOutputStream(INITIAL_BUFFER_BYTES);
        }
        generator = FACTORY.createGenerator(buffer);
        // Each row is a document of its own: nothing between one row's JSON and the next's.
        generator.setRootValueSeparator(null);
    }
}
