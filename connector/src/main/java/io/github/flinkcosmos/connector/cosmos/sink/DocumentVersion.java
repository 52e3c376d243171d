package io.github.flinkcosmos.connector.cosmos.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.apache.flink.annotation.Internal;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * The version of a row (see {@code cosmos.write.version-column}), comparable with the version a
 * stored document holds. Versions are compared as values, never as text: a number exactly (a
 * DECIMAL or a BIGINT beyond 2^53 too), a date by its day, a date-time by its instant, whatever the
 * number of fraction digits the JSON has. Only versions of one {@link Kind} compare.
 *
 * @param kind what the version is
 * @param order the version as a number that sorts as it does: the number itself, the epoch day, or
 *     the epoch second with nanoseconds as the fraction (a TIMESTAMP read as UTC)
 */
@Internal
public record DocumentVersion(Kind kind, BigDecimal order)
        implements Comparable<DocumentVersion>, Serializable {

    /** What a version is, and so how its JSON reads. */
    public enum Kind {
        /** TINYINT to BIGINT and DECIMAL: a JSON number. */
        NUMBER,
        /** DATE: an ISO-8601 date string. */
        DATE,
        /** TIMESTAMP(p): an ISO-8601 local date-time string. */
        LOCAL_DATE_TIME,
        /** TIMESTAMP_LTZ(p): an ISO-8601 instant string, in UTC. */
        INSTANT
    }

    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

    public DocumentVersion {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(order, "order");
    }

    /**
     * The version of a Java value: a Byte, Short, Integer, Long, BigInteger or BigDecimal, a
     * LocalDate, a LocalDateTime or an Instant.
     *
     * @throws IllegalArgumentException for any other value, naming what is allowed
     */
    public static DocumentVersion of(Object value) {
        Objects.requireNonNull(value, "version");
        if (value instanceof BigDecimal decimal) {
            return new DocumentVersion(Kind.NUMBER, decimal);
        }
        if (value instanceof BigInteger integer) {
            return new DocumentVersion(Kind.NUMBER, new BigDecimal(integer));
        }
        if (value instanceof Long
                || value instanceof Integer
                || value instanceof Short
                || value instanceof Byte) {
            return new DocumentVersion(
                    Kind.NUMBER, BigDecimal.valueOf(((Number) value).longValue()));
        }
        if (value instanceof LocalDate date) {
            return new DocumentVersion(Kind.DATE, BigDecimal.valueOf(date.toEpochDay()));
        }
        if (value instanceof LocalDateTime dateTime) {
            return new DocumentVersion(
                    Kind.LOCAL_DATE_TIME, seconds(dateTime.toInstant(ZoneOffset.UTC)));
        }
        if (value instanceof Instant instant) {
            return new DocumentVersion(Kind.INSTANT, seconds(instant));
        }
        throw new IllegalArgumentException(
                """
                A version is a Byte, Short, Integer, Long, BigInteger, BigDecimal, LocalDate, \
                LocalDateTime or Instant, not a %s."""
                        .formatted(value.getClass().getName()));
    }

    /**
     * The version a stored document holds in its field, read as a version of this kind; empty when
     * the field is missing or null, which is older than any version.
     *
     * @throws IllegalArgumentException when the field holds something that is not a version of this
     *     kind, such as text in a number field
     */
    public Optional<DocumentVersion> stored(JsonNode field) {
        if (field == null || field.isNull() || field.isMissingNode()) {
            return Optional.empty();
        }
        try {
            switch (kind) {
                case NUMBER:
                    if (field.isNumber()) {
                        return Optional.of(new DocumentVersion(kind, field.decimalValue()));
                    }
                    break;
                case DATE:
                    if (field.isTextual()) {
                        return Optional.of(of(LocalDate.parse(field.textValue())));
                    }
                    break;
                case LOCAL_DATE_TIME:
                    if (field.isTextual()) {
                        return Optional.of(of(LocalDateTime.parse(field.textValue())));
                    }
                    break;
                case INSTANT:
                default:
                    if (field.isTextual()) {
                        return Optional.of(of(Instant.parse(field.textValue())));
                    }
                    break;
            }
        } catch (DateTimeParseException e) {
            // reported below, with what the field should hold
        }
        throw new IllegalArgumentException(
                "it holds %s, which is not a %s version"
                        .formatted(
                                abbreviated(field), kind.name().toLowerCase().replace('_', '-')));
    }

    /** The version as the sink stores it in a soft-deleted document. */
    public JsonNode json() {
        switch (kind) {
            case NUMBER:
                return DecimalNode.valueOf(order);
            case DATE:
                return TextNode.valueOf(LocalDate.ofEpochDay(order.longValueExact()).toString());
            case LOCAL_DATE_TIME:
                return TextNode.valueOf(
                        DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                                LocalDateTime.ofInstant(instant(), ZoneOffset.UTC)));
            case INSTANT:
            default:
                return TextNode.valueOf(instant().toString());
        }
    }

    /**
     * @throws IllegalArgumentException for versions of different kinds, which never compare
     */
    @Override
    public int compareTo(DocumentVersion other) {
        if (kind != other.kind) {
            throw new IllegalArgumentException(
                    "A %s version does not compare with a %s one".formatted(kind, other.kind));
        }
        return order.compareTo(other.order);
    }

    /** Whether this version is newer than the stored one: equal versions are not. */
    public boolean isNewerThan(Optional<DocumentVersion> stored) {
        return stored.isEmpty() || compareTo(stored.get()) > 0;
    }

    /** Equal by value: 5 and 5.0 are the same version. */
    @Override
    public boolean equals(Object other) {
        return other instanceof DocumentVersion that
                && kind == that.kind
                && order.compareTo(that.order) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, order.stripTrailingZeros());
    }

    @Override
    public String toString() {
        return json().toString();
    }

    private Instant instant() {
        BigDecimal seconds = order.setScale(0, java.math.RoundingMode.FLOOR);
        long nanos = order.subtract(seconds).multiply(NANOS_PER_SECOND).longValue();
        return Instant.ofEpochSecond(seconds.longValueExact(), nanos);
    }

    private static BigDecimal seconds(Instant instant) {
        return BigDecimal.valueOf(instant.getEpochSecond())
                .add(BigDecimal.valueOf(instant.getNano()).divide(NANOS_PER_SECOND));
    }

    private static String abbreviated(JsonNode field) {
        String text = field.toString();
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
