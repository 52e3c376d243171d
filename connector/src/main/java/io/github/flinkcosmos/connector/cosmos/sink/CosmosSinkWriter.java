package io.github.flinkcosmos.connector.cosmos.sink;

import com.azure.cosmos.CosmosAsyncClient;
import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosBulkExecutionOptions;
import com.azure.cosmos.models.CosmosBulkItemRequestOptions;
import com.azure.cosmos.models.CosmosBulkItemResponse;
import com.azure.cosmos.models.CosmosBulkOperationResponse;
import com.azure.cosmos.models.CosmosBulkOperations;
import com.azure.cosmos.models.CosmosBulkPatchItemRequestOptions;
import com.azure.cosmos.models.CosmosItemOperation;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.PartitionKeyBuilder;
import com.azure.cosmos.models.PartitionKeyDefinition;
import com.azure.cosmos.models.PartitionKeyDefinitionVersion;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.flinkcosmos.connector.cosmos.client.ContainerAutoCreator;
import io.github.flinkcosmos.connector.cosmos.client.CosmosClients;
import io.github.flinkcosmos.connector.cosmos.client.PartitionKeyRanges;
import io.github.flinkcosmos.connector.cosmos.sink.internal.BatchClassifier;
import io.github.flinkcosmos.connector.cosmos.sink.internal.BatchOutcome;
import io.github.flinkcosmos.connector.cosmos.sink.internal.DeadLetter;
import io.github.flinkcosmos.connector.cosmos.sink.internal.DeadLetterWriter;
import io.github.flinkcosmos.connector.cosmos.sink.internal.DocumentElementConverter;
import io.github.flinkcosmos.connector.cosmos.sink.internal.DroppedWriteLog;
import io.github.flinkcosmos.connector.cosmos.sink.internal.LatestWriteRequestBuffer;
import io.github.flinkcosmos.connector.cosmos.sink.internal.NonConflictingBatchCreator;
import io.github.flinkcosmos.connector.cosmos.sink.internal.RangeBatchResult;
import io.github.flinkcosmos.connector.cosmos.sink.internal.VersionedReads;
import io.github.flinkcosmos.connector.cosmos.sink.internal.WritePlan;
import io.github.flinkcosmos.connector.cosmos.sink.internal.WriterMetrics;
import io.github.flinkcosmos.connector.cosmos.status.CosmosRequestStatusDetector;
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
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Writes batches of upserts, creates, patches, deletes and soft deletes to one Cosmos DB container
 * with the SDK's bulk API. Every batch ends in exactly one of {@code complete()}, {@code
 * retryForEntries(…)} after the backoff delay, or {@code completeExceptionally(…)}; a {@link
 * BatchClassifier} is the one place that decides which.
 */
