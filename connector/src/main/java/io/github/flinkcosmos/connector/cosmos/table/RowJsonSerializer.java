package io.github.flinkcosmos.connector.cosmos.table;

import org.apache.flink.annotation.Internal;
import org.apache.flink.formats.common.TimestampFormat;
import org.apache.flink.formats.json.JsonFormatOptions.MapNullKeyMode;
import org.apache.flink.formats.json.RowDataToJsonConverters;
import org.apache.flink.formats.json.RowDataToJsonConverters.RowDataToJsonConverter;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;

/**
 * Turns rows into JSON documents with Flink's own {@link RowDataToJsonConverters}: timestamps in
 * ISO-8601, a NULL map key fails the row. The converters are {@code @Internal} and use Flink's
 * shaded Jackson, so this one class is all the connector knows of them. One instance per writer;
 * not thread-safe, because it reuses one JSON tree for every row.
 */
@Internal
public final class RowJsonSerializer implements Serializable {

    private static final long serialVersionUID = 1L;

    private final RowDataToJsonConverter converter;
    private transient ObjectMapper mapper;
    private transient JsonNode reuse;

    public RowJsonSerializer(RowType rowType) {
        this.converter =
                new RowDataToJsonConverters(
                                TimestampFormat.ISO_8601, MapNullKeyMode.FAIL, "null", false)
                        .createConverter(rowType);
    }

    public byte[] serialize(RowData row) {
        if (mapper == null) {
            mapper = new ObjectMapper();
            reuse = mapper.createObjectNode();
        }
        try {
            reuse = converter.convert(mapper, reuse, row);
            return mapper.writeValueAsBytes(reuse);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a row as JSON", e);
        }
    }
}
