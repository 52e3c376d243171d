package io.github.flinkcosmos.connector.cosmos.table;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedCatalogTable;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.catalog.UniqueConstraint;

import java.util.ArrayList;
import java.util.List;

/** What the generated validator needs of a table, read from Flink's resolved catalog table. */
@Internal
final class TableDefinitions {

    private TableDefinitions() {}

    static CosmosSinkValidator.TableDefinition of(ResolvedCatalogTable table) {
        ResolvedSchema schema = table.getResolvedSchema();
        List<CosmosSinkValidator.Column> columns = new ArrayList<>();
        for (Column column : schema.getColumns()) {
            columns.add(
                    new CosmosSinkValidator.Column(
                            column.getName(),
                            column.isPhysical(),
                            column.getDataType().getLogicalType()));
        }
        List<String> primaryKey =
                schema.getPrimaryKey().map(UniqueConstraint::getColumns).orElse(List.of());
        return new CosmosSinkValidator.TableDefinition(
                columns, primaryKey, table.getPartitionKeys());
    }
}
