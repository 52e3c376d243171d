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
 * arrive: the AsyncSink flushes in loops that would spin on an empty batch. An interrupt (the task
 * is cancelled) ends the wait with an exception, for the same reason.
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
                // Only a cancelled task is interrupted. An empty batch would not end the wait: the
                // AsyncSink asks again at once while writes are buffered, and with the flag set
                // the mailbox throws again before it runs the mail that would release them, so
                // the task spun until the task manager gave up on it.
                Thread.currentThread().interrupt();
                throw new FlinkRuntimeException(
                        "Interrupted while the buffered writes waited for earlier writes of their"
                                + " documents; the task is being cancelled",
                        e);
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
