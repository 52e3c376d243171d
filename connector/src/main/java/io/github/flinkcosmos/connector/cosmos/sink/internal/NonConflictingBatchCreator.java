package io.github.flinkcosmos.connector.cosmos.sink.internal;

import io.github.flinkcosmos.connector.cosmos.sink.CosmosWriteRequest;
import org.apache.flink.annotation.Internal;
import org.apache.flink.connector.base.sink.writer.Batch;
import org.apache.flink.connector.base.sink.writer.BatchCreator;
import org.apache.flink.connector.base.sink.writer.RequestBuffer;
import org.apache.flink.connector.base.sink.writer.RequestEntryWrapper;
import org.apache.flink.connector.base.sink.writer.strategy.RequestInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes batches of one partition-key range each, only of documents that are not being written
 * already, so two writes of one document are never in flight at once and cannot land out of order
 * ({@link LatestWriteRequestBuffer}). The size is the buffer's to decide, up to {@code
 * sink.batch.max-size} and the range's in-flight limit; the AsyncSink's own suggestion is a single
 * write when the buffer asks it to send at once ({@link RangeRateLimiting}).
 */
@Internal
public final class NonConflictingBatchCreator implements BatchCreator<CosmosWriteRequest> {

    private final int maxBatchSize;
    private final long maxBatchSizeInBytes;

    public NonConflictingBatchCreator(int maxBatchSize, long maxBatchSizeInBytes) {
        this.maxBatchSize = maxBatchSize;
        this.maxBatchSizeInBytes = maxBatchSizeInBytes;
    }

    @Override
    public Batch<CosmosWriteRequest> createNextBatch(
            RequestInfo requestInfo, RequestBuffer<CosmosWriteRequest> buffer) {
        List<RequestEntryWrapper<CosmosWriteRequest>> taken =
                ((LatestWriteRequestBuffer) buffer).takeBatch(maxBatchSize, maxBatchSizeInBytes);
        List<CosmosWriteRequest> requests = new ArrayList<>(taken.size());
        long bytes = 0;
        for (RequestEntryWrapper<CosmosWriteRequest> entry : taken) {
            requests.add(entry.getRequestEntry());
            bytes += entry.getSize();
        }
        return new Batch<>(requests, bytes);
    }
}
