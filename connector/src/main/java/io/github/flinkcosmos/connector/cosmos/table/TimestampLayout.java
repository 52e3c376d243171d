package io.github.flinkcosmos.connector.cosmos.table;

import io.github.flinkcosmos.connector.cosmos.table.CosmosConnectorOptions.TimestampFormat;
import org.apache.flink.annotation.Internal;
import org.apache.flink.formats.common.TimeFormats;
import org.apache.flink.table.data.TimestampData;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * How TIMESTAMP and TIMESTAMP_LTZ values become JSON strings ({@code
 * cosmos.json.timestamp-format}).
 *
 * <p>flink-json's ISO-8601 form drops trailing zero digits of the fraction ({@code …:05Z}, {@code
 * …:05.5Z}), so string order is not time order, and Cosmos DB compares these strings as strings in
 * range filters and ORDER BY. The fixed-width form writes as many fraction digits for every value
 * of a column: 7, the width Cosmos DB's own date-time functions use, or 9 for a precision of 8 or
 * 9, so that no digit is lost.
 */
@Internal
enum TimestampLayout {
    /** As flink-json writes them: {@code 2026-11-21T10:15:30.5Z}. */
    ISO_8601,
    /** {@code 2026-11-21T10:15:30.5000000Z}: strings that sort in time order. */
    FIXED_WIDTH;

    private static final int COSMOS_FRACTION_DIGITS = 7;

    private static final DateTimeFormatter LOCAL_7 = fixedWidth(7, false);
    private static final DateTimeFormatter LOCAL_9 = fixedWidth(9, false);
    private static final DateTimeFormatter UTC_7 = fixedWidth(7, true);
    private static final DateTimeFormatter UTC_9 = fixedWidth(9, true);

    static TimestampLayout of(TimestampFormat option) {
        return option == TimestampFormat.FIXED_WIDTH ? FIXED_WIDTH : ISO_8601;
    }

    /** The writer of a TIMESTAMP(precision) value: a local date-time, no zone. */
    JsonValueWriter localDateTime(int precision) {
        if (this == ISO_8601) {
            return (json, value) ->
                    json.writeString(
                            TimeFormats.ISO8601_TIMESTAMP_FORMAT.format(
                                    ((TimestampData) value).toLocalDateTime()));
        }
        boolean nine = precision > COSMOS_FRACTION_DIGITS;
        return (json, value) ->
                json.writeString(
                        (nine ? LOCAL_9 : LOCAL_7)
                                .format(((TimestampData) value).toLocalDateTime()));
    }

    /** The writer of a TIMESTAMP_LTZ(precision) value: an instant, written in UTC with a Z. */
    JsonValueWriter instant(int precision) {
        if (this == ISO_8601) {
            return (json, value) ->
                    json.writeString(
                            TimeFormats.ISO8601_TIMESTAMP_WITH_LOCAL_TIMEZONE_FORMAT.format(
                                    ((TimestampData) value).toInstant().atOffset(ZoneOffset.UTC)));
        }
        boolean nine = precision > COSMOS_FRACTION_DIGITS;
        return (json, value) ->
                json.writeString(
                        (nine ? UTC_9 : UTC_7)
                                .format(
                                        ((TimestampData) value)
                                                .toInstant()
                                                .atOffset(ZoneOffset.UTC)));
    }

    private static DateTimeFormatter fixedWidth(int digits, boolean utc) {
        DateTimeFormatterBuilder format =
                new DateTimeFormatterBuilder()
                        .append(DateTimeFormatter.ISO_LOCAL_DATE)
                        .appendLiteral('T')
                        .appendPattern("HH:mm:ss")
                        .appendFraction(ChronoField.NANO_OF_SECOND, digits, digits, true);
        return (utc ? format.appendLiteral('Z') : format).toFormatter();
    }
}
