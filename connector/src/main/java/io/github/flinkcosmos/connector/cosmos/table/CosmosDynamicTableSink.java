package io.github.flinkcosmos.connector.cosmos.table;

import io.github.flinkcosmos.connector.cosmos.sink.CosmosSinkBuilder;
import io.github.flinkcosmos.connector.cosmos.sink.CosmosWriteRequest;
import io.github.flinkcosmos.connector.cosmos.sink.CosmosWriterSettings;
import org.apache.flink.annotation.Internal;
import org.apache.flink.connector.base.table.sink.AsyncDynamicTableSink;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.sink.SinkV2Provider;
import org.apache.flink.table.connector.sink.abilities.SupportsPartitioning;
import org.apache.flink.types.RowKind;

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

    private final RowDataToCosmosRequest converter;
    private final CosmosWriterSettings settings;
    private final Integer parallelism;

    CosmosDynamicTableSink(
            RowDataToCosmosRequest converter,
            CosmosWriterSettings settings,
            Integer parallelism,
            Integer maxBatchSize,
            Integer maxInFlightRequests,
            Integer maxBufferedRequests,
            Long maxBufferSizeInBytes,
            Long maxTimeInBufferMS) {
        super(
                maxBatchSize,
                maxInFlightRequests,
                maxBufferedRequests,
                maxBufferSizeInBytes,
                maxTimeInBufferMS);
        this.converter = converter;
        this.settings = settings;
        this.parallelism = parallelism;
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
        CosmosSinkBuilder builder =
                io.github.flinkcosmos.connector.cosmos.sink.CosmosSink.builder()
                        .setElementConverter(converter)
                        .setWriterSettings(settings);
        addAsyncOptionsToSinkBuilder(builder);
        return SinkV2Provider.of(builder.build(), parallelism);
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
                converter,
                settings,
                parallelism,
                maxBatchSize,
                maxInFlightRequests,
                maxBufferedRequests,
                maxBufferSizeInBytes,
                maxTimeInBufferMS);
    }

    @Override
    public String asSummaryString() {
        return "Cosmos DB";
    }
}
