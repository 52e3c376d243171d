package io.github.flinkcosmos.benchmark;

import io.github.flinkcosmos.embedded.throughput.RequestUnits;
import io.github.flinkcosmos.embedded.throughput.ThroughputBudget;

import java.util.ArrayList;
import java.util.List;

/**
 * The containers of the partitions part: {@value #RANGES} partition-key ranges of {@value
 * #REQUEST_UNITS_PER_RANGE} RU/s each, as the service would give a container of 20,000 RU/s spread
 * over eight physical partitions, and partition-key values chosen by the range that holds them, so
 * that a run's load is even over the ranges (or, for the skew run, uneven by design) instead of
 * however 64 hashes happen to fall.
 */
final class PartitionedContainers {

    static final int RANGES = 8;
    static final double REQUEST_UNITS_PER_RANGE = 2_500;
    static final double REQUEST_UNITS = RANGES * REQUEST_UNITS_PER_RANGE;

    /** The range the skew run makes hot. */
    static final String HOT_RANGE = "0";

    private static final int KEYS_PER_RANGE = 8;

    private final BenchmarkEndpoint endpoint;
    private final List<List<String>> keysByRange;
    private int containers;

    PartitionedContainers(BenchmarkEndpoint endpoint) {
        this.endpoint = endpoint;
        this.keysByRange = endpoint.keysByRange(RANGES, KEYS_PER_RANGE);
    }

    /** A new container with its ranges and its budget. */
    Container create(String purpose) {
        String name = purpose + "-" + ++containers;
        endpoint.createContainer(name, RANGES);
        return new Container(name, endpoint.provision(name, REQUEST_UNITS));
    }

    /** Small documents whose keys take turns over the ranges: each range gets one eighth. */
    BenchmarkDocuments balanced() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < KEYS_PER_RANGE; i++) {
            for (List<String> range : keysByRange) {
                keys.add(range.get(i));
            }
        }
        return BenchmarkDocuments.small(keys);
    }

    /**
     * Small documents of which every other one falls in {@link #HOT_RANGE}; the rest take turns
     * over the seven other ranges.
     */
    BenchmarkDocuments skewed() {
        List<String> hot = keysByRange.get(Integer.parseInt(HOT_RANGE));
        List<String> cold = new ArrayList<>();
        for (int i = 0; i < KEYS_PER_RANGE; i++) {
            for (int range = 0; range < RANGES; range++) {
                if (range != Integer.parseInt(HOT_RANGE)) {
                    cold.add(keysByRange.get(range).get(i));
                }
            }
        }
        List<String> keys = new ArrayList<>();
        for (String coldKey : cold) {
            keys.add(hot.get(keys.size() / 2 % hot.size()));
            keys.add(coldKey);
        }
        return BenchmarkDocuments.small(keys);
    }

    /** The ids of the ranges other than the hot one. */
    static List<String> coldRanges() {
        List<String> cold = new ArrayList<>();
        for (int range = 0; range < RANGES; range++) {
            if (!Integer.toString(range).equals(HOT_RANGE)) {
                cold.add(Integer.toString(range));
            }
        }
        return cold;
    }

    /** What the endpoint charges for one small document. */
    static double chargePerDocument() {
        return RequestUnits.write(BenchmarkDocuments.small().typicalBytes());
    }

    /** Documents per second the whole container's budget pays for. */
    static double documentsPerSecond() {
        return REQUEST_UNITS / chargePerDocument();
    }

    record Container(String name, ThroughputBudget budget) {}
}
