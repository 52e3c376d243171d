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
 * The {@code 'connector' = 'cosmos'} sink table: every INSERT, UPDATE_AFTER and DELETE row becomes
 * an upsert of its document.
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

    CosmosDynamicTableSink(
            CosmosTableConfig config,
            RowDataToCosmosDocument converter,
            List<String> partitionKeyPaths) {
        super(
                config.maxBatchSize(),
                config.maxInFlightRequests(),
                config.maxBufferedRequests(),
                config.flushBufferSize(),
                config.flushBufferTimeoutMs());
        this.config = config;
        this.converter = converter;
        this.partitionKeyPaths = List.copyOf(partitionKeyPaths);
    }

    /**
     * Insert-only input stays insert-only, so that Flink does not demand an ON CONFLICT clause
     * ({@code table.exec.sink.require-on-conflict}) for a plain INSERT into a table with a key.
     */
    @Override
    public ChangelogMode getChangelogMode(ChangelogMode requestedMode) {
        return requestedMode.containsOnly(RowKind.INSERT) ? ChangelogMode.insertOnly() : UPSERTS;
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
        return new CosmosDynamicTableSink(config, converter, partitionKeyPaths);
    }

    @Override
    public String asSummaryString() {
        return "Cosmos DB";
    }
}
