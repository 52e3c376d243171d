package io.github.flinkcosmos.connector.cosmos.table;

import io.github.flinkcosmos.connector.cosmos.table.validation.Column;
import io.github.flinkcosmos.connector.cosmos.table.validation.TableDefinition;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.catalog.ResolvedCatalogTable;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.catalog.UniqueConstraint;

import java.util.ArrayList;
import java.util.List;

/** What the validation engine needs of a table, read from Flink's resolved catalog table. */
@Internal
final class TableDefinitions {

    private TableDefinitions() {}

    static TableDefinition of(ResolvedCatalogTable table) {
        ResolvedSchema schema = table.getResolvedSchema();
        List<Column> columns = new ArrayList<>();
        for (var column : schema.getColumns()) {
            columns.add(
                    new Column(
                            column.getName(),
                            column.isPhysical(),
                            column.getDataType().getLogicalType()));
        }
        List<String> primaryKey =
                schema.getPrimaryKey().map(UniqueConstraint::getColumns).orElse(List.of());
        return new TableDefinition(columns, primaryKey, table.getPartitionKeys());
    }
}
