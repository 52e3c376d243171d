package io.github.flinkcosmos.connector.cosmos.table;

import org.apache.flink.formats.common.TimeFormats;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.io.SerializedString;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.IntType;
import org.apache.flink.table.types.logical.LocalZonedTimestampType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeFamily;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.MultisetType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.TimestampType;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds, once per table, the {@link JsonValueWriter} of each column type. The JSON is byte for
 * byte what flink-json's {@code RowDataToJsonConverters} and an {@code ObjectMapper} write
 * (ISO-8601 timestamps, decimals without trailing zeros, NULL fields kept, a NULL map key fails),
 * and what the reference page's type table documents, but streamed to the generator instead of
 * built as a tree first, which is what makes it cheaper per row. With {@link
 * TimestampLayout#FIXED_WIDTH} only timestamps differ from flink-json.
 */
final class JsonValueWriters {

    private JsonValueWriters() {}

    /**
     * The writer of a whole row type.
     *
     * @throws UnsupportedOperationException for a type JSON cannot hold, as flink-json does
     */
    static JsonValueWriter forRow(RowType type, TimestampLayout timestamps) {
        return nullable(row(type, timestamps));
    }

    private static JsonValueWriter nullable(JsonValueWriter writer) {
        return (json, value) -> {
            if (value == null) {
                json.writeNull();
            } else {
                writer.write(json, value);
            }
        };
    }

    private static JsonValueWriter of(LogicalType type, TimestampLayout timestamps) {
        return nullable(notNull(type, timestamps));
    }

    private static JsonValueWriter notNull(LogicalType type, TimestampLayout timestamps) {
        switch (type.getTypeRoot()) {
            case NULL:
                return (json, value) -> json.writeNull();
            case BOOLEAN:
                return (json, value) -> json.writeBoolean((Boolean) value);
            case TINYINT:
                return (json, value) -> json.writeNumber((Byte) value);
            case SMALLINT:
                return (json, value) -> json.writeNumber((Short) value);
            case INTEGER:
            case INTERVAL_YEAR_MONTH:
                return (json, value) -> json.writeNumber((Integer) value);
            case BIGINT:
            case INTERVAL_DAY_TIME:
                return (json, value) -> json.writeNumber((Long) value);
            case FLOAT:
                return (json, value) -> json.writeNumber((Float) value);
            case DOUBLE:
                return (json, value) -> json.writeNumber((Double) value);
            case CHAR:
            case VARCHAR:
                return (json, value) -> json.writeString(value.toString());
            case BINARY:
            case VARBINARY:
                return (json, value) -> json.writeBinary((byte[]) value);
            case DATE:
                return (json, value) ->
                        json.writeString(
                                DateTimeFormatter.ISO_LOCAL_DATE.format(
                                        LocalDate.ofEpochDay((Integer) value)));
            case TIME_WITHOUT_TIME_ZONE:
                return (json, value) ->
                        json.writeString(
                                TimeFormats.SQL_TIME_FORMAT.format(
                                        LocalTime.ofNanoOfDay((Integer) value * 1_000_000L)));
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                return timestamps.localDateTime(((TimestampType) type).getPrecision());
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                return timestamps.instant(((LocalZonedTimestampType) type).getPrecision());
            case DECIMAL:
                return (json, value) ->
                        json.writeNumber(((DecimalData) value).toBigDecimal().stripTrailingZeros());
            case ARRAY:
                return array(((ArrayType) type).getElementType(), timestamps);
            case MAP:
                MapType map = (MapType) type;
                return map(map.asSummaryString(), map.getKeyType(), map.getValueType(), timestamps);
            case MULTISET:
                // A multiset is a map from each element to how often it occurs.
                MultisetType multiset = (MultisetType) type;
                return map(
                        multiset.asSummaryString(),
                        multiset.getElementType(),
                        new IntType(),
                        timestamps);
            case ROW:
                return row((RowType) type, timestamps);
            case RAW:
            default:
                throw new UnsupportedOperationException("Not support to parse type: " + type);
        }
    }

    private static JsonValueWriter array(LogicalType elementType, TimestampLayout timestamps) {
        JsonValueWriter element = of(elementType, timestamps);
        ArrayData.ElementGetter getter = ArrayData.createElementGetter(elementType);
        return (json, value) -> {
            ArrayData array = (ArrayData) value;
            int size = array.size();
            json.writeStartArray(array, size);
            for (int i = 0; i < size; i++) {
                element.write(json, getter.getElementOrNull(array, i));
            }
            json.writeEndArray();
        };
    }

    private static JsonValueWriter map(
            String typeSummary,
            LogicalType keyType,
            LogicalType valueType,
            TimestampLayout timestamps) {
        if (!keyType.is(LogicalTypeFamily.CHARACTER_STRING)) {
            throw new UnsupportedOperationException(
                    "JSON format doesn't support non-string as key type of map. The type is: "
                            + typeSummary);
        }
        JsonValueWriter valueWriter = of(valueType, timestamps);
        ArrayData.ElementGetter valueGetter = ArrayData.createElementGetter(valueType);
        return (json, value) -> {
            MapData map = (MapData) value;
            ArrayData values = map.valueArray();
            String[] keys = keys(map.keyArray(), map.size());
            json.writeStartObject(map);
            if (keys.length > 1 && new HashSet<>(Arrays.asList(keys)).size() < keys.length) {
                // A JSON object holds each name once; the last value wins, in the first one's
                // place, as in flink-json.
                Map<String, Object> merged = new LinkedHashMap<>();
                for (int i = 0; i < keys.length; i++) {
                    merged.put(keys[i], valueGetter.getElementOrNull(values, i));
                }
                for (Map.Entry<String, Object> entry : merged.entrySet()) {
                    json.writeFieldName(entry.getKey());
                    valueWriter.write(json, entry.getValue());
                }
            } else {
                for (int i = 0; i < keys.length; i++) {
                    json.writeFieldName(keys[i]);
                    valueWriter.write(json, valueGetter.getElementOrNull(values, i));
                }
            }
            json.writeEndObject();
        };
    }

    /** The keys as the names they become, decoded once, so duplicates are judged on those. */
    private static String[] keys(ArrayData keyArray, int size) {
        String[] keys = new String[size];
        for (int i = 0; i < size; i++) {
            if (keyArray.isNullAt(i)) {
                throw new IllegalArgumentException(
                        "A MAP or MULTISET value has a NULL key, which a JSON document cannot"
                                + " hold. Filter such entries out or replace the NULL key before"
                                + " the sink.");
            }
            keys[i] = keyArray.getString(i).toString();
        }
        return keys;
    }

    private static JsonValueWriter row(RowType type, TimestampLayout timestamps) {
        int arity = type.getFieldCount();
        // Encoded and escaped once per table, not once per row.
        SerializedString[] names =
                type.getFieldNames().stream()
                        .map(SerializedString::new)
                        .toArray(SerializedString[]::new);
        JsonValueWriter[] writers = new JsonValueWriter[arity];
        RowData.FieldGetter[] getters = new RowData.FieldGetter[arity];
        for (int i = 0; i < arity; i++) {
            writers[i] = of(type.getTypeAt(i), timestamps);
            getters[i] = RowData.createFieldGetter(type.getTypeAt(i), i);
        }
        return (json, value) -> {
            RowData row = (RowData) value;
            json.writeStartObject(row, arity);
            for (int i = 0; i < arity; i++) {
                json.writeFieldName(names[i]);
                try {
                    writers[i].write(json, getters[i].getFieldOrNull(row));
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(
                            "Cannot write field '"
                                    + names[i].getValue()
                                    + "' as JSON: "
                                    + e.getMessage(),
                            e);
                }
            }
            json.writeEndObject();
        };
    }
}
