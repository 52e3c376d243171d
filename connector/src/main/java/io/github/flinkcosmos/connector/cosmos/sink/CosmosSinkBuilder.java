package io.github.flinkcosmos.connector.cosmos.sink;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.connector.base.sink.AsyncSinkBaseBuilder;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.table.data.RowData;

import java.util.Optional;

import static org.apache.flink.util.Preconditions.checkNotNull;
import static org.apache.flink.util.Preconditions.checkState;

/**
 * Builds a {@link CosmosSink}. The table factory does this from a DDL; the defaults suit bulk
 * writes, where the SDK splits a batch into requests of at most 100 operations.
 *
 * <pre>{@code
 * CosmosSink sink = CosmosSink.builder()
 *         .setElementConverter(converter)
 *         .setWriterSettings(settings)
 *         .setMaxBatchSize(500)
 *         .build();
 * }</pre>
 */
@PublicEvolving
public final class CosmosSinkBuilder
        extends AsyncSinkBaseBuilder<RowData, CosmosWriteRequest, CosmosSinkBuilder> {

    public static final int DEFAULT_MAX_BATCH_SIZE = 500;
    public static final int DEFAULT_MAX_IN_FLIGHT_REQUESTS = 4;
    public static final int DEFAULT_MAX_BUFFERED_REQUESTS = 10_000;
    public static final long DEFAULT_MAX_BATCH_SIZE_IN_BYTES = 4L * 1024 * 1024;
    public static final long DEFAULT_MAX_TIME_IN_BUFFER_MS = 1_000;

    /** Cosmos DB's own limit on one document. */
    public static final long DEFAULT_MAX_RECORD_SIZE_IN_BYTES = 2L * 1024 * 1024;

    private ElementConverter<RowData, CosmosWriteRequest> elementConverter;
    private CosmosWriterSettings writerSettings;

    CosmosSinkBuilder() {}

    public CosmosSinkBuilder setElementConverter(
            ElementConverter<RowData, CosmosWriteRequest> elementConverter) {
        this.elementConverter = checkNotNull(elementConverter, "elementConverter");
        return this;
    }

    public CosmosSinkBuilder setWriterSettings(CosmosWriterSettings writerSettings) {
        this.writerSettings = checkNotNull(writerSettings, "writerSettings");
        return this;
    }

    /** The AsyncSink settings left unset take this sink's defaults; AsyncSinkBase checks them. */
    @Override
    public CosmosSink build() {
        checkState(
                elementConverter != null && writerSettings != null,
                "A CosmosSink needs an element converter and writer settings");
        return new CosmosSink(
                elementConverter,
                Optional.ofNullable(getMaxBatchSize()).orElse(DEFAULT_MAX_BATCH_SIZE),
                Optional.ofNullable(getMaxInFlightRequests())
                        .orElse(DEFAULT_MAX_IN_FLIGHT_REQUESTS),
                Optional.ofNullable(getMaxBufferedRequests()).orElse(DEFAULT_MAX_BUFFERED_REQUESTS),
                Optional.ofNullable(getMaxBatchSizeInBytes())
                        .orElse(DEFAULT_MAX_BATCH_SIZE_IN_BYTES),
                Optional.ofNullable(getMaxTimeInBufferMS()).orElse(DEFAULT_MAX_TIME_IN_BUFFER_MS),
                Optional.ofNullable(getMaxRecordSizeInBytes())
                        .orElse(DEFAULT_MAX_RECORD_SIZE_IN_BYTES),
                writerSettings);
    }
}
