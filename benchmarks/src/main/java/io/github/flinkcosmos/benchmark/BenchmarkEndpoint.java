package io.github.flinkcosmos.benchmark;

import com.azure.cosmos.CosmosAsyncClient;
import com.azure.cosmos.CosmosClientBuilder;
import com.azure.cosmos.models.PartitionKey;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinkcosmos.embedded.EmbeddedCosmosEndpoint;
import io.github.flinkcosmos.embedded.faults.FaultInjector;
import io.github.flinkcosmos.embedded.faults.OperationKind;
import io.github.flinkcosmos.embedded.faults.RequestKind;
import io.github.flinkcosmos.embedded.observability.EndpointStats;
import io.github.flinkcosmos.embedded.observability.OperationListener;
import io.github.flinkcosmos.embedded.partitions.PartitionKeyRange;
import io.github.flinkcosmos.embedded.throughput.ThroughputBudget;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The one embedded endpoint of a benchmark run, over plain HTTP so that TLS on both sides of one
 * JVM does not hide the clients' own cost, with a client of its own to set up and check runs.
 */
final class BenchmarkEndpoint implements AutoCloseable {

    static final String DATABASE = "benchmark";

    private final EmbeddedCosmosEndpoint endpoint;
    private final CosmosAsyncClient admin;

    BenchmarkEndpoint() {
        this.endpoint = EmbeddedCosmosEndpoint.builder().plainHttp().start();
        CosmosAsyncClient client = null;
        try {
            client =
                    new CosmosClientBuilder()
                            .endpoint(endpoint.uri().toString())
                            .key(endpoint.key())
                            .gatewayMode()
                            .buildAsyncClient();
            client.createDatabaseIfNotExists(DATABASE).block();
        } catch (RuntimeException e) {
            if (client != null) {
                client.close();
            }
            endpoint.close();
            throw e;
        }
        this.admin = client;
    }

    URI uri() {
        return endpoint.uri();
    }

    String key() {
        return endpoint.key();
    }

    /** Samples documents upserted successfully, anywhere on the endpoint, and nothing else. */
    ProgressSampler sampleUpserts() {
        return ProgressSampler.start(this::upsertsSucceeded, () -> 0);
    }

    /**
     * Samples documents created (an upsert of a new id, not a repeat of one already stored) and the
     * request units the budget charged.
     */
    ProgressSampler sampleNewDocuments(ThroughputBudget budget) {
        return ProgressSampler.start(this::documentsCreated, budget::consumed);
    }

    /** Documents created so far, anywhere on the endpoint. */
    long documentsCreated() {
        return endpoint.stats().operations(OperationKind.UPSERT, 201);
    }

    private double upsertsSucceeded() {
        EndpointStats stats = endpoint.stats();
        return stats.operations(OperationKind.UPSERT, 201)
                + stats.operations(OperationKind.UPSERT, 200);
    }

    /** Operations of one kind answered with one status so far, anywhere on the endpoint. */
    long operations(OperationKind kind, int status) {
        return endpoint.stats().operations(kind, status);
    }

    /** Bulk and point requests answered 410 (gone) so far, anywhere on the endpoint. */
    long requestsGone() {
        EndpointStats stats = endpoint.stats();
        return stats.requests(RequestKind.BULK, 410) + stats.requests(RequestKind.DOCUMENT, 410);
    }

    /** Upserts answered 429 so far, anywhere on the endpoint. */
    long upsertsThrottled() {
        return endpoint.stats().operations(OperationKind.UPSERT, 429);
    }

    ThroughputBudget provision(String container, double requestUnitsPerSecond) {
        return endpoint.throughput().provision(DATABASE, container, requestUnitsPerSecond);
    }

    /** The endpoint's fault rules, for runs that need the service to misbehave. */
    FaultInjector faults() {
        return endpoint.faults();
    }

    void unlimited(String container) {
        endpoint.throughput().unlimited(DATABASE, container);
    }

    /**
     * Creates a container of {@code ranges} partition-key ranges, partitioned on {@code /pk} with
     * the version 2 hash, as the sink's auto-create makes it; a raw SDK run or a sink job then
     * finds it there.
     */
    void createContainer(String container, int ranges) {
        endpoint.createContainer(DATABASE, container, "/pk", ranges);
    }

    /**
     * Partition-key values {@code pk-0}, {@code pk-1}, … sorted by the range of {@code ranges} that
     * holds them, {@code perRange} for each: element {@code i} lists range {@code i}'s.
     */
    List<List<String>> keysByRange(int ranges, int perRange) {
        String probe = "probe-" + ranges;
        createContainer(probe, ranges);
        List<List<String>> keys = new ArrayList<>();
        for (int range = 0; range < ranges; range++) {
            keys.add(new ArrayList<>());
        }
        for (int n = 0; keys.stream().anyMatch(list -> list.size() < perRange); n++) {
            String key = "pk-" + n;
            int range =
                    Integer.parseInt(
                            endpoint.partitions()
                                    .rangeOf(DATABASE, probe, "[\"" + key + "\"]")
                                    .id());
            if (keys.get(range).size() < perRange) {
                keys.get(range).add(key);
            }
        }
        delete(probe);
        return keys.stream().map(List::copyOf).toList();
    }

    /** Operations answered with a 2xx status by these ranges of the container, so far. */
    long succeededOn(String container, Collection<String> rangeIds) {
        Map<String, Long> byRange = endpoint.partitions().succeededByRange(DATABASE, container);
        return rangeIds.stream().mapToLong(id -> byRange.getOrDefault(id, 0L)).sum();
    }

    /** Splits a range of the container in two, as the service does when a partition grows. */
    List<PartitionKeyRange> split(String container, String rangeId) {
        return endpoint.partitions().split(DATABASE, container, rangeId);
    }

    /** The container's live ranges. */
    int rangeCount(String container) {
        return endpoint.partitions().ranges(DATABASE, container).size();
    }

    /** Tells this listener of every document operation from now on; null for none. */
    void listen(OperationListener listener) {
        endpoint.stats().listen(listener);
    }

    /** The container's stored documents, read in this JVM, with the service's own fields. */
    List<JsonNode> documents(String container) {
        return endpoint.documents(DATABASE, container);
    }

    /** The container's documents, counted by the service, as anyone could check a run. */
    long documentCount(String container) {
        return admin
                .getDatabase(DATABASE)
                .getContainer(container)
                .queryItems("SELECT VALUE COUNT(1) FROM c", Long.class)
                .collectList()
                .block()
                .stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    /** The stored document, without the service's own fields (_rid, _etag, _ts, …). */
    ObjectNode read(String container, String id, String partitionKey) {
        ObjectNode document =
                admin.getDatabase(DATABASE)
                        .getContainer(container)
                        .readItem(id, new PartitionKey(partitionKey), ObjectNode.class)
                        .block()
                        .getItem();
        List<String> system =
                document.properties().stream()
                        .map(Map.Entry::getKey)
                        .filter(name -> name.startsWith("_"))
                        .toList();
        document.remove(system);
        return document;
    }

    /** Drops a finished run's documents, so that the endpoint's heap does not grow run by run. */
    void delete(String container) {
        admin.getDatabase(DATABASE).getContainer(container).delete().block();
    }

    @Override
    public void close() {
        try {
            admin.close();
        } finally {
            endpoint.close();
        }
    }
}
