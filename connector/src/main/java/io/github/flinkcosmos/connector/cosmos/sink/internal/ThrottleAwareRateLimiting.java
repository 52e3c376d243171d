package io.github.flinkcosmos.connector.cosmos.sink.internal;

import org.apache.flink.annotation.Internal;
import org.apache.flink.connector.base.sink.writer.strategy.AIMDScalingStrategy;
import org.apache.flink.connector.base.sink.writer.strategy.CongestionControlRateLimitingStrategy;
import org.apache.flink.connector.base.sink.writer.strategy.RateLimitingStrategy;
import org.apache.flink.connector.base.sink.writer.strategy.RequestInfo;
import org.apache.flink.connector.base.sink.writer.strategy.ResultInfo;
import org.apache.flink.connector.base.sink.writer.strategy.ScalingStrategy;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The AsyncSink's own congestion control (AIMD on the operations in flight, as the AsyncSink sets
 * it up by default and flink-connector-aws's sinks do), told by the writer which batches met
 * throttling: the limit halves after a batch that had an operation answered 429 and grows by 10
 * operations after one that did not. The AsyncSink on its own would halve it after any batch with a
 * retry, such as a patch of a missing document turned into a create; throttling is the signal that
 * the container has no room for more.
 *
 * <p>The AsyncSink reports completed batches on the task thread, in its own order; the writer
 * reports throttled ones from the client's threads. Each report halves the limit once, at the next
 * completed batch.
 */
@Internal
public final class ThrottleAwareRateLimiting implements RateLimitingStrategy {

    private final RateLimitingStrategy congestionControl;
    private final AtomicInteger throttledBatches = new AtomicInteger();
    private volatile int inFlightLimit;

    /**
     * @param maxInFlightRequests the AsyncSink's {@code maxInFlightRequests}
     * @param maxBatchSize the AsyncSink's {@code maxBatchSize}, also the starting limit
     */
    public ThrottleAwareRateLimiting(int maxInFlightRequests, int maxBatchSize) {
        this.inFlightLimit = maxBatchSize;
        ScalingStrategy<Integer> aimd =
                AIMDScalingStrategy.builder(maxBatchSize * maxInFlightRequests).build();
        this.congestionControl =
                CongestionControlRateLimitingStrategy.builder()
                        .setMaxInFlightRequests(maxInFlightRequests)
                        .setInitialMaxInFlightMessages(maxBatchSize)
                        .setScalingStrategy(new ObservedScaling(aimd))
                        .build();
    }

    /** A batch had operations answered 429 (after the client's own retries). */
    public void throttled() {
        throttledBatches.incrementAndGet();
    }

    /** How many operations may be in flight now; the {@code inFlightOperationsLimit} gauge. */
    public int inFlightLimit() {
        return inFlightLimit;
    }

    @Override
    public void registerInFlightRequest(RequestInfo request) {
        congestionControl.registerInFlightRequest(request);
    }

    @Override
    public void registerCompletedRequest(ResultInfo result) {
        boolean throttled = throttledBatches.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        int batchSize = result.getBatchSize();
        congestionControl.registerCompletedRequest(
                new ResultInfo() {
                    @Override
                    public int getFailedMessages() {
                        return throttled ? Math.max(1, batchSize) : 0;
                    }

                    @Override
                    public int getBatchSize() {
                        return batchSize;
                    }
                });
    }

    @Override
    public boolean shouldBlock(RequestInfo request) {
        return congestionControl.shouldBlock(request);
    }

    @Override
    public int getMaxBatchSize() {
        return congestionControl.getMaxBatchSize();
    }

    /** Remembers each new limit, which the congestion control keeps to itself. */
    private final class ObservedScaling implements ScalingStrategy<Integer> {

        private final ScalingStrategy<Integer> scaling;

        ObservedScaling(ScalingStrategy<Integer> scaling) {
            this.scaling = scaling;
        }

        @Override
        public Integer scaleUp(Integer current) {
            inFlightLimit = scaling.scaleUp(current);
            return inFlightLimit;
        }

        @Override
        public Integer scaleDown(Integer current) {
            inFlightLimit = scaling.scaleDown(current);
            return inFlightLimit;
        }
    }
}