@Internal
public final class CosmosSinkWriter<InputT> extends AsyncSinkWriter<InputT, CosmosWriteRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(CosmosSinkWriter.class);

    /** A dead letter written from the task thread waits at most this long. */
    private static final Duration DEAD_LETTER_TIMEOUT = Duration.ofMinutes(2);

    private static final Duration CONTAINER_READ_TIMEOUT = Duration.ofSeconds(60);

    private final DocumentElementConverter<InputT> elementConverter;
    private final CosmosWriterSettings settings;
    private final LatestWriteRequestBuffer buffer;
    private final MailboxExecutor mailbox;
    private final WriterMetrics metrics;
    private final DroppedWriteLog droppedWrites;
    private final DeadLetterWriter deadLetters;
    private final Set<DeadLetterClass> deadLettered;
    private volatile boolean closed;
    private final CosmosAsyncClient client;
    private final CosmosAsyncContainer container;
    private final CosmosBulkExecutionOptions bulkOptions;
    private final CosmosRequestStatusDetector detector;
    private final int maxBufferedRequests;
    private final ObjectMapper json = new ObjectMapper();
    private final VersionedReads versionedReads;

    /**
     * @param buffer the buffer whose ranges the {@code configuration}'s rate limiting consults
     */
    public CosmosSinkWriter(
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
                        configuration.getMaxBatchSize(), configuration.getMaxBatchSizeInBytes()),
                buffer);
        this.elementConverter = elementConverter;
        this.buffer = buffer;
        this.maxBufferedRequests = configuration.getMaxBufferedRequests();
        this.mailbox = context.getMailboxExecutor();
        this.settings = settings;
        this.detector =
                StatusDetectorFactories.find(
                                settings.detector(), Thread.currentThread().getContextClassLoader())
                        .createDetector();
        this.bulkOptions =
                new CosmosBulkExecutionOptions()
                        .setMaxMicroBatchConcurrency(settings.maxMicroBatchConcurrency());
        this.versionedReads =
                settings.writes().versioned()
                        ? new VersionedReads(settings.writes().versionField())
                        : null;
        this.metrics =
                new WriterMetrics(
                        context.metricGroup(),
                        buffer::collapsedCount,
                        buffer::staleCount,
                        buffer::inFlightLimit);
        this.droppedWrites =
                new DroppedWriteLog(LOG, settings.connection().containerPath(), System::nanoTime);
        this.client = CosmosClients.create(settings.connection(), settings.throttling());
        this.deadLetters =
                settings.deadLetters()
                        .map(
                                dead ->
                                        new DeadLetterWriter(
                                                client,
                                                settings.connection(),
                                                dead,
                                                settings.sinkName(),
                                                settings.retry()))
                        .orElse(null);
        this.deadLettered =
                settings.deadLetters()
                        .map(dead -> (Set<DeadLetterClass>) EnumSet.copyOf(dead.classes()))
                        .orElse(Set.of());
        try {
            boolean softDeletes = settings.deleteMode() == DeleteMode.SOFT_DELETE;
            if (settings.autoCreate()) {
                ContainerAutoCreator.ensure(
                        client,
                        settings.connection(),
                        settings.partitionKeyPaths(),
                        softDeletes,
                        settings.autoCreateThroughput());
            }
            if (deadLetters != null) {
                deadLetters.prepare(client, settings.autoCreate());
            }
            this.container =
                    client.getDatabase(settings.connection().database())
                            .getContainer(settings.connection().container());
            // Each subtask's client keeps its share of the whole sink's target.
            settings.throughputControl()
                    .enableOn(container, context.getTaskInfo().getNumberOfParallelSubtasks())
                    .ifPresent(bulkOptions::setThroughputControlGroupName);
            PartitionKeyDefinition partitionKey = partitionKeyDefinition(container);
            if (partitionKey != null
                    && (partitionKey.getVersion() == null
                            || partitionKey.getVersion() == PartitionKeyDefinitionVersion.V1)) {
                elementConverter.useVersion1PartitionKeys();
            }
            PartitionKeyRanges ranges =
                    partitionKey == null
                            ? PartitionKeyRanges.wholeContainer()
                            : PartitionKeyRanges.read(container, partitionKey);
            buffer.useRanges(
                    ranges.count(),
                    request -> ranges.rangeOf(partitionKey(request.partitionKey())));
            LOG.info(
                    "Writing to {} in batches per partition-key range ({} ranges).",
                    settings.connection().containerPath(),
                    ranges.count());
            if (softDeletes) {
                ContainerAutoCreator.requireTimeToLive(container, settings.connection());
            }
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /**
     * The container's partition-key definition: whether it hashes only the first 101 bytes of a
     * value, and how its values map to its ranges. A container that cannot be read is left to the
     * first write, which reports the status.
     */
    private static PartitionKeyDefinition partitionKeyDefinition(CosmosAsyncContainer container) {
        try {
            return container
                    .read()
                    .block(CONTAINER_READ_TIMEOUT)
                    .getProperties()
                    .getPartitionKeyDefinition();
        } catch (RuntimeException e) {
            LOG.warn(
                    "Cannot read the partition-key definition of {} ({}); partition-key values"
                            + " are checked against the 2,048-byte limit, and the container is"
                            + " written to as one range.",
                    container.getId(),
                    BatchClassifier.statusOf(e));
            return null;
        }
    }

    /**
     * Writes a batch. Versioned writes ({@code cosmos.write.version-column}) that are not decided
     * yet first read their documents in one bulk request; {@link VersionedReads} decides from what
     * is stored, and the decided writes go out with the rest in a second one.
     */
    @Override
    protected void submitRequestEntries(
            List<CosmosWriteRequest> requests, ResultHandler<CosmosWriteRequest> batchResult) {
        long submitted = System.nanoTime();
        RangeBatchResult result =
                new RangeBatchResult(batchResult, buffer, buffer.batchOf(requests.get(0)), mailbox);
        BatchClassifier classifier =
                new BatchClassifier(
                        detector,
                        settings.retry(),
                        settings.connection().containerPath(),
                        deadLettered);
        List<CosmosWriteRequest> toRead =
                requests.stream().filter(CosmosWriteRequest::needsRead).toList();
        if (toRead.isEmpty()) {
            write(
                    requests,
                    requests,
                    VersionedReads.Decisions.none(),
                    classifier,
                    submitted,
                    result);
            return;
        }
        List<CosmosWriteRequest> decided =
                requests.stream().filter(request -> !request.needsRead()).toList();
        bulk(Flux.fromIterable(toRead).map(this::toRead))
                .subscribe(
                        answers -> {
                            if (closed) {
                                return;
                            }
                            VersionedReads.Decisions decisions;
                            try {
                                decisions = versionedReads.decide(readsOf(toRead, answers));
                            } catch (RuntimeException e) {
                                result.completeExceptionally(
                                        new CosmosSinkException(
                                                "The sink failed on reading documents of %s: %s"
                                                        .formatted(
                                                                settings.connection()
                                                                        .containerPath(),
                                                                e)));
                                return;
                            }
                            List<CosmosWriteRequest> writes = new ArrayList<>(decided);
                            writes.addAll(decisions.writes());
                            write(requests, writes, decisions, classifier, submitted, result);
                        },
                        error -> {
                            if (!closed) {
                                retryWholeBatchSafely(requests, error, classifier, result);
                            }
                        });
    }

    /** One bulk request, under the writer's own timeout. */
    private Mono<List<CosmosBulkOperationResponse<CosmosWriteRequest>>> bulk(
            Flux<CosmosItemOperation> operations) {
        Mono<List<CosmosBulkOperationResponse<CosmosWriteRequest>>> responses =
                container
                        .<CosmosWriteRequest>executeBulkOperations(operations, bulkOptions)
                        .collectList();
        // The writer keeps its own timeout, not the AsyncSink's: a timed-out batch is retried
        // like a failed one, counted and after a backoff, and the late answer is cancelled.
        if (settings.requestTimeout().isPresent()) {
            responses = responses.timeout(settings.requestTimeout().get());
        }
        return responses;
    }

    /**
     * Sends the batch's writes and classifies their answers with what the reads before them
     * decided; {@code requests} is the whole batch, retried as a whole if the request fails.
     */
    private void write(
            List<CosmosWriteRequest> requests,
            List<CosmosWriteRequest> writes,
            VersionedReads.Decisions decisions,
            BatchClassifier classifier,
            long submitted,
            RangeBatchResult result) {
        Mono<List<CosmosBulkOperationResponse<CosmosWriteRequest>>> responses =
                writes.isEmpty()
                        ? Mono.just(List.of())
                        : bulk(Flux.fromIterable(writes).map(this::toOperation));
        responses.subscribe(
                answers -> {
                    if (closed) {
                        return;
                    }
                    BatchOutcome outcome;
                    try {
                        List<BatchClassifier.Answer> all = new ArrayList<>();
                        answers.forEach(answer -> all.add(answerOf(answer)));
                        all.addAll(decisions.failedReads());
                        outcome = classifier.classify(writes, all);
                        decisions.addTo(outcome, classifier);
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
                    if (outcome.throttledCount() > 0) {
                        result.throttled();
                    }
                    try {
                        metrics.record(outcome, (System.nanoTime() - submitted) / 1_000_000);
                        outcome.drops()
                                .forEach(
                                        drop ->
                                                droppedWrites.dropped(
                                                        drop.request(),
                                                        drop.statusCode(),
                                                        drop.subStatusCode()));
                        finish(outcome, classifier, result);
                    } catch (RuntimeException e) {
                        // Thrown here, Reactor would hand it to the error callback below, which
                        // would send the whole batch again, written operations included.
                        result.completeExceptionally(
                                new CosmosSinkException(
                                        "The sink failed on a result from %s: %s"
                                                .formatted(
                                                        settings.connection().containerPath(), e)));
                    }
                },
                error -> {
                    if (!closed) {
                        retryWholeBatchSafely(requests, error, classifier, result);
                    }
                });
    }

    private void retryWholeBatchSafely(
            List<CosmosWriteRequest> requests,
            Throwable error,
            BatchClassifier classifier,
            RangeBatchResult result) {
        if (error instanceof CosmosException cosmos && cosmos.getStatusCode() == 429) {
            result.throttled();
        }
        try {
            retryWholeBatch(requests, error, classifier, result);
        } catch (RuntimeException e) {
            result.completeExceptionally(
                    new CosmosSinkException(
                            "The sink failed on a failed request to %s: %s"
                                    .formatted(settings.connection().containerPath(), e)));
        }
    }

    /** The read of a versioned write's document. */
    private CosmosItemOperation toRead(CosmosWriteRequest request) {
        return CosmosBulkOperations.getReadItemOperation(
                request.id(), partitionKey(request.partitionKey()), request);
    }

    /** What the client answered to each read; a read it never answered has no status. */
    private static List<VersionedReads.Read> readsOf(
            List<CosmosWriteRequest> toRead,
            List<CosmosBulkOperationResponse<CosmosWriteRequest>> answers) {
        List<VersionedReads.Read> reads = new ArrayList<>();
        Set<CosmosWriteRequest> answered = Collections.newSetFromMap(new IdentityHashMap<>());
        for (CosmosBulkOperationResponse<CosmosWriteRequest> response : answers) {
            CosmosWriteRequest request = response.getOperation().getContext();
            answered.add(request);
            CosmosBulkItemResponse item = response.getResponse();
            if (item != null) {
                JsonNode document =
                        item.getStatusCode() == 200 ? item.getItem(JsonNode.class) : null;
                reads.add(
                        new VersionedReads.Read(
                                request,
                                true,
                                item.getStatusCode(),
                                item.getSubStatusCode(),
                                item.getRequestCharge(),
                                document,
                                item.getETag()));
            } else if (response.getException() instanceof CosmosException error) {
                reads.add(
                        new VersionedReads.Read(
                                request,
                                true,
                                error.getStatusCode(),
                                error.getSubStatusCode(),
                                0,
                                null,
                                null));
            } else {
                reads.add(new VersionedReads.Read(request, false, 0, 0, 0, null, null));
            }
        }
        for (CosmosWriteRequest request : toRead) {
            if (!answered.contains(request)) {
                reads.add(new VersionedReads.Read(request, false, 0, 0, 0, null, null));
            }
        }
        return reads;
    }

    private CosmosItemOperation toOperation(CosmosWriteRequest request) {
        if (request.precondition() != CosmosWriteRequest.Precondition.NONE) {
            return toVersionedOperation(request);
        }
        PartitionKey partitionKey = partitionKey(request.partitionKey());
        WritePlan writes = settings.writes();
        switch (request.kind()) {
            case DELETE:
                return CosmosBulkOperations.getDeleteItemOperation(
                        request.id(), partitionKey, request);
            case SOFT_DELETE:
                return CosmosBulkOperations.getPatchItemOperation(
                        request.id(), partitionKey, writes.softDelete(), request);
            case PATCH:
                return CosmosBulkOperations.getPatchItemOperation(
                        request.id(),
                        partitionKey,
                        writes.patchPart(parse(request), request.part()),
                        request);
            case CREATE:
            case CREATE_MISSING:
                return CosmosBulkOperations.getCreateItemOperation(
                        parse(request), partitionKey, request);
            case UPSERT:
            default:
                return CosmosBulkOperations.getUpsertItemOperation(
                        parse(request), partitionKey, request);
        }
    }

    /**
     * A decided versioned write: a create where there was no document, else the write applied only
     * to the document as read (If-Match): a replace for an upsert, the patch part, the delete, or
     * the soft delete, which also stores the delete's version.
     */
    private CosmosItemOperation toVersionedOperation(CosmosWriteRequest request) {
        PartitionKey partitionKey = partitionKey(request.partitionKey());
        if (request.precondition() == CosmosWriteRequest.Precondition.IF_ABSENT) {
            return CosmosBulkOperations.getCreateItemOperation(
                    parse(request), partitionKey, request);
        }
        WritePlan writes = settings.writes();
        String etag = request.etag();
        switch (request.kind()) {
            case DELETE:
                return CosmosBulkOperations.getDeleteItemOperation(
                        request.id(),
                        partitionKey,
                        new CosmosBulkItemRequestOptions().setIfMatchETag(etag),
                        request);
            case SOFT_DELETE:
                return CosmosBulkOperations.getPatchItemOperation(
                        request.id(),
                        partitionKey,
                        writes.softDelete(request.version()),
                        new CosmosBulkPatchItemRequestOptions().setIfMatchETag(etag),
                        request);
            case PATCH:
                return CosmosBulkOperations.getPatchItemOperation(
                        request.id(),
                        partitionKey,
                        writes.patchPart(parse(request), request.part()),
                        new CosmosBulkPatchItemRequestOptions().setIfMatchETag(etag),
                        request);
            case UPSERT:
            default:
                return CosmosBulkOperations.getReplaceItemOperation(
                        request.id(),
                        parse(request),
                        partitionKey,
                        new CosmosBulkItemRequestOptions().setIfMatchETag(etag),
                        request);
        }
    }

    private JsonNode parse(CosmosWriteRequest request) {
        try {
            return json.readTree(request.document());
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

    /** The status codes of one operation's result, from its response or its exception. */
    private static BatchClassifier.Answer answerOf(
            CosmosBulkOperationResponse<CosmosWriteRequest> response) {
        CosmosWriteRequest request = response.getOperation().getContext();
        CosmosBulkItemResponse item = response.getResponse();
        if (item != null) {
            return BatchClassifier.Answer.of(
                    request,
                    item.getStatusCode(),
                    item.getSubStatusCode(),
                    item.getRequestCharge(),
                    item.getETag());
        }
        if (response.getException() instanceof CosmosException error) {
            return BatchClassifier.Answer.of(
                    request, error.getStatusCode(), error.getSubStatusCode(), 0);
        }
        // No status at all: the operation never got an answer, so it is retried.
        return BatchClassifier.Answer.none(request);
    }

    private void finish(
            BatchOutcome outcome,
            BatchClassifier classifier,
            ResultHandler<CosmosWriteRequest> result) {
        if (outcome.failures().isEmpty()) {
            // Documents written or dropped are done; the buffer hears it on its own thread. Retried
            // ones stay in flight until they come back to the buffer, which releases them then.
            List<CosmosWriteRequest.DocumentKey> done = outcome.finishedKeys();
            mailbox.execute(() -> done.forEach(buffer::release), "release finished documents");
        }
        carryOut(classifier.decide(outcome), result);
    }

    private void retryWholeBatch(
            List<CosmosWriteRequest> requests,
            Throwable error,
            BatchClassifier classifier,
            ResultHandler<CosmosWriteRequest> result) {
        LOG.warn(
                "A bulk request of {} operations to {} failed as a whole ({}); retrying it.",
                requests.size(),
                settings.connection().containerPath(),
                BatchClassifier.statusOf(error));
        carryOut(classifier.decideWholeBatch(requests, error), result);
    }

    /**
     * Ends the batch in exactly one of complete, retryForEntries or completeExceptionally, once its
     * dead letters are written: a write given up on is never lost quietly, so a dead letter that
     * cannot be written fails the job.
     */
    private void carryOut(
            BatchClassifier.Decision decision, ResultHandler<CosmosWriteRequest> result) {
        List<DeadLetter> letters = decision.deadLetters();
        if (letters.isEmpty()) {
            carryOutNow(decision, result);
            return;
        }
        deadLetters
                .write(letters)
                .subscribe(
                        null,
                        error -> {
                            if (!closed) {
                                result.completeExceptionally(deadLetterFailure(letters, error));
                            }
                        },
                        () -> {
                            if (closed) {
                                return;
                            }
                            metrics.deadLettered(letters.size());
                            List<CosmosWriteRequest.DocumentKey> done =
                                    letters.stream().map(DeadLetter::key).toList();
                            mailbox.execute(
                                    () -> done.forEach(buffer::release),
                                    "release dead-lettered documents");
                            carryOutNow(decision, result);
                        });
    }

    private CosmosSinkException deadLetterFailure(List<DeadLetter> letters, Throwable failure) {
        // After its retries, Reactor wraps the last error; the status is in that one.
        Throwable error = Exceptions.isRetryExhausted(failure) ? failure.getCause() : failure;
        return new CosmosSinkException(
                """
                %d write(s) the sink gave up on could not be written to the dead-letter \
                container %s either (%s), so the job fails rather than lose them. First: id \
                '%s', partition key %s, %s."""
                        .formatted(
                                letters.size(),
                                deadLetters.containerPath(),
                                BatchClassifier.statusOf(error),
                                letters.get(0).id(),
                                letters.get(0).partitionKey(),
                                letters.get(0).reason()));
    }

    private void carryOutNow(
            BatchClassifier.Decision decision, ResultHandler<CosmosWriteRequest> result) {
        if (decision instanceof BatchClassifier.Fail fail) {
            result.completeExceptionally(new CosmosSinkException(fail.message()));
        } else if (decision instanceof BatchClassifier.Retry retry) {
            metrics.retrying(retry.retried());
            Mono.delay(retry.delay())
                    .subscribe(
                            ignored -> {
                                if (!closed) {
                                    result.retryForEntries(retry.entries());
                                }
                            });
        } else {
            result.complete();
        }
    }

    /** Leaves out what the converter skips, such as the old value of an updated table row. */
    @Override
    public void write(InputT element, Context context) throws IOException, InterruptedException {
        if (elementConverter.skips(element)) {
            return;
        }
        // The AsyncSink sees one range's batch at a time, so the writer keeps the buffer's bound:
        // when it is full, every write that can go goes, and the row waits for batches to end.
        if (buffer.bufferedCount() >= maxBufferedRequests) {
            buffer.flushAll();
            while (buffer.bufferedCount() >= maxBufferedRequests && buffer.hasInFlight()) {
                mailbox.yield();
            }
        }
        try {
            super.write(element, context);
        } catch (CosmosRowRejectedException rejected) {
            if (deadLettered.contains(DeadLetterClass.REJECTED)) {
                deadLetter(rejected);
                return;
            }
            // One bad row must not take the rows before it down with it: write those first.
            flush(true);
            throw new CosmosSinkException(
                    "Cosmos DB would refuse a row, so the sink did not send it to %s: %s"
                            .formatted(
                                    settings.connection().containerPath(), rejected.getMessage()));
        }
    }

    /** A refused row goes to the dead-letter container at once; the job fails if it cannot. */
    private void deadLetter(CosmosRowRejectedException rejected) {
        DeadLetter letter = DeadLetter.rejected(rejected.document(), rejected.getMessage());
        try {
            deadLetters.write(List.of(letter)).block(DEAD_LETTER_TIMEOUT);
        } catch (RuntimeException e) {
            throw deadLetterFailure(List.of(letter), Exceptions.unwrap(e));
        }
        metrics.deadLettered(1);
    }

    /**
     * The AsyncSink's flush, and with {@code flush} a check that it left nothing behind: it sees
     * only writes that can be sent now, and a write waiting for a range or document that no
     * in-flight batch will free would otherwise end the job unwritten, without a trace.
     */
    @Override
    public void flush(boolean flush) throws InterruptedException {
        super.flush(flush);
        if (flush && buffer.bufferedCount() > 0) {
            throw new IllegalStateException(
                    "%d write(s) to %s are still buffered after the sink's final flush, with no write in flight to release them; this is a bug of the connector, please report it"
                            .formatted(
                                    buffer.bufferedCount(), settings.connection().containerPath()));
        }
    }

    @Override
    protected long getSizeInBytes(CosmosWriteRequest request) {
        return request.sizeInBytes();
    }

    @Override
    public void close() {
        // Answers and backoff timers still pending after this have no writer to report to.
        closed = true;
        try {
            super.close();
        } finally {
            droppedWrites.summarizeWindow();
            client.close();
        }
    }
}
