package io.github.flinkcosmos.connector.cosmos.sink.internal;

import org.apache.flink.annotation.Internal;
import org.apache.flink.connector.base.sink.writer.strategy.RateLimitingStrategy;
import org.apache.flink.connector.base.sink.writer.strategy.RequestInfo;
import org.apache.flink.connector.base.sink.writer.strategy.ResultInfo;

/**
 * The AsyncSink's rate limiting, left to the buffer's ranges ({@link WriteLane}): each range holds
 * its own bulk requests and in-flight operations to its limits, so the AsyncSink itself never
 * blocks a batch, which would make every range wait for the busiest one. When no range may take a
 * batch, the buffer is empty to the AsyncSink, which then has nothing to send. The batch size it
 * suggests is a full batch, or a single write when the buffer asks to send at once ({@link
 * LatestWriteRequestBuffer#flushesNow()}), so that the AsyncSink's "flush while a full batch is
 * buffered" goes on until every range has sent what it can.
 */
@Internal
public final class RangeRateLimiting implements RateLimitingStrategy {

    private final LatestWriteRequestBuffer buffer;
    private final int maxBatchSize;

    public RangeRateLimiting(LatestWriteRequestBuffer buffer, int maxBatchSize) {
        this.buffer = buffer;
        this.maxBatchSize = maxBatchSize;
    }

    @Override
    public void registerInFlightRequest(RequestInfo request) {}

    @Override
    public void registerCompletedRequest(ResultInfo result) {}

    @Override
    public boolean shouldBlock(RequestInfo request) {
        return false;
    }

    @Override
    public int getMaxBatchSize() {
        return buffer.flushesNow() ? 1 : maxBatchSize;
    }
}
