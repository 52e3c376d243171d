package io.github.flinkcosmos.connector.cosmos.table;

import org.apache.flink.formats.common.TimestampFormat;
import org.apache.flink.formats.json.JsonFormatOptions.MapNullKeyMode;
import org.apache.flink.formats.json.JsonRowDataSerializationSchema;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericMapData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sink streams JSON itself instead of building flink-json's tree, for speed; these cases hold
 * it to writing the same bytes as flink-json's {@link JsonRowDataSerializationSchema} with the
 * sink's settings, value by value, including the awkward ones.
 */
class RowJsonSerializerTest {

    static Stream<Arguments> values() {
        return Stream.of(
                Arguments.of("BOOLEAN", DataTypes.BOOLEAN(), true),
                Arguments.of("TINYINT", DataTypes.TINYINT(), (byte) -128),
                Arguments.of("SMALLINT", DataTypes.SMALLINT(), (short) 32767),
                Arguments.of("INT", DataTypes.INT(), Integer.MIN_VALUE),
                Arguments.of("BIGINT", DataTypes.BIGINT(), Long.MAX_VALUE),
                Arguments.of("FLOAT", DataTypes.FLOAT(), 0.1f),
                Arguments.of("FLOAT NaN", DataTypes.FLOAT(), Float.NaN),
                Arguments.of("DOUBLE", DataTypes.DOUBLE(), 1e-300),
                Arguments.of("DOUBLE large", DataTypes.DOUBLE(), 1.5e300),
                Arguments.of("DOUBLE negative zero", DataTypes.DOUBLE(), -0.0),
                Arguments.of("DOUBLE infinity", DataTypes.DOUBLE(), Double.NEGATIVE_INFINITY),
                Arguments.of("DOUBLE NaN", DataTypes.DOUBLE(), Double.NaN),
                Arguments.of("STRING escapes", DataTypes.STRING(), string("q\"b\\\n\t\u0001/")),
                Arguments.of("STRING unicode", DataTypes.STRING(), string("Ærø – 東京 😀")),
                Arguments.of("STRING empty", DataTypes.STRING(), string("")),
                Arguments.of("CHAR", DataTypes.CHAR(3), string("abc")),
                Arguments.of("BYTES", DataTypes.BYTES(), new byte[] {1, 2, 3, -1, 0}),
                Arguments.of("BYTES empty", DataTypes.BYTES(), new byte[0]),
                Arguments.of("DECIMAL", DataTypes.DECIMAL(10, 3), decimal("12.345", 10, 3)),
                Arguments.of("DECIMAL zeros", DataTypes.DECIMAL(10, 3), decimal("12.300", 10, 3)),
                Arguments.of("DECIMAL zero", DataTypes.DECIMAL(10, 3), decimal("0.000", 10, 3)),
                Arguments.of("DECIMAL hundred", DataTypes.DECIMAL(10, 2), decimal("100.00", 10, 2)),
                Arguments.of(
                        "DECIMAL wide",
                        DataTypes.DECIMAL(38, 18),
                        decimal("-12345678901234567890.123456789012345678", 38, 18)),
                Arguments.of("DATE", DataTypes.DATE(), 20_413),
                Arguments.of("DATE before 1970", DataTypes.DATE(), -719_528),
                Arguments.of("TIME whole second", DataTypes.TIME(0), 36_930_000),
                Arguments.of(
                        "TIMESTAMP",
                        DataTypes.TIMESTAMP(3),
                        timestamp(LocalDateTime.of(2026, 11, 21, 10, 15, 30, 123_000_000))),
                Arguments.of(
                        "TIMESTAMP nanos",
                        DataTypes.TIMESTAMP(9),
                        timestamp(LocalDateTime.of(2026, 11, 21, 10, 15, 30, 123_456_789))),
                Arguments.of(
                        "TIMESTAMP whole minute",
                        DataTypes.TIMESTAMP(0),
                        timestamp(LocalDateTime.of(2026, 11, 21, 10, 15))),
                Arguments.of(
                        "TIMESTAMP_LTZ",
                        DataTypes.TIMESTAMP_LTZ(3),
                        TimestampData.fromInstant(Instant.parse("2026-11-21T10:15:30.120Z"))),
                Arguments.of(
                        "INTERVAL YEAR TO MONTH",
                        DataTypes.INTERVAL(DataTypes.YEAR(), DataTypes.MONTH()),
                        14),
                Arguments.of(
                        "INTERVAL DAY TO SECOND",
                        DataTypes.INTERVAL(DataTypes.DAY(), DataTypes.SECOND(3)),
                        90_061_001L),
                Arguments.of(
                        "ARRAY with NULL",
                        DataTypes.ARRAY(DataTypes.INT()),
                        new GenericArrayData(new Object[] {1, null, 3})),
                Arguments.of(
                        "ARRAY empty",
                        DataTypes.ARRAY(DataTypes.STRING()),
                        new GenericArrayData(new Object[0])),
                Arguments.of(
                        "ARRAY of ARRAY",
                        DataTypes.ARRAY(DataTypes.ARRAY(DataTypes.DOUBLE())),
                        new GenericArrayData(
                                new Object[] {
                                    new GenericArrayData(new double[] {1.5, 2}),
                                    null,
                                    new GenericArrayData(new double[0])
                                })),
                Arguments.of(
                        "MAP",
                        DataTypes.MAP(DataTypes.STRING(), DataTypes.BIGINT()),
                        map("a", 1L, "b", null, "c", 3L)),
                Arguments.of(
                        "MAP empty",
                        DataTypes.MAP(DataTypes.STRING(), DataTypes.BIGINT()),
                        new GenericMapData(Map.of())),
                Arguments.of(
                        "MULTISET", DataTypes.MULTISET(DataTypes.STRING()), map("x", 2, "y", 1)),
                Arguments.of(
                        "ROW with NULL field",
                        DataTypes.ROW(
                                DataTypes.FIELD("city", DataTypes.STRING()),
                                DataTypes.FIELD("zip", DataTypes.INT()),
                                DataTypes.FIELD(
                                        "location",
                                        DataTypes.ROW(
                                                DataTypes.FIELD("lat", DataTypes.DOUBLE()),
                                                DataTypes.FIELD("lon", DataTypes.DOUBLE())))),
                        GenericRowData.of(string("Oslo"), null, GenericRowData.of(59.9, 10.7))),
                Arguments.of(
                        "ARRAY of ROW",
                        DataTypes.ARRAY(DataTypes.ROW(DataTypes.FIELD("n", DataTypes.INT()))),
                        new GenericArrayData(
                                new Object[] {GenericRowData.of(1), null, GenericRowData.of(3)})),
                Arguments.of("NULL value", DataTypes.STRING(), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    void writesTheBytesFlinkJsonWrites(String name, DataType type, Object value) throws Exception {
        RowType rowType =
                (RowType)
                        DataTypes.ROW(
                                        DataTypes.FIELD("id", DataTypes.STRING()),
                                        DataTypes.FIELD("value", type))
                                .getLogicalType();
        RowData row = GenericRowData.of(string("doc-1"), value);

        assertThat(json(new RowJsonSerializer(rowType).serialize(row)))
                .isEqualTo(json(flinkJson(rowType).serialize(row)));
    }

    /**
     * Flink 2.2's flink-json cut a TIME to whole seconds; 2.3's keeps its milliseconds, and so does
     * the sink on every Flink version, so that the same table writes the same documents.
     */
    @Test
    void writesATimeWithItsMillisecondsOnEveryFlinkVersion() {
        RowType rowType =
                (RowType) DataTypes.ROW(DataTypes.FIELD("at", DataTypes.TIME(3))).getLogicalType();

        assertThat(json(new RowJsonSerializer(rowType).serialize(GenericRowData.of(36_930_123))))
                .isEqualTo("{\"at\":\"10:15:30.123\"}");
    }

    /**
     * JSON has no NaN or infinities: they are stored as the strings flink-json writes, as the type
     * table documents (TypeMappingITCase covers DOUBLE through Flink SQL, whose constant folding
     * cannot make a FLOAT NaN).
     */
    @Test
    void writesNotFiniteFloatsAsStrings() {
        RowType rowType =
                (RowType) DataTypes.ROW(DataTypes.FIELD("v", DataTypes.FLOAT())).getLogicalType();
        RowJsonSerializer serializer = new RowJsonSerializer(rowType);

        assertThat(json(serializer.serialize(GenericRowData.of(Float.NaN))))
                .isEqualTo("{\"v\":\"NaN\"}");
        assertThat(json(serializer.serialize(GenericRowData.of(Float.POSITIVE_INFINITY))))
                .isEqualTo("{\"v\":\"Infinity\"}");
        assertThat(json(serializer.serialize(GenericRowData.of(Float.NEGATIVE_INFINITY))))
                .isEqualTo("{\"v\":\"-Infinity\"}");
    }

    @Test
    void keepsWritingTheSameBytesRowAfterRow() throws Exception {
        RowType rowType =
                (RowType)
                        DataTypes.ROW(
                                        DataTypes.FIELD("id", DataTypes.STRING()),
                                        DataTypes.FIELD(
                                                "tags", DataTypes.ARRAY(DataTypes.STRING())))
                                .getLogicalType();
        RowJsonSerializer serializer = new RowJsonSerializer(rowType);
        JsonRowDataSerializationSchema flinkJson = flinkJson(rowType);
        for (int n = 0; n < 3_000; n++) {
            // Rows of growing size, so the reused buffer has to grow between them.
            RowData row =
                    GenericRowData.of(
                            string("doc-" + n),
                            new GenericArrayData(new Object[] {string("t".repeat(n))}));
            assertThat(json(serializer.serialize(row))).isEqualTo(json(flinkJson.serialize(row)));
        }
    }

    @Test
    void keepsTheLastValueOfAMapKeyThatOccursTwiceInItsFirstPlace() throws Exception {
        RowType rowType =
                (RowType)
                        DataTypes.ROW(
                                        DataTypes.FIELD(
                                                "m",
                                                DataTypes.MAP(DataTypes.STRING(), DataTypes.INT())))
                                .getLogicalType();
        GenericArrayData keys =
                new GenericArrayData(new Object[] {string("a"), string("b"), string("a")});
        GenericArrayData values = new GenericArrayData(new Object[] {1, 2, 3});
        RowData row = GenericRowData.of(new DuplicateKeyMap(keys, values));

        assertThat(json(new RowJsonSerializer(rowType).serialize(row)))
                .isEqualTo("{\"m\":{\"a\":3,\"b\":2}}")
                .isEqualTo(json(flinkJson(rowType).serialize(row)));
    }

    @Test
    void failsARowWithANullMapKeyNamingTheField() {
        RowType rowType =
                (RowType)
                        DataTypes.ROW(
                                        DataTypes.FIELD(
                                                "attributes",
                                                DataTypes.MAP(DataTypes.STRING(), DataTypes.INT())))
                                .getLogicalType();
        Map<Object, Object> entries = new HashMap<>();
        entries.put(null, 1);
        RowData row = GenericRowData.of(new GenericMapData(entries));

        assertThatThrownBy(() -> new RowJsonSerializer(rowType).serialize(row))
                .hasMessageContaining("'attributes'")
                .hasMessageContaining("NULL key");
    }

    @Test
    void writesTheNextRowWholeAfterARowThatFailedHalfWritten() {
        RowType rowType =
                (RowType)
                        DataTypes.ROW(
                                        DataTypes.FIELD("id", DataTypes.STRING()),
                                        DataTypes.FIELD(
                                                "attributes",
                                                DataTypes.MAP(DataTypes.STRING(), DataTypes.INT())))
                                .getLogicalType();
        RowJsonSerializer serializer = new RowJsonSerializer(rowType);
        Map<Object, Object> badEntries = new HashMap<>();
        badEntries.put(null, 1);
        serializer.serialize(GenericRowData.of(string("before"), null));
        assertThatThrownBy(
                () ->
                        serializer.serialize(
                                GenericRowData.of(string("bad"), new GenericMapData(badEntries))));

        byte[] next =
                serializer.serialize(
                        GenericRowData.of(
                                string("after"), new GenericMapData(Map.of(string("k"), 2))));

        assertThat(json(next)).isEqualTo("{\"id\":\"after\",\"attributes\":{\"k\":2}}");
    }

    @Test
    void refusesAMapWhoseKeysAreNotStrings() {
        RowType rowType =
                (RowType)
                        DataTypes.ROW(
                                        DataTypes.FIELD(
                                                "m",
                                                DataTypes.MAP(DataTypes.INT(), DataTypes.INT())))
                                .getLogicalType();

        assertThatThrownBy(() -> new RowJsonSerializer(rowType))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("MAP<INT, INT>");
    }

    private static JsonRowDataSerializationSchema flinkJson(RowType rowType) throws Exception {
        JsonRowDataSerializationSchema schema =
                new JsonRowDataSerializationSchema(
                        rowType,
                        TimestampFormat.ISO_8601,
                        MapNullKeyMode.FAIL,
                        "null",
                        false,
                        false);
        schema.open(null);
        return schema;
    }

    private static String json(byte[] utf8) {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private static StringData string(String value) {
        return StringData.fromString(value);
    }

    private static DecimalData decimal(String value, int precision, int scale) {
        return DecimalData.fromBigDecimal(new BigDecimal(value), precision, scale);
    }

    private static TimestampData timestamp(LocalDateTime value) {
        return TimestampData.fromLocalDateTime(value);
    }

    private static GenericMapData map(Object... keysAndValues) {
        Map<Object, Object> entries = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            entries.put(string((String) keysAndValues[i]), keysAndValues[i + 1]);
        }
        return new GenericMapData(entries);
    }

    /** A map whose key array repeats a key, which a {@link GenericMapData} cannot hold. */
    private record DuplicateKeyMap(GenericArrayData keys, GenericArrayData values)
            implements org.apache.flink.table.data.MapData {

        @Override
        public int size() {
            return keys.size();
        }

        @Override
        public org.apache.flink.table.data.ArrayData keyArray() {
            return keys;
        }

        @Override
        public org.apache.flink.table.data.ArrayData valueArray() {
            return values;
        }
    }
}
