package io.github.flinkcosmos.connector.cosmos.client;

import com.azure.cosmos.BridgeInternal;
import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.implementation.feedranges.FeedRangeEpkImpl;
import com.azure.cosmos.implementation.routing.PartitionKeyInternalHelper;
import com.azure.cosmos.models.FeedRange;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.PartitionKeyDefinition;
import org.apache.flink.annotation.Internal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Which of a container's partition-key ranges (physical partitions) holds a partition-key value, so
 * that the writer can keep the writes of one range from holding up the others.
 *
 * <p>The SDK routes every operation itself; this map only groups the writer's work. It uses the
 * SDK's own effective-partition-key hash and the SDK's own feed ranges, which are internal classes
 * of azure-cosmos: the same computation that routes the operations, so the two cannot disagree. If
 * a later SDK drops them, or the ranges cannot be read, the map has one range for the whole
 * container, which is how the writer worked before it knew of ranges. A map is read when a writer
 * starts; ranges that split later share their parent's place in it until the writer restarts.
 */
@Internal
public final class PartitionKeyRanges {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionKeyRanges.class);

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static final PartitionKeyRanges WHOLE_CONTAINER =
            new PartitionKeyRanges(new String[] {""}, null);

    /** Each range's lowest effective key, ascending; the first is always the empty key. */
    private final String[] lowestKeys;

    private final PartitionKeyDefinition definition;

    private PartitionKeyRanges(String[] lowestKeys, PartitionKeyDefinition definition) {
        this.lowestKeys = lowestKeys;
        this.definition = definition;
    }

    /** One range for the whole container. */
    public static PartitionKeyRanges wholeContainer() {
        return WHOLE_CONTAINER;
    }

    /**
     * The container's ranges as the SDK reads them now; one range for the whole container when they
     * cannot be read, with a warning that says why.
     */
    public static PartitionKeyRanges read(
            CosmosAsyncContainer container, PartitionKeyDefinition definition) {
        try {
            List<FeedRange> ranges = container.getFeedRanges().block(TIMEOUT);
            String[] lowest =
                    ranges.stream()
                            .map(range -> ((FeedRangeEpkImpl) range).getRange().getMin())
                            .sorted()
                            .toArray(String[]::new);
            if (lowest.length <= 1) {
                return WHOLE_CONTAINER;
            }
            PartitionKeyRanges map = new PartitionKeyRanges(lowest, definition);
            // Fails here, not on the first row, if the SDK's hash has moved.
            map.rangeOf(new PartitionKey("probe"));
            return map;
        } catch (RuntimeException | LinkageError e) {
            LOG.warn(
                    "Cannot read the partition-key ranges of {} ({}); the sink writes to it as to"
                            + " one range, so a throttled range can slow the writes to the others.",
                    container.getId(),
                    e.toString());
            return WHOLE_CONTAINER;
        }
    }

    /** How many ranges the map has. */
    public int count() {
        return lowestKeys.length;
    }

    /** The index, from 0 to {@link #count()} - 1, of the range that holds this value. */
    public int rangeOf(PartitionKey partitionKey) {
        if (lowestKeys.length == 1) {
            return 0;
        }
        String effectiveKey =
                PartitionKeyInternalHelper.getEffectivePartitionKeyString(
                        BridgeInternal.getPartitionKeyInternal(partitionKey), definition);
        int found = Arrays.binarySearch(lowestKeys, effectiveKey);
        // Not a range's lowest key: the range below the insertion point holds it.
        return found >= 0 ? found : -found - 2;
    }
}
