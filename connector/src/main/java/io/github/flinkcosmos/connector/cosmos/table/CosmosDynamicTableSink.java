package io.github.flinkcosmos.connector.cosmos.table;

import io.github.flinkcosmos.connector.cosmos.sink.CosmosSink;
import io.github.flinkcosmos.connector.cosmos.sink.CosmosSinkBuilder;
import io.github.flinkcosmos.connector.cosmos.sink.CosmosWriteRequest;
import org.apache.flink.annotation.Internal;
import org.apache.flink.connector.base.table.sink.AsyncDynamicTableSink;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.sink.SinkV2Provider;
import org.apache.flink.table.connector.sink.abilities.SupportsPartitioning;
import org.apache.flink.table.data.RowData;
import org.apache.flink.types.RowKind;

import java.util.List;
import java.util.Map;

/**
 * The {@code 'connector' = 'cosmos'} sink table: every INSERT and UPDATE_AFTER row becomes an
 * upsert of its document; a DELETE row too, or with {@code cosmos.write.delete-mode} = {@code
 * delete} a delete of the document.
 */
@Internal
final class CosmosDynamicTableSink extends AsyncDynamicTableSink<CosmosWriteRequest>
        implements SupportsPartitioning {

    /** An upsert sink: keyed rows, no UPDATE_BEFORE, deletes written like updates. */
    private static final ChangelogMode UPSERTS =
            ChangelogMode.newBuilder()
                    .addContainedKind(RowKind.INSERT)
                    .addContainedKind(RowKind.UPDATE_AFTER)
                    .addContainedKind(RowKind.DELETE)
                    .build();

    private final CosmosTableConfig config;
    private final RowDataToCosmosDocument converter;
    private final List<String> partitionKeyPaths;
    private final boolean keyOnlyDeletesSuffice;

    /**
     * @param keyOnlyDeletesSuffice whether a DELETE row with only the PRIMARY KEY's columns carries
     *     the id and the whole partition-key value
     */
    CosmosDynamicTableSink(
            CosmosTableConfig config,
            RowDataToCosmosDocument converter,
            List<String> partitionKeyPaths,
            boolean keyOnlyDeletesSuffice) {
        super(
                config.maxBatchSize(),
                config.maxInFlightRequests(),
                config.maxBufferedRequests(),
                config.flushBufferSize(),
                config.flushBufferTimeoutMs());
        this.config = config;
        this.converter = converter;
        this.partitionKeyPaths = List.copyOf(partitionKeyPaths);
        this.keyOnlyDeletesSuffice = keyOnlyDeletesSuffice;
    }

    /**
     * Insert-only input stays insert-only, so that Flink does not demand an ON CONFLICT clause
     * ({@code table.exec.sink.require-on-conflict}) for a plain INSERT into a table with a key.
     * Otherwise an upsert sink; in upsert mode it upserts a DELETE row's values, so it needs full
     * DELETE rows, and in delete mode only when the PRIMARY KEY lacks a partition-key column
     * (FLIP-510: {@code ChangelogMode.upsert()} lets DELETE rows carry only the key).
     */
    @Override
    public ChangelogMode getChangelogMode(ChangelogMode requestedMode) {
        if (requestedMode.containsOnly(RowKind.INSERT)) {
            return ChangelogMode.insertOnly();
        }
        if (config.deleteMode().writesDeletes()) {
            return ChangelogMode.upsert(keyOnlyDeletesSuffice);
        }
        return UPSERTS;
    }

    @Override
    public SinkRuntimeProvider getSinkRuntimeProvider(Context context) {
        return SinkV2Provider.of(sink(), config.sinkParallelism());
    }

    /** The DataStream sink this table writes with, built as a DataStream user would build it. */
    CosmosSink<RowData> sink() {
        CosmosSinkBuilder<RowData> builder =
                config.configure(CosmosSink.<RowData>builder())
                        .setPartitionKeyPaths(partitionKeyPaths)
                        .setDocumentConverter(converter);
        addAsyncOptionsToSinkBuilder(builder);
        return builder.build();
    }

    /**
     * Rows carry their partition columns themselves, so a static partition changes nothing the sink
     * writes; PARTITIONED BY matters for the partition key, resolved when the table is made.
     */
    @Override
    public void applyStaticPartition(Map<String, String> partition) {}

    @Override
    public DynamicTableSink copy() {
        return new CosmosDynamicTableSink(
                config, converter, partitionKeyPaths, keyOnlyDeletesSuffice);
    }

    @Override
    public String asSummaryString() {
        return "Cosmos DB";
    }
}
