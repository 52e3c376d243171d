package io.github.flinkcosmos.connector.cosmos.table;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a partition-key value sits in a row: a top-level column, or a field of nested ROW columns
 * for a container path such as {@code /address/city}.
 */
@Internal
public final class FieldPath implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String path;
    private final int[] positions;
    private final int[] arities;
    private final RowData.FieldGetter leaf;

    private FieldPath(String path, int[] positions, int[] arities, RowData.FieldGetter leaf) {
        this.path = path;
        this.positions = positions;
        this.arities = arities;
        this.leaf = leaf;
    }

    /**
     * The field for a Cosmos DB path like {@code /pk} or {@code /address/city}, if the row has it.
     */
    public static Optional<FieldPath> resolve(String cosmosPath, RowType rowType) {
        String[] names = cosmosPath.substring(1).split("/");
        int[] positions = new int[names.length];
        int[] arities = new int[names.length];
        RowType current = rowType;
        LogicalType type = null;
        for (int level = 0; level < names.length; level++) {
            if (current == null) {
                return Optional.empty();
            }
            int position = current.getFieldNames().indexOf(names[level]);
            if (position < 0) {
                return Optional.empty();
            }
            positions[level] = position;
            arities[level] = current.getFieldCount();
            type = current.getTypeAt(position);
            current = type instanceof RowType nested ? nested : null;
        }
        return Optional.of(
                new FieldPath(
                        cosmosPath,
                        positions,
                        arities,
                        RowData.createFieldGetter(type, positions[names.length - 1])));
    }

    /** The Cosmos DB path, e.g. {@code /address/city}. */
    public String path() {
        return path;
    }

    /**
     * The partition-key component of a row: a String, Double, Boolean, or null when the value or an
     * enclosing ROW is NULL.
     */
    public Object valueOf(RowData row) {
        RowData current = row;
        for (int level = 0; level < positions.length - 1; level++) {
            if (current.isNullAt(positions[level])) {
                return null;
            }
            current = current.getRow(positions[level], arities[level + 1]);
        }
        return component(leaf.getFieldOrNull(current));
    }

    private static Object component(Object value) {
        if (value == null || value instanceof Boolean) {
            return value;
        }
        if (value instanceof StringData text) {
            return text.toString();
        }
        if (value instanceof DecimalData decimal) {
            return decimal.toBigDecimal().doubleValue();
        }
        if (value instanceof Number number) {
            // Cosmos DB hashes every number of a partition key as a double.
            return number.doubleValue();
        }
        throw new IllegalArgumentException(
                "A partition-key value must be a string, number or boolean, got "
                        + value.getClass());
    }

    /** Paths of top-level columns: {@code /column} each. */
    public static List<String> pathsOfColumns(List<String> columns) {
        List<String> paths = new ArrayList<>(columns.size());
        columns.forEach(column -> paths.add("/" + column));
        return paths;
    }
}
