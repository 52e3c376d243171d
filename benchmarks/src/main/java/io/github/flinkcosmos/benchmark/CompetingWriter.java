package io.github.flinkcosmos.benchmark;

import com.azure.cosmos.CosmosAsyncClient;
import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.CosmosClientBuilder;
import com.azure.cosmos.ThroughputControlGroupConfigBuilder;
import com.azure.cosmos.models.CosmosBulkExecutionOptions;
import com.azure.cosmos.models.CosmosBulkOperations;
import com.azure.cosmos.models.CosmosItemOperation;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.PriorityLevel;
import com.fasterxml.jackson.databind.ObjectMapper;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Another client of the sink's container, written with the raw SDK as an application would be:
 * paced at a demand in request units per second (a batch every 100 ms), or saturating (as many bulk
 * requests as it can keep in flight), at a priority or none. It counts the request units of its own
 * successful writes, so a run can tell its share from the sink's.
 */
final class CompetingWriter implements AutoCloseable {

    private static final Duration TICK = Duration.ofMillis(100);
    private static final double RU_PER_DOCUMENT = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CosmosAsyncClient client;
    private final CosmosAsyncContainer container;
    private final CosmosBulkExecutionOptions options = new CosmosBulkExecutionOptions();
    private final DoubleAdder succeededRequestUnits = new DoubleAdder();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong next = new AtomicLong();
    private final String prefix;
    private final long distinctIds;
    private final List<Disposable> running = new ArrayList<>();

    /**
     * @param distinctIds how many documents it writes over and over ({@code prefix} + 0 …
     *     distinctIds − 1), so that a run knows how many of the container's documents are its own
     * @param priority the priority it sends, empty for none (the service's high)
     */
    CompetingWriter(
            BenchmarkEndpoint endpoint,
            String container,
            String prefix,
            long distinctIds,
            Optional<PriorityLevel> priority) {
        this.prefix = prefix;
        this.distinctIds = distinctIds;
        this.client =
                new CosmosClientBuilder()
                        .endpoint(endpoint.uri().toString())
                        .key(endpoint.key())
                        .gatewayMode()
                        .contentResponseOnWriteEnabled(false)
                        .buildAsyncClient();
        client.createDatabaseIfNotExists(BenchmarkEndpoint.DATABASE).block();
        client.getDatabase(BenchmarkEndpoint.DATABASE)
                .createContainerIfNotExists(container, "/pk")
                .block();
        this.container = client.getDatabase(BenchmarkEndpoint.DATABASE).getContainer(container);
        priority.ifPresent(
                level -> {
                    this.container.enableLocalThroughputControlGroup(
                            new ThroughputControlGroupConfigBuilder()
                                    .groupName("application")
                                    .priorityLevel(level)
                                    .build());
                    options.setThroughputControlGroupName("application");
                });
    }

    /** Writes {@code requestUnitsPerSecond} worth of documents, a batch every 100 ms. */
    void startPaced(double requestUnitsPerSecond) {
        int perTick =
                (int) Math.round(requestUnitsPerSecond / RU_PER_DOCUMENT * TICK.toMillis() / 1000);
        running.add(
                Flux.interval(TICK)
                        .onBackpressureDrop()
                        .flatMap(tick -> write(perTick), 8)
                        .subscribe());
    }

    /** Keeps {@code inFlight} bulk requests of 500 documents going, as fast as it is let. */
    void startSaturating(int inFlight) {
        running.add(
                Flux.range(0, Integer.MAX_VALUE).flatMap(i -> write(500), inFlight).subscribe());
    }

    private Flux<Object> write(int documents) {
        List<CosmosItemOperation> batch = new ArrayList<>(documents);
        for (int i = 0; i < documents; i++) {
            long n = next.getAndIncrement() % distinctIds;
            String pk = "pk-" + n % BenchmarkDocuments.PARTITION_KEYS;
            batch.add(
                    CosmosBulkOperations.getUpsertItemOperation(
                            JSON.createObjectNode().put("id", prefix + n).put("pk", pk),
                            new PartitionKey(pk)));
        }
        return container
                .executeBulkOperations(Flux.fromIterable(batch), options)
                .map(
                        response -> {
                            if (response.getResponse() != null
                                    && response.getResponse().isSuccessStatusCode()) {
                                succeededRequestUnits.add(
                                        response.getResponse().getRequestCharge());
                                succeeded.incrementAndGet();
                            } else {
                                failed.incrementAndGet();
                            }
                            return (Object) response;
                        })
                .onErrorResume(e -> Flux.empty());
    }

    /** Request units of its successful writes so far. */
    double requestUnits() {
        return succeededRequestUnits.sum();
    }

    /**
     * Writes that succeeded; once there are {@code distinctIds}, every one of its ids is stored.
     */
    long succeeded() {
        return succeeded.get();
    }

    /** Writes that failed even after the SDK's retries. */
    long failed() {
        return failed.get();
    }

    void stop() {
        running.forEach(Disposable::dispose);
        running.clear();
    }

    @Override
    public void close() {
        stop();
        client.close();
    }
}
