package io.github.flinkcosmos.connector.cosmos.table;

import io.github.flinkcosmos.connector.cosmos.client.CosmosConfigurationException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LocalZonedTimestampType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.TimestampType;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * The column of {@code cosmos.write.version-column}: where it is in the row, and its value as the
 * Java value a version is made of (a Long, BigDecimal, LocalDate, LocalDateTime or Instant).
 */
@Internal
final class VersionColumn implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final Set<LogicalTypeRoot> ALLOWED =
            Set.of(
                    LogicalTypeRoot.TINYINT,
                    LogicalTypeRoot.SMALLINT,
                    LogicalTypeRoot.INTEGER,
                    LogicalTypeRoot.BIGINT,
                    LogicalTypeRoot.DECIMAL,
                    LogicalTypeRoot.DATE,
                    LogicalTypeRoot.TIMESTAMP_WITHOUT_TIME_ZONE,
                    LogicalTypeRoot.TIMESTAMP_WITH_LOCAL_TIME_ZONE);

    static final String ALLOWED_TYPES =
            "TINYINT, SMALLINT, INT, BIGINT, DECIMAL(p, s), DATE, TIMESTAMP(p) or TIMESTAMP_LTZ(p)";

    private final String name;
    private final int position;
    private final LogicalType type;

    private VersionColumn(String name, int position, LogicalType type) {
        this.name = name;
        this.position = position;
        this.type = type;
    }

    /**
     * The version column of a table.
     *
     * @param keyColumns the columns of the id and the partition key, which a write never changes
     * @throws CosmosConfigurationException when the table has no such column, or it is a key column
     *     or of a type that does not order, naming the allowed types
     */
    static VersionColumn of(RowType rowType, String name, List<String> keyColumns) {
        int position = rowType.getFieldNames().indexOf(name);
        if (position < 0) {
            throw new CosmosConfigurationException(
                    """
                    Option 'cosmos.write.version-column' names column '%s', but the table has no \
                    such column (it has %s). Name a column of type %s."""
                            .formatted(
                                    name,
                                    String.join(", ", rowType.getFieldNames()),
                                    ALLOWED_TYPES));
        }
        LogicalType type = rowType.getTypeAt(position);
        if (!ALLOWED.contains(type.getTypeRoot())) {
            throw new CosmosConfigurationException(
                    """
                    Option 'cosmos.write.version-column' names column '%s' of type %s, which does \
                    not order versions. The version column is of type %s."""
                            .formatted(name, type.asSummaryString(), ALLOWED_TYPES));
        }
        if (keyColumns.contains(name)) {
            throw new CosmosConfigurationException(
                    """
                    Option 'cosmos.write.version-column' names column '%s', which is the id or \
                    part of the partition key and so never changes. Name a column outside the \
                    PRIMARY KEY."""
                            .formatted(name));
        }
        return new VersionColumn(name, position, type);
    }

    String name() {
        return name;
    }

    /**
     * The row's version.
     *
     * @param id the document's id, for the message
     * @throws IllegalArgumentException when the row's version is NULL, naming the id and the column
     */
    Object valueOf(RowData row, String id) {
        if (row.isNullAt(position)) {
            throw new IllegalArgumentException(
                    """
                    The row of document '%s' has NULL in the version column '%s' \
                    ('cosmos.write.version-column'), so the sink cannot tell whether it is newer \
                    than the stored document. Give every row a version, e.g. with COALESCE."""
                            .formatted(id, name));
        }
        switch (type.getTypeRoot()) {
            case TINYINT:
                return (long) row.getByte(position);
            case SMALLINT:
                return (long) row.getShort(position);
            case INTEGER:
                return (long) row.getInt(position);
            case BIGINT:
                return row.getLong(position);
            case DECIMAL:
                DecimalType decimal = (DecimalType) type;
                DecimalData value =
                        row.getDecimal(position, decimal.getPrecision(), decimal.getScale());
                return value.toBigDecimal();
            case DATE:
                return LocalDate.ofEpochDay(row.getInt(position));
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                return row.getTimestamp(position, ((TimestampType) type).getPrecision())
                        .toLocalDateTime();
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
            default:
                return row.getTimestamp(position, ((LocalZonedTimestampType) type).getPrecision())
                        .toInstant();
        }
    }
}
