package io.github.flinkcosmos.connector.cosmos.sink;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.table.data.RowData;

import static org.apache.flink.util.Preconditions.checkArgument;
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
public final class CosmosSinkBuilder {

    public static final int DEFAULT_MAX_BATCH_SIZE = 500;
    public static final int DEFAULT_MAX_IN_FLIGHT_REQUESTS = 4;
    public static final int DEFAULT_MAX_BUFFERED_REQUESTS = 10_000;
    public static final long DEFAULT_MAX_BATCH_SIZE_IN_BYTES = 4L * 1024 * 1024;
    public static final long DEFAULT_MAX_TIME_IN_BUFFER_MS = 1_000;

    /** Cosmos DB's own limit on one document. */
    public static final long DEFAULT_MAX_RECORD_SIZE_IN_BYTES = 2L * 1024 * 1024;

    private ElementConverter<RowData, CosmosWriteRequest> elementConverter;
    private CosmosWriterSettings writerSettings;
    private int maxBatchSize = DEFAULT_MAX_BATCH_SIZE;
    private int maxInFlightRequests = DEFAULT_MAX_IN_FLIGHT_REQUESTS;
    private int maxBufferedRequests = DEFAULT_MAX_BUFFERED_REQUESTS;
    private long maxBatchSizeInBytes = DEFAULT_MAX_BATCH_SIZE_IN_BYTES;
    private long maxTimeInBufferMS = DEFAULT_MAX_TIME_IN_BUFFER_MS;

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

    public CosmosSinkBuilder setMaxBatchSize(int maxBatchSize) {
        checkArgument(maxBatchSize > 0, "maxBatchSize must be positive, got %s", maxBatchSize);
        this.maxBatchSize = maxBatchSize;
        return this;
    }

    public CosmosSinkBuilder setMaxInFlightRequests(int maxInFlightRequests) {
        checkArgument(
                maxInFlightRequests > 0,
                "maxInFlightRequests must be positive, got %s",
                maxInFlightRequests);
        this.maxInFlightRequests = maxInFlightRequests;
        return this;
    }

    public CosmosSinkBuilder setMaxBufferedRequests(int maxBufferedRequests) {
        checkArgument(
                maxBufferedRequests > 0,
                "maxBufferedRequests must be positive, got %s",
                maxBufferedRequests);
        this.maxBufferedRequests = maxBufferedRequests;
        return this;
    }

    public CosmosSinkBuilder setMaxBatchSizeInBytes(long maxBatchSizeInBytes) {
        checkArgument(
                maxBatchSizeInBytes > 0,
                "maxBatchSizeInBytes must be positive, got %s",
                maxBatchSizeInBytes);
        this.maxBatchSizeInBytes = maxBatchSizeInBytes;
        return this;
    }

    public CosmosSinkBuilder setMaxTimeInBufferMS(long maxTimeInBufferMS) {
        checkArgument(
                maxTimeInBufferMS > 0,
                "maxTimeInBufferMS must be positive, got %s",
                maxTimeInBufferMS);
        this.maxTimeInBufferMS = maxTimeInBufferMS;
        return this;
    }

    public CosmosSink build() {
        checkState(
                elementConverter != null && writerSettings != null,
                "A CosmosSink needs an element converter and writer settings");
        return new CosmosSink(
                elementConverter,
                maxBatchSize,
                maxInFlightRequests,
                maxBufferedRequests,
                maxBatchSizeInBytes,
                maxTimeInBufferMS,
                DEFAULT_MAX_RECORD_SIZE_IN_BYTES,
                writerSettings);
    }
}
