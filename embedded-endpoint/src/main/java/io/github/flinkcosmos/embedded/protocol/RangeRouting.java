package io.github.flinkcosmos.embedded.protocol;

import io.github.flinkcosmos.embedded.partitions.PartitionKeyRange;
import io.github.flinkcosmos.embedded.store.ContainerResource;

import java.util.Optional;

/**
 * The partition-key range a request names. The SDK names one in {@code
 * x-ms-documentdb-partitionkeyrangeid} for bulk requests and for each per-range page of a
 * cross-partition query, from its routing map; point operations name none and go where their
 * effective key says. A request naming a range that was split, or never existed, gets 410 with
 * sub-status 1002, which makes the SDK refresh its routing map and send again.
 */
final class RangeRouting {

    static final String RANGE_HEADER = "x-ms-documentdb-partitionkeyrangeid";

    private RangeRouting() {}

    /** The range the request names; empty when it names none. */
    static Optional<String> namedRange(GatewayRequest request) {
        // The header may read "<collection rid>,<range id>"; the range id is after the comma.
        return request.header(RANGE_HEADER)
                .map(value -> value.substring(value.indexOf(',') + 1).strip())
                .filter(value -> !value.isEmpty());
    }

    /** The live range the request names, if it names one and that one is live. */
    static Optional<PartitionKeyRange> live(ContainerResource container, String rangeId) {
        return container.partitions().live(rangeId);
    }

    static GatewayResponse gone(ContainerResource container, String rangeId) {
        return GatewayResponse.error(
                410,
                OperationResult.PARTITION_KEY_RANGE_GONE,
                "Partition key range %s of container '%s' is gone: %s."
                        .formatted(
                                rangeId,
                                container.id(),
                                container.partitions().isGone(rangeId)
                                        ? "it was split"
                                        : "no range has that id"));
    }
}
