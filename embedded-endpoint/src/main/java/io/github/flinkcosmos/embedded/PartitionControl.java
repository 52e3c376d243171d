package io.github.flinkcosmos.embedded;

import io.github.flinkcosmos.embedded.partitions.PartitionKeyRange;
import io.github.flinkcosmos.embedded.partitions.PartitionLayout;
import io.github.flinkcosmos.embedded.store.AccountStore;
import io.github.flinkcosmos.embedded.store.ContainerResource;
import io.github.flinkcosmos.embedded.store.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The physical partitions of the endpoint's containers, as a test sets and reads them: how many
 * partition-key ranges a new container gets, splits on demand, and which range served what.
 *
 * <pre>{@code
 * endpoint.partitions().rangesForNewContainers(4); // containers created from now on
 * …
 * List<PartitionKeyRange> children = endpoint.partitions().split("db", "c", "2");
 * Map<String, Long> served = endpoint.partitions().operationsByRange("db", "c");
 * }</pre>
 */
public final class PartitionControl {

    private final AccountStore store;

    PartitionControl(AccountStore store) {
        this.store = store;
    }

    /**
     * Containers created from now on, by a client or by {@link
     * EmbeddedCosmosEndpoint#createContainer}, get this many ranges of equal width; 1 by default.
     */
    public PartitionControl rangesForNewContainers(int ranges) {
        store.rangesForNewContainers(ranges);
        return this;
    }

    /** The container's live ranges, in effective-key order. */
    public List<PartitionKeyRange> ranges(String database, String container) {
        return layout(database, container).ranges();
    }

    /**
     * Splits a live range into two at the midpoint of its effective-key interval. From now on the
     * feed reports the two children, with the range among their parents, and requests naming the
     * range get 410 with sub-status 1002, as the service answers after a split.
     *
     * @return the two children, lower first
     */
    public List<PartitionKeyRange> split(String database, String container, String rangeId) {
        return layout(database, container).split(rangeId);
    }

    /** Document operations each range served, split ranges included, by range id. */
    public Map<String, Long> operationsByRange(String database, String container) {
        return layout(database, container).operationsByRange();
    }

    /** Document operations each range answered with a 2xx status, by range id. */
    public Map<String, Long> succeededByRange(String database, String container) {
        return layout(database, container).succeededByRange();
    }

    /** The live range that holds a partition-key value, given as JSON such as {@code ["p1"]}. */
    public PartitionKeyRange rangeOf(String database, String container, String partitionKeyJson) {
        ContainerResource found = container(database, container);
        try {
            return found.partitions()
                    .rangeOf(found.effectiveKeyOf(Json.canonicalPartitionKey(partitionKeyJson)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PartitionLayout layout(String database, String container) {
        return container(database, container).partitions();
    }

    private ContainerResource container(String database, String container) {
        return store.container(database, container)
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "No container '%s' in database '%s'"
                                                .formatted(container, database)));
    }
}
