package io.github.flinkcosmos.benchmark;

import com.azure.cosmos.CosmosAsyncClient;
import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.CosmosClientBuilder;
import com.azure.cosmos.models.CosmosBulkExecutionOptions;
import com.azure.cosmos.models.CosmosBulkOperationResponse;
import com.azure.cosmos.models.CosmosBulkOperations;
import com.azure.cosmos.models.CosmosItemOperation;
import com.azure.cosmos.models.PartitionKey;
import reactor.core.publisher.Flux;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The baseline: the azure-cosmos bulk API, with the client settings the sink uses. As the SDK's own
 * samples do, one {@code executeBulkOperations} call given every document at once; or, as a
 * hand-written program might to keep more requests going, several concurrent calls that share the
 * documents out between them. Given every document at once, or {@link #paced} at a rate.
 */
final class RawSdkBulkRun {

    /** How many times operations the SDK gave up on are sent again, as the sink's retries. */
    private static final int RESENDS = 5;

    /** A paced run's schedule: the documents of each tick go at once, as a source's would. */
    private static final Duration TICK = Duration.ofMillis(10);

    private final URI endpoint;
    private final String key;
    private final BenchmarkDocuments documents;
    private final long rowsPerSecond;

    RawSdkBulkRun(BenchmarkEndpoint endpoint, BenchmarkDocuments documents) {
        this(endpoint.uri(), endpoint.key(), documents);
    }

    /** Against an endpoint anywhere, such as one in a process of its own. */
    RawSdkBulkRun(URI endpoint, String key, BenchmarkDocuments documents) {
        this(endpoint, key, documents, BenchmarkDocuments.UNPACED);
    }

    private RawSdkBulkRun(
            URI endpoint, String key, BenchmarkDocuments documents, long rowsPerSecond) {
        this.endpoint = endpoint;
        this.key = key;
        this.documents = documents;
        this.rowsPerSecond = rowsPerSecond;
    }

    /**
     * The same program fed at {@code rowsPerSecond} in all, as a paced source would feed the sink,
     * instead of given every document at once ({@link BenchmarkDocuments#UNPACED} for that).
     */
    RawSdkBulkRun paced(long rowsPerSecond) {
        return new RawSdkBulkRun(endpoint, key, documents, rowsPerSecond);
    }

    /** Upserts {@code rows} documents into a new container and returns the steady-state rate. */
    ProgressSampler.Window run(
            BenchmarkEndpoint sampled,
            String container,
            long rows,
            CosmosBulkExecutionOptions options) {
        return run(
                container,
                rows,
                1,
                () -> options,
                sampled::sampleUpserts,
                sampler -> sampler.steadyWindow(rows));
    }

    /**
     * Upserts {@code rows} documents into a new container (or one made beforehand) with {@code
     * calls} concurrent {@code executeBulkOperations} calls, call {@code i} given the documents
     * {@code n ≡ i (mod calls)}, each with options of its own.
     *
     * @param sampling starts the sampler once the container exists
     * @param window the window the run's figure is taken over, from its sampler
     */
    ProgressSampler.Window run(
            String container,
            long rows,
            int calls,
            Supplier<CosmosBulkExecutionOptions> options,
            Supplier<ProgressSampler> sampling,
            Function<ProgressSampler, ProgressSampler.Window> window) {
        try (CosmosAsyncClient client =
                new CosmosClientBuilder()
                        .endpoint(endpoint.toString())
                        .key(key)
                        .gatewayMode()
                        .contentResponseOnWriteEnabled(false)
                        .buildAsyncClient()) {
            client.createDatabaseIfNotExists(BenchmarkEndpoint.DATABASE).block();
            client.getDatabase(BenchmarkEndpoint.DATABASE)
                    .createContainerIfNotExists(container, "/pk")
                    .block();
            CosmosAsyncContainer target =
                    client.getDatabase(BenchmarkEndpoint.DATABASE).getContainer(container);
            ProgressSampler sampler = sampling.get();
            List<CosmosItemOperation> failed;
            try (sampler) {
                failed =
                        failedOf(
                                Flux.range(0, calls)
                                        .flatMap(
                                                call ->
                                                        // A call can fail whole: the SDK's bulk
                                                        // buffering has met Reactor's "Could not
                                                        // emit buffer due to lack of requests" on
                                                        // a loaded machine. Upserts can be
                                                        // repeated, so its share is sent again.
                                                        Flux.defer(
                                                                        () ->
                                                                                share(
                                                                                        target,
                                                                                        rows, calls,
                                                                                        call,
                                                                                        options))
                                                                .retry(RESENDS),
                                                calls));
                // As the sink does, and as a careful program would: what the SDK gave up on (a
                // 429 past its own retries, say) is sent again, a few times.
                for (int attempt = 1; attempt <= RESENDS && !failed.isEmpty(); attempt++) {
                    failed =
                            failedOf(
                                    target.executeBulkOperations(
                                            Flux.fromIterable(failed), options.get()));
                }
            }
            if (!failed.isEmpty()) {
                throw new IllegalStateException(
                        failed.size()
                                + " of "
                                + rows
                                + " raw SDK upserts failed after "
                                + RESENDS
                                + " resends");
            }
            return window.apply(sampler);
        }
    }

    /** Call {@code call} of {@code calls}: the documents {@code n ≡ call (mod calls)}. */
    private Flux<CosmosBulkOperationResponse<Object>> share(
            CosmosAsyncContainer target,
            long rows,
            int calls,
            int call,
            Supplier<CosmosBulkExecutionOptions> options) {
        return target.executeBulkOperations(
                sequence(rows).filter(n -> n % calls == call).map(this::upsert), options.get());
    }

    /**
     * The documents' numbers, all at once or, paced, a tick's share every {@link #TICK}; ticks the
     * SDK does not take at once wait, so a program that falls behind catches up.
     */
    private Flux<Integer> sequence(long rows) {
        int count = Math.toIntExact(rows);
        if (rowsPerSecond == BenchmarkDocuments.UNPACED) {
            return Flux.range(0, count);
        }
        int perTick = Math.toIntExact(Math.max(1, rowsPerSecond * TICK.toMillis() / 1000));
        return Flux.interval(TICK)
                .onBackpressureBuffer()
                .concatMap(
                        tick -> {
                            long first = tick * perTick;
                            return Flux.range(
                                    Math.toIntExact(first),
                                    Math.toIntExact(Math.max(0, Math.min(perTick, count - first))));
                        })
                .take(count);
    }

    private static List<CosmosItemOperation> failedOf(
            Flux<CosmosBulkOperationResponse<Object>> responses) {
        return responses
                .filter(
                        response ->
                                response.getResponse() == null
                                        || !response.getResponse().isSuccessStatusCode())
                .map(CosmosBulkOperationResponse::getOperation)
                .collectList()
                .block();
    }

    private CosmosItemOperation upsert(int n) {
        return CosmosBulkOperations.getUpsertItemOperation(
                documents.document(n), new PartitionKey(documents.key(n)));
    }
}
