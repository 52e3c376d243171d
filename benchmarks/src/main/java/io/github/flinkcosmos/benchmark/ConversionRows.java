package io.github.flinkcosmos.benchmark;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericMapData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.RowType;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** The rows of the conversion benchmark: one narrow, one wide with nested types. */
public enum ConversionRows {

    /** The end-to-end runs' documents: six scalar columns, about 170 bytes of JSON. */
    NARROW(
            DataTypes.ROW(
                    DataTypes.FIELD("id", DataTypes.STRING()),
                    DataTypes.FIELD("pk", DataTypes.STRING()),
                    DataTypes.FIELD("amount", DataTypes.DOUBLE()),
                    DataTypes.FIELD("currency", DataTypes.STRING()),
                    DataTypes.FIELD("customer", DataTypes.STRING()),
                    DataTypes.FIELD("note", DataTypes.STRING()))) {
        @Override
        RowData row() {
            return GenericRowData.of(
                    string("doc-123456"),
                    string("pk-32"),
                    154320.0,
                    string("EUR"),
                    string("customer-3456"),
                    string("x".repeat(64)));
        }
    },

    /**
     * Twenty columns of most types the sink maps, with a nested ROW holding an ARRAY, a MAP and a
     * NULL, about 900 bytes of JSON.
     */
    WIDE(
            DataTypes.ROW(
                    DataTypes.FIELD("id", DataTypes.STRING()),
                    DataTypes.FIELD("pk", DataTypes.STRING()),
                    DataTypes.FIELD("flag", DataTypes.BOOLEAN()),
                    DataTypes.FIELD("tiny", DataTypes.TINYINT()),
                    DataTypes.FIELD("small", DataTypes.SMALLINT()),
                    DataTypes.FIELD("count", DataTypes.INT()),
                    DataTypes.FIELD("total", DataTypes.BIGINT()),
                    DataTypes.FIELD("ratio", DataTypes.FLOAT()),
                    DataTypes.FIELD("amount", DataTypes.DOUBLE()),
                    DataTypes.FIELD("price", DataTypes.DECIMAL(12, 2)),
                    DataTypes.FIELD("day", DataTypes.DATE()),
                    DataTypes.FIELD("created", DataTypes.TIMESTAMP(3)),
                    DataTypes.FIELD("updated", DataTypes.TIMESTAMP_LTZ(3)),
                    DataTypes.FIELD("description", DataTypes.STRING()),
                    DataTypes.FIELD("tags", DataTypes.ARRAY(DataTypes.STRING())),
                    DataTypes.FIELD("scores", DataTypes.ARRAY(DataTypes.DOUBLE())),
                    DataTypes.FIELD(
                            "attributes", DataTypes.MAP(DataTypes.STRING(), DataTypes.STRING())),
                    DataTypes.FIELD(
                            "address",
                            DataTypes.ROW(
                                    DataTypes.FIELD("street", DataTypes.STRING()),
                                    DataTypes.FIELD("city", DataTypes.STRING()),
                                    DataTypes.FIELD("zip", DataTypes.STRING()),
                                    DataTypes.FIELD(
                                            "location", DataTypes.ARRAY(DataTypes.DOUBLE())))),
                    DataTypes.FIELD(
                            "lines",
                            DataTypes.ARRAY(
                                    DataTypes.ROW(
                                            DataTypes.FIELD("sku", DataTypes.STRING()),
                                            DataTypes.FIELD("quantity", DataTypes.INT()),
                                            DataTypes.FIELD(
                                                    "unitPrice", DataTypes.DECIMAL(10, 2))))),
                    DataTypes.FIELD("comment", DataTypes.STRING()))) {
        @Override
        RowData row() {
            Map<Object, Object> attributes = new LinkedHashMap<>();
            attributes.put(string("channel"), string("web"));
            attributes.put(string("campaign"), string("autumn-sale"));
            attributes.put(string("device"), string("mobile"));
            return GenericRowData.of(
                    string("order-2026-11-21-000123"),
                    string("customer-3456"),
                    true,
                    (byte) 7,
                    (short) 1024,
                    42,
                    9_876_543_210L,
                    0.75f,
                    12345.678,
                    DecimalData.fromBigDecimal(new BigDecimal("1999.95"), 12, 2),
                    (int) LocalDate.of(2026, 11, 21).toEpochDay(),
                    TimestampData.fromLocalDateTime(
                            LocalDateTime.of(2026, 11, 21, 10, 15, 30, 123_000_000)),
                    TimestampData.fromInstant(Instant.parse("2026-11-21T10:15:31.456Z")),
                    string("A sample order with several lines, shipped to a customer in Lisbon."),
                    new GenericArrayData(
                            new Object[] {string("priority"), string("gift"), string("eu")}),
                    new GenericArrayData(new double[] {0.5, 0.25, 0.125, 1.0}),
                    new GenericMapData(attributes),
                    GenericRowData.of(
                            string("Rua Augusta 100"),
                            string("Lisbon"),
                            string("1100-053"),
                            new GenericArrayData(new double[] {38.7104, -9.1367})),
                    new GenericArrayData(
                            new Object[] {
                                line("SKU-0001", 2, "19.99"),
                                line("SKU-0002", 1, "249.00"),
                                line("SKU-0003", 5, "3.50")
                            }),
                    null);
        }

        private static RowData line(String sku, int quantity, String unitPrice) {
            return GenericRowData.of(
                    string(sku),
                    quantity,
                    DecimalData.fromBigDecimal(new BigDecimal(unitPrice), 10, 2));
        }
    };

    private final RowType rowType;

    ConversionRows(org.apache.flink.table.types.DataType dataType) {
        this.rowType = (RowType) dataType.getLogicalType();
    }

    RowType rowType() {
        return rowType;
    }

    abstract RowData row();

    private static StringData string(String value) {
        return StringData.fromString(value);
    }
}
