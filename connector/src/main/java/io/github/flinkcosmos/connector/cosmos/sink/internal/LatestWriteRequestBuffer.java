package io.github.flinkcosmos.connector.cosmos.sink.internal;

import io.github.flinkcosmos.connector.cosmos.sink.CosmosWriteRequest;
import io.github.flinkcosmos.connector.cosmos.sink.CosmosWriteRequest.DocumentKey;
import org.apache.flink.annotation.Internal;
import org.apache.flink.connector.base.sink.writer.RequestBuffer;
import org.apache.flink.connector.base.sink.writer.RequestEntryWrapper;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * The writer's buffer, keeping the last write of each document, never handing out a document that
 * is already being written, and sorting the writes by the partition-key range that holds them.
 * Together these make the last changelog row of a document the one that ends up in Cosmos DB, even
 * when some writes of a batch are retried, and keep a throttled range from holding up the others:
 *
 * <ul>
 *   <li>A new row for a buffered document replaces the buffered one, in its place.
 *   <li>A document whose write is in flight stays in the buffer, not eligible for a batch, until
 *       that write is done ({@link #release}) or comes back for a retry.
 *   <li>A retried write coming back finds any newer row for its document already buffered; the
 *       newer row wins and the retried one is discarded.
 *   <li>A batch holds the writes of one range ({@link WriteLane}), so that its bulk request ends as
 *       soon as that range has answered, and the ranges that may take a batch take turns; a range
 *       that throttles keeps its writes here without closing the other ranges' way.
 * </ul>
 *
 * <p>Versioned writes ({@code cosmos.write.version-column}) meet by version instead of arrival: of
 * two rows of one document the one with the greater version stays, the first of equal ones, and the
 * other counts as stale ({@link #staleCount()}), since a late row must not win.
 *
 * <p>What the AsyncSink sees is the next batch, as if each range had a buffer of its own but the
 * rows of all of them counted towards a full one: {@link #size()} and {@link #totalSizeInBytes()}
 * are those of a range's batch that cannot grow ({@code sink.batch.max-size}, the flush size, or
 * all its in-flight limit allows), else those of every write that a range could take now, so that
 * rows wait no longer for a batch across eight ranges than for one of a single buffer. A batch
 * taken before it is full (the flush timer, or the rows of all ranges making a full batch) starts a
 * round ({@link #flushesNow()}) in which every range sends what it can take, each in a bulk request
 * of its own. {@link #isEmpty()} says that no range could take a write now: the AsyncSink flushes
 * "while not empty", on its flush timer too, and waits on the task thread until it is, so counting
 * the writes that wait for their range or their document would stall the task, and with it every
 * other range, until the slowest range drained. The waiting writes are still in the buffer: in
 * {@link #getBufferedState()}, and in {@link #bufferedCount()}, which the writer holds to {@code
 * sink.requests.max-buffered}. A write that could not be sent before and now can is sent at the
 * next chance too, without waiting for a full batch or a timer. Used on the task's mailbox thread
 * only.
 */
@Internal
public final class LatestWriteRequestBuffer implements RequestBuffer<CosmosWriteRequest> {

    private final int maxBatchSize;
    private final long maxBatchBytes;
    private final int maxBatchesPerRange;
    private final Map<DocumentKey, Buffered> entries = new HashMap<>();
    private final Map<DocumentKey, WriteLane.Batch> inFlight = new HashMap<>();
    private List<WriteLane> lanes;
    private int nextStart;
    private ToIntFunction<CosmosWriteRequest> rangeOf = request -> 0;
    private long totalBytes;
    private boolean flushNow;
    private long collapsed;
    private long superseded;
    private long stale;

    private record Buffered(RequestEntryWrapper<CosmosWriteRequest> entry, WriteLane lane) {}

    /**
     * @param maxBatchSize {@code sink.batch.max-size}, a range's first in-flight limit
     * @param maxBatchBytes {@code sink.flush-buffer.size}: a batch this big is full
     * @param maxBatchesPerRange {@code sink.requests.max-inflight}: bulk requests per range
     */
    public LatestWriteRequestBuffer(int maxBatchSize, long maxBatchBytes, int maxBatchesPerRange) {
        this.maxBatchSize = maxBatchSize;
        this.maxBatchBytes = maxBatchBytes;
        this.maxBatchesPerRange = maxBatchesPerRange;
        this.lanes = List.of(new WriteLane(maxBatchSize, maxBatchesPerRange));
    }

    /**
     * Sorts the writes, buffered and to come, into {@code count} ranges. Writes in flight stay with
     * the range they were sent to until they are done.
     *
     * @param rangeOf the index, from 0 to {@code count} - 1, of the range that holds a write
     */
    public void useRanges(int count, ToIntFunction<CosmosWriteRequest> rangeOf) {
        List<WriteLane> previous = lanes;
        List<WriteLane> next = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            next.add(new WriteLane(maxBatchSize, maxBatchesPerRange));
        }
        this.lanes = List.copyOf(next);
        this.rangeOf = rangeOf;
        for (WriteLane lane : previous) {
            for (DocumentKey key : lane.order) {
                Buffered buffered = entries.get(key);
                WriteLane moved = laneFor(buffered.entry());
                moved.order.addLast(key);
                moved.buffered(buffered.entry().getSize(), inFlight.containsKey(key));
                entries.put(key, new Buffered(buffered.entry(), moved));
            }
        }
    }

    @Override
    public void add(RequestEntryWrapper<CosmosWriteRequest> entry, boolean prioritize) {
        DocumentKey key = entry.getRequestEntry().key();
        if (prioritize) {
            // A write coming back from a batch: its document is no longer in flight.
            release(key);
            Buffered buffered = entries.get(key);
            if (buffered != null) {
                if (!versioned(entry, buffered.entry())) {
                    superseded++;
                } else if (newer(entry, buffered.entry())) {
                    // A late row arrived while the newer write was in flight: it stays in its
                    // place.
                    stale++;
                    replace(key, buffered, entry);
                } else {
                    stale++;
                }
                return;
            }
            WriteLane lane = laneFor(entry);
            lane.order.addFirst(key);
            put(key, entry, lane);
            flushNow = true;
            return;
        }
        Buffered previous = entries.get(key);
        if (previous != null
                && versioned(entry, previous.entry())
                && !newer(entry, previous.entry())) {
            stale++;
            return;
        }
        if (previous != null) {
            collapsed++;
            replace(key, previous, entry);
        } else {
            WriteLane lane = laneFor(entry);
            lane.order.addLast(key);
            put(key, entry, lane);
        }
    }

    /**
     * Takes up to {@code maxCount} eligible writes of one range, within the range's in-flight limit
     * and {@code maxBytes} (at least one write, however big), and marks their documents in flight.
     * The ranges that may take a batch take turns; none is taken when no write could be sent now
     * ({@link #isEmpty()}). A batch that is not full starts a round in which every range sends what
     * it can ({@link #flushesNow()}).
     */
    public List<RequestEntryWrapper<CosmosWriteRequest>> takeBatch(int maxCount, long maxBytes) {
        WriteLane lane = nextLane();
        List<RequestEntryWrapper<CosmosWriteRequest>> batch = new ArrayList<>();
        if (lane == null) {
            return batch;
        }
        if (!lane.full(maxBatchSize, maxBatchBytes)) {
            flushNow = true;
        }
        WriteLane.Batch sent = lane.nextBatch();
        int count = Math.min(maxCount, lane.room());
        long bytes = 0;
        for (Iterator<DocumentKey> keys = lane.order.iterator();
                keys.hasNext() && batch.size() < count; ) {
            DocumentKey key = keys.next();
            if (inFlight.containsKey(key)) {
                continue;
            }
            RequestEntryWrapper<CosmosWriteRequest> entry = entries.get(key).entry();
            if (!batch.isEmpty() && bytes + entry.getSize() > maxBytes) {
                break;
            }
            keys.remove();
            remove(key, entries.get(key));
            inFlight.put(key, sent);
            batch.add(entry);
            bytes += entry.getSize();
        }
        lane.sent(batch.size());
        if (isEmpty()) {
            // The round is over: a row arriving now waits for a full batch or the timer again,
            // instead of going out alone.
            flushNow = false;
        }
        return batch;
    }

    /**
     * A range whose batch is full, else any range with a write to send; ranges take turns, from the
     * one after the last one served.
     */
    private WriteLane nextLane() {
        WriteLane lane = nextLane(true);
        return lane != null ? lane : nextLane(false);
    }

    private WriteLane nextLane(boolean fullOnly) {
        int count = lanes.size();
        for (int i = 0; i < count; i++) {
            WriteLane lane = lanes.get((nextStart + i) % count);
            if (lane.ready() > 0 && (!fullOnly || lane.full(maxBatchSize, maxBatchBytes))) {
                nextStart = (nextStart + i + 1) % count;
                return lane;
            }
        }
        return null;
    }

    /** The bulk request a batch of these writes went out in; ask before any of them is done. */
    public WriteLane.Batch batchOf(CosmosWriteRequest sent) {
        WriteLane.Batch batch = inFlight.get(sent.key());
        if (batch == null) {
            throw new IllegalStateException("Not in flight: id '" + sent.id() + "'");
        }
        return batch;
    }

    /**
     * A bulk request to a range ended, throttled or not; its writes that are not done come back
     * through {@link #add} with {@code prioritize}.
     */
    public void batchEnded(WriteLane.Batch batch, boolean throttled) {
        WriteLane lane = batch.lane();
        boolean wasOpen = lane.open();
        lane.batchEnded(batch, throttled);
        if (!wasOpen && lane.ready() > 0) {
            flushNow = true;
        }
    }

    /** The write of this document is done; a buffered newer row for it becomes eligible. */
    public void release(DocumentKey key) {
        WriteLane.Batch sent = inFlight.remove(key);
        if (sent == null) {
            return;
        }
        WriteLane sentTo = sent.lane();
        boolean wasOpen = sentTo.open();
        sentTo.operationDone();
        Buffered waiting = entries.get(key);
        if (waiting != null) {
            waiting.lane().releasedHeldBack(waiting.entry().getSize());
            flushNow |= waiting.lane().ready() > 0;
        }
        flushNow |= !wasOpen && sentTo.ready() > 0;
    }

    /** Asks the AsyncSink to send every write it can at once ({@link #flushesNow()}). */
    public void flushAll() {
        flushNow = true;
    }

    /**
     * Whether every range is to send what it can at once rather than wait for a full batch: in a
     * round that a batch taken before it was full started, when writes that could not be sent
     * before can be now (no flush timer may be waiting for them), or when the buffer is full
     * ({@link #flushAll()}). Cleared once nothing is left to send.
     */
    public boolean flushesNow() {
        if (flushNow && isEmpty()) {
            flushNow = false;
        }
        return flushNow;
    }

    private WriteLane laneFor(RequestEntryWrapper<CosmosWriteRequest> entry) {
        return lanes.size() == 1
                ? lanes.get(0)
                : lanes.get(rangeOf.applyAsInt(entry.getRequestEntry()));
    }

    private void put(
            DocumentKey key, RequestEntryWrapper<CosmosWriteRequest> entry, WriteLane lane) {
        entries.put(key, new Buffered(entry, lane));
        totalBytes += entry.getSize();
        lane.buffered(entry.getSize(), inFlight.containsKey(key));
    }

    private void remove(DocumentKey key, Buffered buffered) {
        entries.remove(key);
        totalBytes -= buffered.entry().getSize();
        buffered.lane().unbuffered(buffered.entry().getSize(), inFlight.containsKey(key));
    }

    /** A newer write of a buffered document takes the older one's place. */
    private void replace(
            DocumentKey key, Buffered previous, RequestEntryWrapper<CosmosWriteRequest> entry) {
        remove(key, previous);
        put(key, entry, previous.lane());
    }

    @Override
    public RequestEntryWrapper<CosmosWriteRequest> poll() {
        List<RequestEntryWrapper<CosmosWriteRequest>> first = takeBatch(1, Long.MAX_VALUE);
        return first.isEmpty() ? null : first.get(0);
    }

    @Override
    public RequestEntryWrapper<CosmosWriteRequest> peek() {
        for (WriteLane lane : lanes) {
            if (lane.ready() == 0) {
                continue;
            }
            for (DocumentKey key : lane.order) {
                if (!inFlight.containsKey(key)) {
                    return entries.get(key).entry();
                }
            }
        }
        return null;
    }

    /** Whether no write could be sent now; writes may still wait for their range or document. */
    @Override
    public boolean isEmpty() {
        for (WriteLane lane : lanes) {
            if (lane.ready() > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code sink.batch.max-size} when a range's batch cannot grow, else how many writes the ranges
     * could take now, up to {@code sink.batch.max-size}.
     */
    @Override
    public int size() {
        int ready = 0;
        for (WriteLane lane : lanes) {
            if (lane.full(maxBatchSize, maxBatchBytes)) {
                return maxBatchSize;
            }
            ready += lane.ready();
        }
        return Math.min(maxBatchSize, ready);
    }

    /** The bytes of the writes that the ranges could take now. */
    @Override
    public long totalSizeInBytes() {
        long ready = 0;
        for (WriteLane lane : lanes) {
            ready += lane.readyBytes();
        }
        return ready;
    }

    /** Every buffered write, sendable or waiting. */
    public int bufferedCount() {
        return entries.size();
    }

    /** The bytes of every buffered write. */
    public long bufferedBytes() {
        return totalBytes;
    }

    /** Whether any write is in flight, whose end will come to the task's mailbox. */
    public boolean hasInFlight() {
        return !inFlight.isEmpty();
    }

    /** The sum of the ranges' in-flight limits; the {@code inFlightOperationsLimit} gauge. */
    public int inFlightLimit() {
        int sum = 0;
        for (WriteLane lane : lanes) {
            sum += lane.limit();
        }
        return sum;
    }

    /** How many ranges the writes are sorted into. */
    public int rangeCount() {
        return lanes.size();
    }

    @Override
    public Collection<RequestEntryWrapper<CosmosWriteRequest>> getBufferedState() {
        List<RequestEntryWrapper<CosmosWriteRequest>> state = new ArrayList<>(entries.size());
        for (WriteLane lane : lanes) {
            lane.order.forEach(key -> state.add(entries.get(key).entry()));
        }
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
