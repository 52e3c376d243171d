package io.github.flinkcosmos.connector.cosmos.table;

import io.github.flinkcosmos.connector.cosmos.sink.CosmosWriteRequest;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.table.data.RowData;

import java.util.ArrayList;
import java.util.List;

/**
 * Converts a row into the upsert of its document: the id from the id column, the partition-key
 * value from the partition-key fields, the JSON from all columns. INSERT, UPDATE_AFTER and DELETE
 * rows become the same upsert, as the sink's contract says.
 */
@Internal
public final class RowDataToCosmosRequest implements ElementConverter<RowData, CosmosWriteRequest> {

    private static final long serialVersionUID = 1L;

    private final int idPosition;
    private final String idColumn;
    private final List<FieldPath> partitionKey;
    private final RowJsonSerializer json;

    public RowDataToCosmosRequest(
            int idPosition, String idColumn, List<FieldPath> partitionKey, RowJsonSerializer json) {
        this.idPosition = idPosition;
        this.idColumn = idColumn;
        this.partitionKey = List.copyOf(partitionKey);
        this.json = json;
    }

    @Override
    public CosmosWriteRequest apply(RowData row, SinkWriter.Context context) {
        if (row.isNullAt(idPosition)) {
            throw new IllegalArgumentException(
                    "A row has NULL in column '"
                            + idColumn
                            + "', but every Cosmos DB document needs an id. Filter such rows out"
                            + " or give them an id before the sink.");
        }
        List<Object> key = new ArrayList<>(partitionKey.size());
        for (FieldPath field : partitionKey) {
            key.add(field.valueOf(row));
        }
        return new CosmosWriteRequest(
                row.getString(idPosition).toString(), key, json.serialize(row), 0);
    }
}
