package io.github.flinkcosmos.connector.cosmos.sink.internal;

import io.github.flinkcosmos.connector.cosmos.sink.CosmosWriteRequest;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.connector.base.sink.writer.Batch;
import org.apache.flink.connector.base.sink.writer.BatchCreator;
import org.apache.flink.connector.base.sink.writer.RequestBuffer;
import org.apache.flink.connector.base.sink.writer.RequestEntryWrapper;
import org.apache.flink.connector.base.sink.writer.strategy.RequestInfo;
import org.apache.flink.util.FlinkRuntimeException;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes batches only of documents that are not being written already, so two writes of one document
 * are never in flight at once and cannot land out of order. When every buffered write waits for its
 * document, it waits too, on the task's mailbox, where the completions that release documents
 * arrive: the AsyncSink flushes in loops that would spin on an empty batch.
 */
@Internal
public final class NonConflictingBatchCreator implements BatchCreator<CosmosWriteRequest> {

    private final long maxBatchSizeInBytes;
    private final MailboxExecutor mailbox;

    public NonConflictingBatchCreator(long maxBatchSizeInBytes, MailboxExecutor mailbox) {
        this.maxBatchSizeInBytes = maxBatchSizeInBytes;
        this.mailbox = mailbox;
    }

    @Override
    public Batch<CosmosWriteRequest> createNextBatch(
            RequestInfo requestInfo, RequestBuffer<CosmosWriteRequest> buffer) {
        LatestWriteRequestBuffer writes = (LatestWriteRequestBuffer) buffer;
        while (writes.onlyHeldBack()) {
            try {
                // A held-back write means its document's write is in flight; its end is a mail.
                mailbox.yield();
            } catch (InterruptedException e) {
                // The task is being cancelled. An empty batch would not end the wait: the
                // AsyncSink's non-blocking flush loops while the buffer is full, and every later
                // yield fails at once, so the task spun until Flink gave up on it (seen on a
                // failover). Throwing ends the task as cancellation wants.
                Thread.currentThread().interrupt();
                throw new FlinkRuntimeException(
                        "Interrupted while waiting for a document's write in flight", e);
            }
        }
        List<RequestEntryWrapper<CosmosWriteRequest>> taken =
                writes.takeBatch(requestInfo.getBatchSize(), maxBatchSizeInBytes);
        List<CosmosWriteRequest> requests = new ArrayList<>(taken.size());
        long bytes = 0;
        for (RequestEntryWrapper<CosmosWriteRequest> entry : taken) {
            requests.add(entry.getRequestEntry());
            bytes += entry.getSize();
        }
        return new Batch<>(requests, bytes);
    }
}
