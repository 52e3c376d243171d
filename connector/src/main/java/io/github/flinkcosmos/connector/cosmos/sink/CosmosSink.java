package io.github.flinkcosmos.connector.cosmos.sink;

import io.github.flinkcosmos.connector.cosmos.sink.internal.DocumentElementConverter;
import io.github.flinkcosmos.connector.cosmos.sink.internal.LatestWriteRequestBuffer;
import io.github.flinkcosmos.connector.cosmos.sink.internal.RangeRateLimiting;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.AsyncSinkBase;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Writes a stream's elements as upserts of documents into one Cosmos DB container, at least once:
 * buffered documents are part of every checkpoint and are written again after a restore. Build one
 * with {@link #builder()}.
 *
 * @param <InputT> the type of the stream's elements
 */
@PublicEvolving
public final class CosmosSink<InputT> extends AsyncSinkBase<InputT, CosmosWriteRequest> {

    private static final long serialVersionUID = 1L;

    /** Far beyond any bulk request: the AsyncSink's own request timeout must never fire. */
    private static final long ASYNC_SINK_REQUEST_TIMEOUT_MS = Duration.ofDays(7).toMillis();

    private final DocumentElementConverter<InputT> elementConverter;
    private final CosmosWriterSettings settings;

    CosmosSink(
            DocumentElementConverter<InputT> elementConverter,
            int maxBatchSize,
            int maxInFlightRequests,
            int maxBufferedRequests,
            long maxBatchSizeInBytes,
            long maxTimeInBufferMS,
            long maxRecordSizeInBytes,
            CosmosWriterSettings settings) {
        super(
                elementConverter,
                maxBatchSize,
                maxInFlightRequests,
                maxBufferedRequests,
                maxBatchSizeInBytes,
                maxTimeInBufferMS,
                maxRecordSizeInBytes,
                // The writer times bulk requests out itself (cosmos.async.bulk.request-timeout-ms),
                // so that a timed-out batch is backed off, counted and cancelled; the AsyncSink's
                // own timeout would re-send it at once, forever, beside the late original.
                ASYNC_SINK_REQUEST_TIMEOUT_MS,
                false);
        this.elementConverter = elementConverter;
        this.settings = settings;
    }

    /** A builder for a sink of elements of type {@code InputT}. */
    public static <InputT> CosmosSinkBuilder<InputT> builder() {
        return new CosmosSinkBuilder<>();
    }

    @Override
    public StatefulSinkWriter<InputT, BufferedRequestState<CosmosWriteRequest>> createWriter(
            WriterInitContext context) {
        return restoreWriter(context, List.of());
    }

    @Override
    public StatefulSinkWriter<InputT, BufferedRequestState<CosmosWriteRequest>> restoreWriter(
            WriterInitContext context,
            Collection<BufferedRequestState<CosmosWriteRequest>> recoveredState) {
        // One per writer: the buffer holds each partition-key range's in-flight limits.
        LatestWriteRequestBuffer buffer =
                new LatestWriteRequestBuffer(
                        getMaxBatchSize(), getMaxBatchSizeInBytes(), getMaxInFlightRequests());
        return new CosmosSinkWriter<>(
                elementConverter,
                context,
                writerConfiguration(new RangeRateLimiting(buffer, getMaxBatchSize())),
                recoveredState,
                settings,
                buffer);
    }

    private AsyncSinkWriterConfiguration writerConfiguration(RangeRateLimiting rateLimiting) {
        return AsyncSinkWriterConfiguration.builder()
                .setMaxBatchSize(getMaxBatchSize())
                .setMaxBatchSizeInBytes(getMaxBatchSizeInBytes())
                .setMaxInFlightRequests(getMaxInFlightRequests())
                .setMaxBufferedRequests(getMaxBufferedRequests())
                .setMaxTimeInBufferMS(getMaxTimeInBufferMS())
                .setMaxRecordSizeInBytes(getMaxRecordSizeInBytes())
                .setRequestTimeoutMS(getRequestTimeoutMS())
                .setFailOnTimeout(getFailOnTimeout())
                .setRateLimitingStrategy(rateLimiting)
                .build();
    }

    @Override
    public SimpleVersionedSerializer<BufferedRequestState<CosmosWriteRequest>>
            getWriterStateSerializer() {
        return new CosmosWriteRequestStateSerializer();
    }
}
