package io.github.flinkcosmos.connector.cosmos.sink;

import com.azure.cosmos.CosmosAsyncClient;
import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosBulkExecutionOptions;
import com.azure.cosmos.models.CosmosBulkItemResponse;
import com.azure.cosmos.models.CosmosBulkOperationResponse;
import com.azure.cosmos.models.CosmosBulkOperations;
import com.azure.cosmos.models.CosmosItemOperation;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.PartitionKeyBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.flinkcosmos.connector.cosmos.client.ContainerAutoCreator;
import io.github.flinkcosmos.connector.cosmos.client.CosmosClients;
import io.github.flinkcosmos.connector.cosmos.sink.internal.BatchOutcome;
import io.github.flinkcosmos.connector.cosmos.sink.internal.DocumentElementConverter;
import io.github.flinkcosmos.connector.cosmos.sink.internal.LatestWriteRequestBuffer;
import io.github.flinkcosmos.connector.cosmos.sink.internal.NonConflictingBatchCreator;
import io.github.flinkcosmos.connector.cosmos.sink.internal.RetryBackoff;
import io.github.flinkcosmos.connector.cosmos.sink.internal.WriterMetrics;
import io.github.flinkcosmos.connector.cosmos.status.CosmosRequestStatusDetector;
import io.github.flinkcosmos.connector.cosmos.status.RequestClassification;
import io.github.flinkcosmos.connector.cosmos.status.StatusDetectorFactories;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriter;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ResultHandler;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes batches of upserts to one Cosmos DB container with the SDK's bulk API. Every batch ends in
 * exactly one of {@code complete()}, {@code retryForEntries(…)} after the backoff delay, or {@code
 * completeExceptionally(…)}; {@link #classify} is the one place that decides which.
 */
@Internal
public final class CosmosSinkWriter<InputT> extends AsyncSinkWriter<InputT, CosmosWriteRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(CosmosSinkWriter.class);

    private final DocumentElementConverter<InputT> elementConverter;
    private final CosmosWriterSettings settings;
    private final LatestWriteRequestBuffer buffer;
    private final MailboxExecutor mailbox;
    private final WriterMetrics metrics;
    private volatile boolean closed;
    private final CosmosAsyncClient client;
    private final CosmosAsyncContainer container;
    private final CosmosBulkExecutionOptions bulkOptions;
    private final CosmosRequestStatusDetector detector;
    private final ObjectMapper json = new ObjectMapper();

    public CosmosSinkWriter(
            DocumentElementConverter<InputT> elementConverter,
            WriterInitContext context,
            AsyncSinkWriterConfiguration configuration,
            Collection<BufferedRequestState<CosmosWriteRequest>> states,
            CosmosWriterSettings settings) {
        this(
                elementConverter,
                context,
                configuration,
                states,
                settings,
                new LatestWriteRequestBuffer());
    }

    private CosmosSinkWriter(
            DocumentElementConverter<InputT> elementConverter,
            WriterInitContext context,
            AsyncSinkWriterConfiguration configuration,
            Collection<BufferedRequestState<CosmosWriteRequest>> states,
            CosmosWriterSettings settings,
            LatestWriteRequestBuffer buffer) {
        super(
                elementConverter,
                context,
                configuration,
                states,
                new NonConflictingBatchCreator(
                        configuration.getMaxBatchSizeInBytes(), context.getMailboxExecutor()),
                buffer);
        this.elementConverter = elementConverter;
        this.buffer = buffer;
        this.mailbox = context.getMailboxExecutor();
        this.settings = settings;
        this.detector =
                StatusDetectorFactories.find(
                                settings.detector(), Thread.currentThread().getContextClassLoader())
                        .createDetector();
        this.bulkOptions =
                new CosmosBulkExecutionOptions()
                        .setMaxMicroBatchConcurrency(settings.maxMicroBatchConcurrency());
        this.metrics = new WriterMetrics(context.metricGroup(), buffer::collapsedCount);
        this.client = CosmosClients.create(settings.connection());
        try {
            if (settings.autoCreate()) {
                ContainerAutoCreator.ensure(
                        client, settings.connection(), settings.partitionKeyPaths());
            }
            this.container =
                    client.getDatabase(settings.connection().database())
                            .getContainer(settings.connection().container());
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    @Override
    protected void submitRequestEntries(
            List<CosmosWriteRequest> requests, ResultHandler<CosmosWriteRequest> result) {
        Flux<CosmosItemOperation> operations = Flux.fromIterable(requests).map(this::toUpsert);
        long submitted = System.nanoTime();
        Mono<List<CosmosBulkOperationResponse<CosmosWriteRequest>>> responses =
                container
                        .<CosmosWriteRequest>executeBulkOperations(operations, bulkOptions)
                        .collectList();
        // The writer keeps its own timeout, not the AsyncSink's: a timed-out batch is retried
        // like a failed one, counted and after a backoff, and the late answer is cancelled.
        if (settings.requestTimeout().isPresent()) {
            responses = responses.timeout(settings.requestTimeout().get());
        }
        responses.subscribe(
                answers -> {
                    if (closed) {
                        return;
                    }
                    BatchOutcome outcome;
                    try {
                        outcome = classify(requests, answers);
                    } catch (RuntimeException e) {
                        result.completeExceptionally(
                                new CosmosSinkException(
                                        "The status detector of cosmos.fail.detector failed on a"
                                                + " result from "
                                                + settings.connection().containerPath()
                                                + ": "
                                                + e));
                        return;
                    }
                    metrics.record(outcome, (System.nanoTime() - submitted) / 1_000_000);
                    finish(outcome, result);
                },
                error -> {
                    if (!closed) {
                        retryWholeBatch(requests, error, result);
                    }
                });
    }

    private CosmosItemOperation toUpsert(CosmosWriteRequest request) {
        try {
            JsonNode document = json.readTree(request.document());
            return CosmosBulkOperations.getUpsertItemOperation(
                    document, partitionKey(request.partitionKey()), request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PartitionKey partitionKey(List<Object> components) {
        PartitionKeyBuilder builder = new PartitionKeyBuilder();
        for (Object component : components) {
            if (component == null) {
                builder.addNullValue();
            } else if (component instanceof String text) {
                builder.add(text);
            } else if (component instanceof Double number) {
                builder.add(number);
            } else {
                builder.add((Boolean) component);
            }
        }
        return builder.build();
    }

    /** Sorts every operation of a finished bulk request by what the detector says of it. */
    private BatchOutcome classify(
            List<CosmosWriteRequest> requests,
            List<CosmosBulkOperationResponse<CosmosWriteRequest>> responses) {
        BatchOutcome outcome = new BatchOutcome();
        Map<CosmosWriteRequest, Boolean> answered = new IdentityHashMap<>();
        for (CosmosBulkOperationResponse<CosmosWriteRequest> response : responses) {
            CosmosWriteRequest request = response.getOperation().getContext();
            answered.put(request, true);
            CosmosBulkItemResponse item = response.getResponse();
            int status;
            int subStatus;
            if (item != null) {
                status = item.getStatusCode();
                subStatus = item.getSubStatusCode();
            } else if (response.getException() instanceof CosmosException error) {
                status = error.getStatusCode();
                subStatus = error.getSubStatusCode();
            } else {
                // No status at all: the operation never got an answer, so it is retried.
                outcome.retry(request, 0, 0);
                continue;
            }
            RequestClassification classification = detector.classify(status, subStatus);
            if (classification == null) {
                throw new IllegalStateException(
                        "the detector classified status " + status + "/" + subStatus + " as null");
            }
            switch (classification) {
                case SUCCESS:
                    outcome.succeeded(request, item == null ? 0 : item.getRequestCharge());
                    break;
                case RETRY:
                    outcome.retry(request, status, subStatus);
                    break;
                case DROP:
                    outcome.dropped(request);
                    break;
                case FAIL:
                default:
                    outcome.failed(describe(request, status, subStatus));
                    break;
            }
        }
        for (CosmosWriteRequest request : requests) {
            if (!answered.containsKey(request)) {
                outcome.retry(request, 0, 0);
            }
        }
        return outcome;
    }

    private void finish(BatchOutcome outcome, ResultHandler<CosmosWriteRequest> result) {
        if (!outcome.failures().isEmpty()) {
            result.completeExceptionally(
                    new CosmosSinkException(
                            "Cosmos DB rejected "
                                    + outcome.failures().size()
                                    + " write(s) to "
                                    + settings.connection().containerPath()
                                    + " with a status classified FAIL: "
                                    + String.join("; ", outcome.failures())));
            return;
        }
        // Documents written or dropped are done; the buffer hears it on its own thread. Retried
        // ones stay in flight until they come back to the buffer, which releases them then.
        List<CosmosWriteRequest.DocumentKey> done = outcome.finishedKeys();
        mailbox.execute(() -> done.forEach(buffer::release), "release finished documents");
        if (outcome.retries().isEmpty()) {
            result.complete();
            return;
        }
        retryLater(outcome.retries(), outcome.retryStatuses(), result);
    }

    private void retryWholeBatch(
            List<CosmosWriteRequest> requests,
            Throwable error,
            ResultHandler<CosmosWriteRequest> result) {
        String status =
                error instanceof CosmosException cosmos
                        ? cosmos.getStatusCode() + "/" + cosmos.getSubStatusCode()
                        : error.getClass().getSimpleName();
        LOG.warn(
                "A bulk request of {} operations to {} failed as a whole ({}); retrying it.",
                requests.size(),
                settings.connection().containerPath(),
                status);
        retryLater(requests, status + " ×" + requests.size() + " (whole request)", result);
    }

    /**
     * Retries after the backoff delay of the most-retried request, or fails the job when a request
     * has had every retry the settings allow.
     */
    private void retryLater(
            List<CosmosWriteRequest> requests,
            String statuses,
            ResultHandler<CosmosWriteRequest> result) {
        RetryBackoff backoff = settings.retry();
        List<CosmosWriteRequest> exhausted =
                requests.stream()
                        .filter(request -> !backoff.allowsAnotherAfter(request.retries()))
                        .collect(Collectors.toList());
        if (!exhausted.isEmpty()) {
            result.completeExceptionally(
                    new CosmosSinkException(
                            exhausted.size()
                                    + " write(s) to "
                                    + settings.connection().containerPath()
                                    + " still failed after "
                                    + backoff.maxRetries()
                                    + " retries (cosmos.retry.max-attempts); last statuses"
                                    + " (status/sub-status): "
                                    + statuses
                                    + ". First: "
                                    + describe(exhausted.get(0))));
            return;
        }
        int nextRetry = requests.stream().mapToInt(CosmosWriteRequest::retries).max().orElse(0) + 1;
        Duration delay = backoff.delayBefore(nextRetry);
        List<CosmosWriteRequest> retried =
                requests.stream().map(CosmosWriteRequest::retried).collect(Collectors.toList());
        metrics.retrying(retried.size());
        Mono.delay(delay)
                .subscribe(
                        ignored -> {
                            if (!closed) {
                                result.retryForEntries(retried);
                            }
                        });
    }

    private static String describe(CosmosWriteRequest request, int status, int subStatus) {
        return "status " + status + ", sub-status " + subStatus + " for " + describe(request);
    }

    private static String describe(CosmosWriteRequest request) {
        return "id '" + request.id() + "', partition key " + request.partitionKey();
    }

    /** Leaves out what the converter skips, such as the old value of an updated table row. */
    @Override
    public void write(InputT element, Context context) throws IOException, InterruptedException {
        if (elementConverter.skips(element)) {
            return;
        }
        super.write(element, context);
    }

    @Override
    protected long getSizeInBytes(CosmosWriteRequest request) {
        return request.document().length;
    }

    @Override
    public void close() {
        // Answers and backoff timers still pending after this have no writer to report to.
        closed = true;
        try {
            super.close();
        } finally {
            client.close();
        }
    }
}
