package io.github.flinkcosmos.embedded.partitions;

import java.util.List;

/**
 * The effective partition keys one physical partition serves, {@code [minInclusive, maxExclusive)},
 * as the {@code pkranges} feed reports them.
 *
 * @param parents the ranges this one was split from, oldest first; empty for an original range
 */
public record PartitionKeyRange(
        String id, String minInclusive, String maxExclusive, List<String> parents) {

    public PartitionKeyRange {
        parents = List.copyOf(parents);
    }

    /**
     * Whether the effective key falls in this range; hex strings compare as the SDK compares them.
     */
    public boolean contains(String effectivePartitionKey) {
        return effectivePartitionKey.compareTo(minInclusive) >= 0
                && effectivePartitionKey.compareTo(maxExclusive) < 0;
    }
}
