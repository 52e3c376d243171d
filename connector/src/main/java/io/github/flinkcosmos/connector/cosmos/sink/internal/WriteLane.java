package io.github.flinkcosmos.connector.cosmos.sink.internal;

import io.github.flinkcosmos.connector.cosmos.sink.CosmosWriteRequest.DocumentKey;
import org.apache.flink.annotation.Internal;
import org.apache.flink.connector.base.sink.writer.strategy.AIMDScalingStrategy;

import java.util.ArrayDeque;

/**
 * The buffered and in-flight writes to one partition-key range of the container, with the range's
 * own limits: at most {@code sink.requests.max-inflight} bulk requests at once, and at most as many
 * operations as its AIMD limit allows. The limit starts at {@code sink.batch.max-size}, halves
 * after a bulk request in which the range throttled an operation (429 after the Cosmos DB client's
 * own retries) and grows by 10 after one that did not, up to {@code sink.batch.max-size} × {@code
 * sink.requests.max-inflight}. It halves once per throttling episode, as TCP's congestion control
 * does once per window: requests that were in flight when it halved met the same episode, and their
 * throttling says nothing the halving did not already act on; halving again for each would divide
 * the limit by 16 for one episode met by four requests. A hot range that throttles so slows down
 * only itself: its writes wait in the buffer while the other ranges' go on. Used on the task's
 * mailbox thread only.
 */
@Internal
public final class WriteLane {

    /** The range's buffered documents, in the order their first write arrived. */
    final ArrayDeque<DocumentKey> order = new ArrayDeque<>();

    private final int maxBatches;
    private final AIMDScalingStrategy scaling;
    private int limit;

    /** How many times the limit has halved: a request sent before the last halving is older. */
    private int reductions;

    private int inFlightOperations;
    private int inFlightBatches;
    private int heldBack;
    private int buffered;
    private long sendableBytes;

    WriteLane(int maxBatchSize, int maxBatches) {
        this.maxBatches = maxBatches;
        this.limit = maxBatchSize;
        this.scaling = AIMDScalingStrategy.builder(maxBatchSize * maxBatches).build();
    }

    /** Whether the range may take another bulk request now. */
    boolean open() {
        return inFlightBatches < maxBatches && inFlightOperations < limit;
    }

    /** How many of its writes could be sent now: none while it is closed. */
    int ready() {
        return open() ? Math.min(sendable(), room()) : 0;
    }

    /** Its buffered writes whose document is not in flight. */
    private int sendable() {
        return buffered - heldBack;
    }

    /** The bytes of the writes that are not held back, when the range is open. */
    long readyBytes() {
        return open() ? sendableBytes : 0;
    }

    /**
     * Whether a batch to this range cannot grow any more: it would carry {@code maxBatchSize}
     * writes or {@code maxBytes}, or all that the range's in-flight limit allows.
     */
    boolean full(int maxBatchSize, long maxBytes) {
        if (!open()) {
            return false;
        }
        return sendable() >= Math.min(maxBatchSize, room()) || sendableBytes >= maxBytes;
    }

    /** How many operations the next batch may carry. */
    int room() {
        return limit - inFlightOperations;
    }

    int limit() {
        return limit;
    }

    void buffered(long bytes, boolean isHeldBack) {
        buffered++;
        if (isHeldBack) {
            heldBack++;
        } else {
            sendableBytes += bytes;
        }
    }

    void unbuffered(long bytes, boolean isHeldBack) {
        buffered--;
        if (isHeldBack) {
            heldBack--;
        } else {
            sendableBytes -= bytes;
        }
    }

    /** A buffered write's document is no longer in flight: the write may be sent. */
    void releasedHeldBack(long bytes) {
        heldBack--;
        sendableBytes += bytes;
    }

    /** The next bulk request to the range, whose writes are then counted in by {@link #sent}. */
    Batch nextBatch() {
        return new Batch(this, reductions);
    }

    /** A bulk request of {@code operations} writes went to the range. */
    void sent(int operations) {
        inFlightOperations += operations;
        inFlightBatches++;
    }

    /** An operation of this range is done, or came back to the buffer for a retry. */
    void operationDone() {
        inFlightOperations--;
    }

    /**
     * A bulk request to this range ended. Its operations leave the count one by one ({@link
     * #operationDone}), since retried ones only leave when they are back in the buffer.
     */
    void batchEnded(Batch batch, boolean throttled) {
        inFlightBatches--;
        if (!throttled) {
            limit = scaling.scaleUp(limit);
        } else if (batch.reductionsWhenSent() == reductions) {
            limit = scaling.scaleDown(limit);
            reductions++;
        }
    }

    /** A bulk request in flight to a range, and how many times the range's limit had halved. */
    public record Batch(WriteLane lane, int reductionsWhenSent) {}
}
