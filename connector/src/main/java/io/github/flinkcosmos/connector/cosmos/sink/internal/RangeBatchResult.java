package io.github.flinkcosmos.connector.cosmos.sink.internal;

import io.github.flinkcosmos.connector.cosmos.sink.CosmosWriteRequest;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.connector.base.sink.writer.ResultHandler;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The end of one batch, told to its partition-key range ({@link WriteLane}) before the AsyncSink
 * hears it: the range's bulk request is no longer in flight, and its limit halves if the range
 * throttled. Both go through the task's mailbox, in that order, so the AsyncSink's flush after the
 * completion already sees the range open again.
 */
@Internal
public final class RangeBatchResult implements ResultHandler<CosmosWriteRequest> {

    private final ResultHandler<CosmosWriteRequest> result;
    private final LatestWriteRequestBuffer buffer;
    private final WriteLane.Batch batch;
    private final MailboxExecutor mailbox;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean throttled;

    public RangeBatchResult(
            ResultHandler<CosmosWriteRequest> result,
            LatestWriteRequestBuffer buffer,
            WriteLane.Batch batch,
            MailboxExecutor mailbox) {
        this.result = result;
        this.buffer = buffer;
        this.batch = batch;
        this.mailbox = mailbox;
    }

    /** An operation of the batch was answered 429 after the Cosmos DB client's own retries. */
    public void throttled() {
        throttled = true;
    }

    @Override
    public void complete() {
        ended();
        result.complete();
    }

    @Override
    public void completeExceptionally(Exception e) {
        ended();
        result.completeExceptionally(e);
    }

    @Override
    public void retryForEntries(List<CosmosWriteRequest> requestEntriesToRetry) {
        ended();
        result.retryForEntries(requestEntriesToRetry);
    }

    private void ended() {
        if (!ended.compareAndSet(false, true)) {
            return; // The AsyncSink ignores a second end as well.
        }
        boolean wasThrottled = throttled;
        mailbox.execute(() -> buffer.batchEnded(batch, wasThrottled), "end a batch of a range");
    }
}
