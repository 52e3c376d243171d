package io.github.flinkcosmos.connector.cosmos.sink.internal;

import org.apache.flink.connector.base.sink.writer.strategy.RequestInfo;
import org.apache.flink.connector.base.sink.writer.strategy.ResultInfo;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ThrottleAwareRateLimitingTest {

    private final ThrottleAwareRateLimiting limiting = new ThrottleAwareRateLimiting(4, 500);

    @Test
    void halvesTheLimitAfterAThrottledBatchAndGrowsItBackByTen() {
        assertThat(limiting.inFlightLimit()).isEqualTo(500);

        limiting.throttled();
        complete(500, 100);
        assertThat(limiting.inFlightLimit()).isEqualTo(250);
        assertThat(limiting.getMaxBatchSize()).isEqualTo(250);

        complete(250, 0);
        assertThat(limiting.inFlightLimit()).isEqualTo(260);
    }

    /** A retry that is not throttling, such as a 503 or a patch fallback, is no congestion. */
    @Test
    void otherRetriesLeaveTheLimitAlone() {
        complete(500, 500);

        assertThat(limiting.inFlightLimit()).isEqualTo(510);
    }

    @Test
    void eachThrottledBatchHalvesTheLimitOnce() {
        limiting.throttled();
        limiting.throttled();
        complete(500, 0);
        complete(500, 0);
        complete(500, 0);

        assertThat(limiting.inFlightLimit()).isEqualTo(135);
    }

    @Test
    void blocksABatchBeyondTheLimit() {
        limiting.throttled();
        complete(500, 0);
        RequestInfo batch = () -> 200;
        limiting.registerInFlightRequest(batch);

        assertThat(limiting.shouldBlock(() -> 100)).isTrue();
        assertThat(limiting.shouldBlock(() -> 50)).isFalse();
    }

    private void complete(int batchSize, int failed) {
        limiting.registerInFlightRequest(() -> batchSize);
        limiting.registerCompletedRequest(
                new ResultInfo() {
                    @Override
                    public int getFailedMessages() {
                        return failed;
                    }

                    @Override
                    public int getBatchSize() {
                        return batchSize;
                    }
                });
    }
}
