package io.github.flinkcosmos.connector.cosmos.table.validation;

import org.apache.flink.annotation.Internal;

import java.util.List;
import java.util.Optional;

/**
 * What the validator needs to know of a table's DDL.
 *
 * @param primaryKey the PRIMARY KEY columns in declared order, empty when there is none
 * @param partitionedBy the PARTITIONED BY columns, empty when there is no such clause
 */
@Internal
public record TableDefinition(
        List<Column> columns, List<String> primaryKey, List<String> partitionedBy) {

    public TableDefinition {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        partitionedBy = List.copyOf(partitionedBy);
    }

    /** The column with exactly this name. */
    public Optional<Column> column(String name) {
        return columns.stream().filter(column -> column.name().equals(name)).findFirst();
    }

    /** The PRIMARY KEY columns other than the id column, in declared order. */
    public List<String> primaryKeyColumnsBeyond(String idColumn) {
        return primaryKey.stream().filter(name -> !name.equals(idColumn)).toList();
    }

    /**
     * The partition key columns the DDL declares: PARTITIONED BY when present, otherwise the
     * PRIMARY KEY beyond the id column. Empty when only the live container knows the partition key.
     */
    public List<String> partitionKeyColumns(String idColumn) {
        return partitionedBy.isEmpty() ? primaryKeyColumnsBeyond(idColumn) : partitionedBy;
    }
}
