package io.github.flinkcosmos.embedded.partitions;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The partition-key ranges of one container: at first {@code n} ranges cutting the effective-key
 * space evenly, ids {@code "0"} to {@code "n-1"}; a split replaces a range by two children cut at
 * its midpoint, with the next free ids, as the service does. Readers see an immutable snapshot, so
 * a request routes against one consistent layout while another splits.
 */
public final class PartitionLayout {

    /** A range and where it lies on the key space, {@code [low, high)}. */
    private record Entry(PartitionKeyRange range, BigInteger low, BigInteger high) {}

    /** The live ranges sorted by their start, the ids of split ones, and the feed's version. */
    private record Snapshot(List<Entry> live, Set<String> gone, int version, int nextId) {}

    private final KeySpace space;
    private final ConcurrentMap<String, LongAdder> operations = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LongAdder> succeeded = new ConcurrentHashMap<>();
    private volatile Snapshot snapshot;

    private PartitionLayout(KeySpace space, Snapshot snapshot) {
        this.space = space;
        this.snapshot = snapshot;
    }

    /** {@code count} ranges of equal width. */
    public static PartitionLayout even(PartitioningScheme scheme, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("A container has at least 1 range, got " + count);
        }
        KeySpace space = new KeySpace(scheme);
        List<Entry> live = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            BigInteger low =
                    space.end().multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(count));
            BigInteger high =
                    space.end()
                            .multiply(BigInteger.valueOf(i + 1))
                            .divide(BigInteger.valueOf(count));
            live.add(
                    new Entry(
                            new PartitionKeyRange(
                                    Integer.toString(i),
                                    space.boundary(low),
                                    space.boundary(high),
                                    List.of()),
                            low,
                            high));
        }
        return new PartitionLayout(space, new Snapshot(List.copyOf(live), Set.of(), 1, count));
    }

    /** The live ranges, in effective-key order. */
    public List<PartitionKeyRange> ranges() {
        return snapshot.live().stream().map(Entry::range).toList();
    }

    public int size() {
        return snapshot.live().size();
    }

    /** Changes with every split; the {@code pkranges} feed's etag. */
    public String version() {
        return Integer.toString(snapshot.version());
    }

    /** The live range with this id; empty for a split range or an unknown id. */
    public Optional<PartitionKeyRange> live(String id) {
        for (Entry entry : snapshot.live()) {
            if (entry.range().id().equals(id)) {
                return Optional.of(entry.range());
            }
        }
        return Optional.empty();
    }

    /** The live range holding this effective key. */
    public PartitionKeyRange rangeOf(String effectivePartitionKey) {
        List<Entry> live = snapshot.live();
        int low = 0;
        int high = live.size() - 1;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (live.get(middle).range().minInclusive().compareTo(effectivePartitionKey) <= 0) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return live.get(low).range();
    }

    /**
     * Splits the live range into two children at the midpoint of its effective-key interval.
     *
     * @return the two children, lower first
     * @throws IllegalArgumentException if no live range has this id, or it is too narrow to split
     */
    public synchronized List<PartitionKeyRange> split(String id) {
        Snapshot current = snapshot;
        int index = -1;
        for (int i = 0; i < current.live().size(); i++) {
            if (current.live().get(i).range().id().equals(id)) {
                index = i;
            }
        }
        if (index < 0) {
            throw new IllegalArgumentException(
                    "No live partition-key range has id '"
                            + id
                            + "'; the live ones are "
                            + ranges().stream().map(PartitionKeyRange::id).toList());
        }
        Entry parent = current.live().get(index);
        BigInteger middle = parent.low().add(parent.high()).shiftRight(1);
        if (middle.equals(parent.low())) {
            throw new IllegalArgumentException("Range '" + id + "' is too narrow to split.");
        }
        List<String> lineage = new ArrayList<>(parent.range().parents());
        lineage.add(id);
        String boundary = space.boundary(middle);
        Entry lower =
                new Entry(
                        new PartitionKeyRange(
                                Integer.toString(current.nextId()),
                                parent.range().minInclusive(),
                                boundary,
                                lineage),
                        parent.low(),
                        middle);
        Entry upper =
                new Entry(
                        new PartitionKeyRange(
                                Integer.toString(current.nextId() + 1),
                                boundary,
                                parent.range().maxExclusive(),
                                lineage),
                        middle,
                        parent.high());
        List<Entry> live = new ArrayList<>(current.live());
        live.set(index, lower);
        live.add(index + 1, upper);
        Set<String> gone = new HashSet<>(current.gone());
        gone.add(id);
        snapshot =
                new Snapshot(
                        List.copyOf(live),
                        Collections.unmodifiableSet(gone),
                        current.version() + 1,
                        current.nextId() + 2);
        return List.of(lower.range(), upper.range());
    }

    /** Whether this range was split and is no more. */
    public boolean isGone(String id) {
        return snapshot.gone().contains(id);
    }

    /** Counts one document operation served by this range, and whether it succeeded (2xx). */
    public void recordOperation(String rangeId, int statusCode) {
        operations.computeIfAbsent(rangeId, key -> new LongAdder()).increment();
        if (statusCode >= 200 && statusCode < 300) {
            succeeded.computeIfAbsent(rangeId, key -> new LongAdder()).increment();
        }
    }

    /** Document operations each range served, gone ranges included, by range id. */
    public Map<String, Long> operationsByRange() {
        Map<String, Long> counts = new TreeMap<>();
        operations.forEach((id, count) -> counts.put(id, count.sum()));
        return counts;
    }

    /**
     * Document operations each range answered with a 2xx status, gone ranges included, by range id:
     * what a range got done, without the 429s a throttled range also serves.
     */
    public Map<String, Long> succeededByRange() {
        Map<String, Long> counts = new TreeMap<>();
        succeeded.forEach((id, count) -> counts.put(id, count.sum()));
        return counts;
    }
}
