package io.github.flinkcosmos.connector.cosmos.table;

import io.github.flinkcosmos.connector.cosmos.client.CosmosConfigurationException;
import io.github.flinkcosmos.connector.cosmos.sink.CosmosDocument;
import io.github.flinkcosmos.connector.cosmos.sink.CosmosDocumentConverter;
import io.github.flinkcosmos.connector.cosmos.sink.DeleteMode;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.MultisetType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.RowKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Converts a row into its document: the id from the id column, the partition-key value from the
 * partition-key fields, the JSON from all columns. With delete mode {@code upsert}, INSERT,
 * UPDATE_AFTER and DELETE rows become the same upsert, as the sink's contract says; with {@code
 * delete}, DELETE and UPDATE_BEFORE rows become deletes of their document.
 */
@Internal
public final class RowDataToCosmosDocument implements CosmosDocumentConverter<RowData> {

    private static final long serialVersionUID = 1L;

    private final int idPosition;
    private final String idColumn;
    private final List<FieldPath> partitionKey;
    private final RowJsonSerializer json;
    private final DeleteMode deleteMode;
    private final int nestingDepth;
    private final VersionColumn version;

    private RowDataToCosmosDocument(
            int idPosition,
            String idColumn,
            List<FieldPath> partitionKey,
            RowJsonSerializer json,
            DeleteMode deleteMode,
            int nestingDepth,
            VersionColumn version) {
        this.idPosition = idPosition;
        this.idColumn = idColumn;
        this.partitionKey = List.copyOf(partitionKey);
        this.json = json;
        this.deleteMode = deleteMode;
        this.nestingDepth = nestingDepth;
        this.version = version;
    }

    /**
     * The converter for a table's rows with the contract's behaviour: delete mode {@code upsert},
     * flink-json's timestamps.
     */
    public static RowDataToCosmosDocument of(
            RowType rowType, String idColumn, List<String> partitionKeyPaths) {
        return of(
                rowType, idColumn, partitionKeyPaths, DeleteMode.UPSERT, TimestampLayout.ISO_8601);
    }

    /**
     * The converter for a table's rows.
     *
     * @param timestamps how TIMESTAMP and TIMESTAMP_LTZ values are written
     * @throws CosmosConfigurationException naming each partition-key path without a column, or a
     *     column type the JSON conversion cannot write
     */
    static RowDataToCosmosDocument of(
            RowType rowType,
            String idColumn,
            List<String> partitionKeyPaths,
            DeleteMode deleteMode,
            TimestampLayout timestamps) {
        return of(rowType, idColumn, partitionKeyPaths, deleteMode, timestamps, null);
    }

    /**
     * The converter for a table's rows, each document carrying its row's version.
     *
     * @param versionColumn the column of {@code cosmos.write.version-column}, null for none
     * @throws CosmosConfigurationException also for a version column the table lacks, of a type
     *     that does not order, or in the id or partition key
     */
    static RowDataToCosmosDocument of(
            RowType rowType,
            String idColumn,
            List<String> partitionKeyPaths,
            DeleteMode deleteMode,
            TimestampLayout timestamps,
            String versionColumn) {
        List<String> problems = new ArrayList<>();
        List<FieldPath> partitionKey = new ArrayList<>();
        for (String path : partitionKeyPaths) {
            Optional<FieldPath> field = FieldPath.resolve(path, rowType);
            if (field.isEmpty()) {
                problems.add(
                        """
                        The container's partition key path %s has no matching column. Add a \
                        column for it (a nested path like /address/city needs a ROW column \
                        'address' with a field 'city')."""
                                .formatted(path));
            } else {
                partitionKey.add(field.get());
            }
        }
        if (!problems.isEmpty()) {
            throw new CosmosConfigurationException(problems);
        }
        RowJsonSerializer json;
        try {
            json = new RowJsonSerializer(rowType, timestamps);
        } catch (UnsupportedOperationException e) {
            throw new CosmosConfigurationException(
                    """
                    A column has a type the JSON conversion cannot write (%s). Cast it to one of \
                    the types the reference page lists."""
                            .formatted(e.getMessage()));
        }
        List<String> keyColumns = new ArrayList<>(List.of(idColumn));
        // A partition-key path's top-level column, e.g. address for /address/city.
        partitionKey.forEach(field -> keyColumns.add(field.path().substring(1).split("/")[0]));
        return new RowDataToCosmosDocument(
                rowType.getFieldIndex(idColumn),
                idColumn,
                partitionKey,
                json,
                deleteMode,
                nestingDepth(rowType),
                versionColumn == null
                        ? null
                        : VersionColumn.of(rowType, versionColumn, keyColumns));
    }

    @Override
    public CosmosDocument toDocument(RowData row) {
        if (row.isNullAt(idPosition)) {
            throw new IllegalArgumentException(
                    """
                    A row has NULL in column '%s', but every Cosmos DB document needs an id. \
                    Filter such rows out or give them an id before the sink."""
                            .formatted(idColumn));
        }
        List<Object> key = new ArrayList<>(partitionKey.size());
        for (FieldPath field : partitionKey) {
            key.add(field.valueOf(row));
        }
        String id = row.getString(idPosition).toString();
        CosmosDocument document =
                deletes(row)
                        ? CosmosDocument.delete(id, key)
                        : CosmosDocument.of(id, key, json.serialize(row));
        return version == null ? document : document.withVersion(version.valueOf(row, id));
    }

    /** A table's documents nest no deeper than its row type, whatever the row. */
    @Override
    public int maxNestingDepth() {
        return nestingDepth;
    }

    /** How deep a value of the type nests objects and arrays, the value itself included. */
    static int nestingDepth(LogicalType type) {
        if (type instanceof RowType row) {
            return 1
                    + row.getChildren().stream()
                            .mapToInt(RowDataToCosmosDocument::nestingDepth)
                            .max()
                            .orElse(0);
        }
        if (type instanceof ArrayType array) {
            return 1 + nestingDepth(array.getElementType());
        }
        if (type instanceof MapType map) {
            return 1 + nestingDepth(map.getValueType());
        }
        if (type instanceof MultisetType) {
            return 1; // an object of counts
        }
        return 0;
    }

    /**
     * In delete mode (and soft-delete mode), a DELETE row deletes its document, and so does an
     * UPDATE_BEFORE row: a row leaving the result of a GROUP BY … HAVING arrives only as an
     * UPDATE_BEFORE. When the UPDATE_AFTER of the same document follows, the writer's buffer keeps
     * only that newer row.
     */
    private boolean deletes(RowData row) {
        return deleteMode.writesDeletes()
                && (row.getRowKind() == RowKind.DELETE
                        || row.getRowKind() == RowKind.UPDATE_BEFORE);
    }

    /**
     * In upsert mode, skips UPDATE_BEFORE rows. The planner can send them even to a sink whose
     * changelog mode leaves them out (seen when the query's upsert key differs from the table's
     * PRIMARY KEY), and an upsert of a row's old value is never what the table should end up
     * holding.
     */
    @Override
    public boolean skips(RowData row) {
        return deleteMode == DeleteMode.UPSERT && row.getRowKind() == RowKind.UPDATE_BEFORE;
    }
}
