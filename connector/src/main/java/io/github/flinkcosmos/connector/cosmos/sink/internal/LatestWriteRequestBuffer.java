package io.github.flinkcosmos.connector.cosmos.sink.internal;

import io.github.flinkcosmos.connector.cosmos.sink.CosmosWriteRequest;
import io.github.flinkcosmos.connector.cosmos.sink.CosmosWriteRequest.DocumentKey;
import org.apache.flink.annotation.Internal;
import org.apache.flink.connector.base.sink.writer.RequestBuffer;
import org.apache.flink.connector.base.sink.writer.RequestEntryWrapper;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The writer's buffer, keeping the last write of each document and never handing out a document
 * that is already being written. Together these make the last changelog row of a document the one
 * that ends up in Cosmos DB, even when some writes of a batch are retried:
 *
 * <ul>
 *   <li>A new row for a buffered document replaces the buffered one, in its place.
 *   <li>A document whose write is in flight stays in the buffer, not eligible for a batch, until
 *       that write is done ({@link #release}) or comes back for a retry.
 *   <li>A retried write coming back finds any newer row for its document already buffered; the
 *       newer row wins and the retried one is discarded.
 * </ul>
 *
 * <p>Versioned writes ({@code cosmos.write.version-column}) meet by version instead of arrival: of
 * two rows of one document the one with the greater version stays, the first of equal ones, and the
 * other counts as stale ({@link #staleCount()}), since a late row must not win.
 *
 * <p>{@link #size()}, {@link #isEmpty()} and {@link #totalSizeInBytes()} count every write, held
 * back or not, so the AsyncSink's flush timer and checkpoints see them all. When only held-back
 * writes remain, {@link NonConflictingBatchCreator} waits for a release instead of returning an
 * empty batch, on which the AsyncSink's flush loops would spin. Used on the task's mailbox thread
 * only.
 */
@Internal
public final class LatestWriteRequestBuffer implements RequestBuffer<CosmosWriteRequest> {

    private final Map<DocumentKey, RequestEntryWrapper<CosmosWriteRequest>> entries =
            new HashMap<>();
    private final ArrayDeque<DocumentKey> order = new ArrayDeque<>();
    private final Set<DocumentKey> inFlight = new HashSet<>();
    private long totalBytes;
    private int blockedCount;
    private long blockedBytes;
    private long collapsed;
    private long superseded;
    private long stale;

    @Override
    public void add(RequestEntryWrapper<CosmosWriteRequest> entry, boolean prioritize) {
        DocumentKey key = entry.getRequestEntry().key();
        if (prioritize) {
            // A write coming back from a batch: its document is no longer in flight.
            release(key);
            RequestEntryWrapper<CosmosWriteRequest> buffered = entries.get(key);
            if (buffered != null) {
                if (!versioned(entry, buffered)) {
                    superseded++;
                } else if (newer(entry, buffered)) {
                    // A late row arrived while the newer write was in flight: it stays in its
                    // place.
                    stale++;
                    remove(key, buffered);
                    put(key, entry);
                } else {
                    stale++;
                }
                return;
            }
            order.addFirst(key);
            put(key, entry);
            return;
        }
        RequestEntryWrapper<CosmosWriteRequest> previous = entries.get(key);
        if (previous != null && versioned(entry, previous) && !newer(entry, previous)) {
            stale++;
            return;
        }
        if (previous != null) {
            collapsed++;
            remove(key, previous);
        } else {
            order.addLast(key);
        }
        put(key, entry);
    }

    /**
     * Takes up to {@code maxCount} eligible writes, in buffer order, within {@code maxBytes} (at
     * least one write, however big), and marks their documents in flight.
     */
    public List<RequestEntryWrapper<CosmosWriteRequest>> takeBatch(int maxCount, long maxBytes) {
        List<RequestEntryWrapper<CosmosWriteRequest>> batch = new ArrayList<>();
        long bytes = 0;
        for (Iterator<DocumentKey> keys = order.iterator();
                keys.hasNext() && batch.size() < maxCount; ) {
            DocumentKey key = keys.next();
            if (inFlight.contains(key)) {
                continue;
            }
            RequestEntryWrapper<CosmosWriteRequest> entry = entries.get(key);
            if (!batch.isEmpty() && bytes + entry.getSize() > maxBytes) {
                break;
            }
            keys.remove();
            remove(key, entry);
            inFlight.add(key);
            batch.add(entry);
            bytes += entry.getSize();
        }
        return batch;
    }

    /** The write of this document is done; a buffered newer row for it becomes eligible. */
    public void release(DocumentKey key) {
        if (inFlight.remove(key)) {
            RequestEntryWrapper<CosmosWriteRequest> waiting = entries.get(key);
            if (waiting != null) {
                blockedCount--;
                blockedBytes -= waiting.getSize();
            }
        }
    }

    private void put(DocumentKey key, RequestEntryWrapper<CosmosWriteRequest> entry) {
        entries.put(key, entry);
        totalBytes += entry.getSize();
        if (inFlight.contains(key)) {
            blockedCount++;
            blockedBytes += entry.getSize();
        }
    }

    private void remove(DocumentKey key, RequestEntryWrapper<CosmosWriteRequest> entry) {
        entries.remove(key);
        totalBytes -= entry.getSize();
        if (inFlight.contains(key)) {
            blockedCount--;
            blockedBytes -= entry.getSize();
        }
    }

    @Override
    public RequestEntryWrapper<CosmosWriteRequest> poll() {
        List<RequestEntryWrapper<CosmosWriteRequest>> first = takeBatch(1, Long.MAX_VALUE);
        return first.isEmpty() ? null : first.get(0);
    }

    @Override
    public RequestEntryWrapper<CosmosWriteRequest> peek() {
        for (DocumentKey key : order) {
            if (!inFlight.contains(key)) {
                return entries.get(key);
            }
        }
        return null;
    }

    @Override
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public int size() {
        return entries.size();
    }

    @Override
    public long totalSizeInBytes() {
        return totalBytes;
    }

    /** Whether writes are buffered but all of them wait for their document's write in flight. */
    public boolean onlyHeldBack() {
        return !entries.isEmpty() && blockedCount == entries.size();
    }

    @Override
    public Collection<RequestEntryWrapper<CosmosWriteRequest>> getBufferedState() {
        List<RequestEntryWrapper<CosmosWriteRequest>> state = new ArrayList<>(entries.size());
        order.forEach(key -> state.add(entries.get(key)));
        return state;
    }

    private static boolean versioned(
            RequestEntryWrapper<CosmosWriteRequest> one,
            RequestEntryWrapper<CosmosWriteRequest> other) {
        return one.getRequestEntry().isVersioned() && other.getRequestEntry().isVersioned();
    }

    /** Whether the first write's version is greater than the second's. */
    private static boolean newer(
            RequestEntryWrapper<CosmosWriteRequest> one,
            RequestEntryWrapper<CosmosWriteRequest> other) {
        return one.getRequestEntry().version().compareTo(other.getRequestEntry().version()) > 0;
    }

    /** Versioned rows left out because a row of their document with a greater version met them. */
    public long staleCount() {
        return stale;
    }

    /** Rows replaced by a newer row of their document before being written. */
    public long collapsedCount() {
        return collapsed;
    }

    /** Retried writes discarded because a newer row of their document was waiting. */
    public long supersededCount() {
        return superseded;
    }
}
