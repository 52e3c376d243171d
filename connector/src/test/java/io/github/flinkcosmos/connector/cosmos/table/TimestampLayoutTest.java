package io.github.flinkcosmos.connector.cosmos.table;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.RowType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TimestampLayoutTest {

    private static String json(RowType type, TimestampLayout layout, Object value) {
        byte[] bytes = new RowJsonSerializer(type, layout).serialize(GenericRowData.of(value));
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static RowType timestamp(int precision) {
        return (RowType)
                DataTypes.ROW(DataTypes.FIELD("at", DataTypes.TIMESTAMP(precision)))
                        .getLogicalType();
    }

    private static RowType instant(int precision) {
        return (RowType)
                DataTypes.ROW(DataTypes.FIELD("at", DataTypes.TIMESTAMP_LTZ(precision)))
                        .getLogicalType();
    }

    private static TimestampData local(String text) {
        return TimestampData.fromLocalDateTime(LocalDateTime.parse(text));
    }

    @Test
    void iso8601DropsTrailingZeroDigitsAsFlinkJsonDoes() {
        assertThat(json(timestamp(3), TimestampLayout.ISO_8601, local("2026-11-21T10:15:05")))
                .isEqualTo("{\"at\":\"2026-11-21T10:15:05\"}");
        assertThat(json(timestamp(3), TimestampLayout.ISO_8601, local("2026-11-21T10:15:05.500")))
                .isEqualTo("{\"at\":\"2026-11-21T10:15:05.5\"}");
    }

    @Test
    void fixedWidthWritesSevenFractionDigitsAsCosmosDbRecommends() {
        assertThat(json(timestamp(3), TimestampLayout.FIXED_WIDTH, local("2026-11-21T10:15:05")))
                .isEqualTo("{\"at\":\"2026-11-21T10:15:05.0000000\"}");
        assertThat(json(timestamp(0), TimestampLayout.FIXED_WIDTH, local("2026-11-21T10:15:05")))
                .isEqualTo("{\"at\":\"2026-11-21T10:15:05.0000000\"}");
        assertThat(
                        json(
                                instant(3),
                                TimestampLayout.FIXED_WIDTH,
                                TimestampData.fromInstant(Instant.parse("2026-11-21T10:15:05.5Z"))))
                .isEqualTo("{\"at\":\"2026-11-21T10:15:05.5000000Z\"}");
    }

    @Test
    void fixedWidthKeepsEveryDigitOfANanosecondPrecision() {
        assertThat(
                        json(
                                timestamp(9),
                                TimestampLayout.FIXED_WIDTH,
                                local("2026-11-21T10:15:05.123456789")))
                .isEqualTo("{\"at\":\"2026-11-21T10:15:05.123456789\"}");
        assertThat(
                        json(
                                instant(9),
                                TimestampLayout.FIXED_WIDTH,
                                TimestampData.fromInstant(Instant.parse("2026-11-21T10:15:05Z"))))
                .isEqualTo("{\"at\":\"2026-11-21T10:15:05.000000000Z\"}");
    }

    /**
     * The reason for the fixed width: Cosmos DB orders and filters these values as strings, and
     * with a shorter fraction the {@code Z} sorts after the digits of a longer one.
     */
    @Test
    void fixedWidthStringsSortInTimeOrderWhereIso8601StringsDoNot() {
        List<TimestampData> inTimeOrder =
                List.of(
                        instantAt("2026-11-21T10:15:05Z"),
                        instantAt("2026-11-21T10:15:05.250Z"),
                        instantAt("2026-11-21T10:15:05.500Z"),
                        instantAt("2026-11-21T10:15:06Z"));

        assertThat(strings(inTimeOrder, TimestampLayout.FIXED_WIDTH)).isSorted();
        List<String> iso = strings(inTimeOrder, TimestampLayout.ISO_8601);
        assertThat(iso)
                .containsExactly(
                        "2026-11-21T10:15:05Z",
                        "2026-11-21T10:15:05.25Z",
                        "2026-11-21T10:15:05.5Z",
                        "2026-11-21T10:15:06Z");
        assertThat(sorted(iso).get(0)).isEqualTo("2026-11-21T10:15:05.25Z");
    }

    private static TimestampData instantAt(String text) {
        return TimestampData.fromInstant(Instant.parse(text));
    }

    /** The bare strings, as Cosmos DB compares them. */
    private static List<String> strings(List<TimestampData> values, TimestampLayout layout) {
        List<String> strings = new ArrayList<>();
        for (TimestampData value : values) {
            String document = json(instant(3), layout, value);
            strings.add(document.substring("{\"at\":\"".length(), document.length() - 2));
        }
        return strings;
    }

    private static List<String> sorted(List<String> strings) {
        List<String> sorted = new ArrayList<>(strings);
        sorted.sort(null);
        return sorted;
    }
}
