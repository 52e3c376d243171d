package io.github.flinkcosmos.embedded.observability;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Which successful writes repeated one a document had already received, and what they cost: the
 * writes a client replays after a failure, which an exactly-once client would never send. A write
 * repeats when the same document (container, partition key, id) was given the very same body
 * before; a delete repeats when the document is already absent (404). Off unless a test turns it
 * on, since it keeps a digest of every body each document received.
 */
public final class WriteAudit {

    private final ConcurrentMap<String, Set<Long>> bodiesByDocument = new ConcurrentHashMap<>();
    private final LongAdder writes = new LongAdder();
    private final LongAdder repeatedWrites = new LongAdder();
    private final LongAdder deletes = new LongAdder();
    private final LongAdder deletesOfAbsent = new LongAdder();
    private final DoubleAdder requestUnits = new DoubleAdder();
    private final DoubleAdder repeatedRequestUnits = new DoubleAdder();

    /**
     * A write (create, upsert, replace, patch) that succeeded.
     *
     * @param document names the document, unique across containers
     * @param bodyDigest a digest of the body the client sent, without system properties
     */
    public void recordWrite(String document, long bodyDigest, double charge) {
        writes.increment();
        requestUnits.add(charge);
        boolean repeated =
                !bodiesByDocument
                        .computeIfAbsent(document, d -> ConcurrentHashMap.newKeySet())
                        .add(bodyDigest);
        if (repeated) {
            repeatedWrites.increment();
            repeatedRequestUnits.add(charge);
        }
    }

    /** A delete, answered 204 when the document was there and 404 when it was not. */
    public void recordDelete(boolean found, double charge) {
        deletes.increment();
        requestUnits.add(charge);
        if (!found) {
            deletesOfAbsent.increment();
            repeatedRequestUnits.add(charge);
        }
    }

    public Summary summary() {
        return new Summary(
                writes.sum(),
                repeatedWrites.sum(),
                deletes.sum(),
                deletesOfAbsent.sum(),
                requestUnits.sum(),
                repeatedRequestUnits.sum());
    }

    /**
     * The audit's figures.
     *
     * @param requestUnits what the audited writes and deletes cost
     * @param repeatedRequestUnits what the repeated writes and the deletes of absent documents cost
     */
    public record Summary(
            long writes,
            long repeatedWrites,
            long deletes,
            long deletesOfAbsent,
            double requestUnits,
            double repeatedRequestUnits) {}
}
