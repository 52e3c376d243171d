package io.github.flinkcosmos.benchmark;

import com.azure.cosmos.CosmosAsyncClient;
import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.CosmosClientBuilder;
import com.azure.cosmos.models.CosmosBulkExecutionOptions;
import com.azure.cosmos.models.CosmosBulkOperations;
import com.azure.cosmos.models.CosmosItemOperation;
import com.azure.cosmos.models.PartitionKey;
import reactor.core.publisher.Flux;

/**
 * The baseline: the azure-cosmos bulk API given every document at once in one {@code
 * executeBulkOperations} call, as the SDK's own samples do, with the client settings the sink uses.
 */
final class RawSdkBulkRun {

    private final BenchmarkEndpoint endpoint;
    private final BenchmarkDocuments documents;

    RawSdkBulkRun(BenchmarkEndpoint endpoint, BenchmarkDocuments documents) {
        this.endpoint = endpoint;
        this.documents = documents;
    }

    /** Upserts {@code rows} documents into a new container and returns the steady-state rate. */
    ProgressSampler.Window run(String container, long rows, CosmosBulkExecutionOptions options) {
        try (CosmosAsyncClient client =
                new CosmosClientBuilder()
                        .endpoint(endpoint.uri().toString())
                        .key(endpoint.key())
                        .gatewayMode()
                        .contentResponseOnWriteEnabled(false)
                        .buildAsyncClient()) {
            client.createDatabaseIfNotExists(BenchmarkEndpoint.DATABASE).block();
            client.getDatabase(BenchmarkEndpoint.DATABASE)
                    .createContainerIfNotExists(container, "/pk")
                    .block();
            CosmosAsyncContainer target =
                    client.getDatabase(BenchmarkEndpoint.DATABASE).getContainer(container);
            ProgressSampler sampler = endpoint.sampleUpserts();
            long failed;
            try (sampler) {
                failed =
                        target.executeBulkOperations(
                                        Flux.range(0, Math.toIntExact(rows)).map(this::upsert))
                                .filter(
                                        response ->
                                                response.getResponse() == null
                                                        || !response.getResponse()
                                                                .isSuccessStatusCode())
                                .count()
                                .block();
            }
            if (failed > 0) {
                throw new IllegalStateException(failed + " of " + rows + " raw SDK upserts failed");
            }
            return sampler.steadyWindow(rows);
        }
    }

    private CosmosItemOperation upsert(int n) {
        return CosmosBulkOperations.getUpsertItemOperation(
                documents.document(n), new PartitionKey(BenchmarkDocuments.partitionKey(n)));
    }
}
