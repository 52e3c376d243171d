package io.github.flinkcosmos.connector.cosmos.sink;

import io.github.flinkcosmos.connector.cosmos.client.AccountKey;
import io.github.flinkcosmos.connector.cosmos.client.ConnectionMode;
import io.github.flinkcosmos.connector.cosmos.client.CosmosAuthentication;
import io.github.flinkcosmos.connector.cosmos.client.CosmosConnection;
import io.github.flinkcosmos.connector.cosmos.client.ProvisionedThroughput;
import io.github.flinkcosmos.connector.cosmos.client.RequestPriority;
import io.github.flinkcosmos.connector.cosmos.client.ThrottlingRetry;
import io.github.flinkcosmos.connector.cosmos.client.ThroughputControl;
import io.github.flinkcosmos.connector.cosmos.sink.internal.DeadLetterSettings;
import io.github.flinkcosmos.connector.cosmos.sink.internal.DocumentElementConverter;
import io.github.flinkcosmos.connector.cosmos.sink.internal.RetryBackoff;
import io.github.flinkcosmos.connector.cosmos.sink.internal.WritePlan;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.connector.base.sink.AsyncSinkBaseBuilder;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import static org.apache.flink.util.Preconditions.checkArgument;
import static org.apache.flink.util.Preconditions.checkNotNull;
import static org.apache.flink.util.Preconditions.checkState;

/**
 * Builds a {@link CosmosSink}: where to write, how to turn an element into a document, and how to
 * retry. The defaults are the table options' defaults and suit bulk writes, where the SDK splits a
 * batch into requests of at most 100 operations.
 *
 * <pre>{@code
 * CosmosSink<Order> sink = CosmosSink.<Order>builder()
 *         .setEndpoint("https://<account>.documents.azure.com:443/")
 *         .setAccountKey(key)
 *         .setDatabase("shop")
 *         .setContainer("orders")
 *         .setPartitionKeyPaths("/tenant")
 *         .setDocumentConverter(
 *                 order -> CosmosDocument.of(order.id, List.of(order.tenant), order.toJson()))
 *         .build();
 * orders.sinkTo(sink);
 * }</pre>
 *
 * @param <InputT> the type of the stream's elements
 */
@PublicEvolving
public final class CosmosSinkBuilder<InputT>
        extends AsyncSinkBaseBuilder<InputT, CosmosWriteRequest, CosmosSinkBuilder<InputT>> {

    public static final int DEFAULT_MAX_BATCH_SIZE = 500;
    public static final int DEFAULT_MAX_IN_FLIGHT_REQUESTS = 4;
    public static final int DEFAULT_MAX_BUFFERED_REQUESTS = 10_000;
    public static final long DEFAULT_MAX_BATCH_SIZE_IN_BYTES = 4L * 1024 * 1024;
    public static final long DEFAULT_MAX_TIME_IN_BUFFER_MS = 1_000;

    /** Cosmos DB's own limit on one document. */
    public static final long DEFAULT_MAX_RECORD_SIZE_IN_BYTES = 2L * 1024 * 1024;

    public static final ConnectionMode DEFAULT_CONNECTION_MODE = ConnectionMode.DIRECT;
    public static final int DEFAULT_MAX_MICRO_BATCH_CONCURRENCY = 1;
    public static final int DEFAULT_RETRY_MAX_ATTEMPTS = 5;
    public static final Duration DEFAULT_RETRY_INITIAL_DELAY = Duration.ofMillis(500);
    public static final Duration DEFAULT_RETRY_MAX_DELAY = Duration.ofMillis(500);
    public static final double DEFAULT_RETRY_MULTIPLIER = 1.0;
    public static final DeleteMode DEFAULT_DELETE_MODE = DeleteMode.UPSERT;
    public static final WriteMode DEFAULT_WRITE_MODE = WriteMode.UPSERT;
    public static final boolean DEFAULT_PATCH_SKIP_NULL_FIELDS = false;
    public static final String DEFAULT_SOFT_DELETE_MARKER_FIELD = "deleted";
    public static final int DEFAULT_SOFT_DELETE_TTL_SECONDS = 86_400;

    /** The Cosmos DB client's own throttling retries: 9 of them, within 30 s in all. */
    public static final int DEFAULT_THROTTLING_MAX_RETRY_ATTEMPTS =
            ThrottlingRetry.CLIENT_DEFAULTS.maxAttempts();

    public static final Duration DEFAULT_THROTTLING_MAX_RETRY_WAIT =
            ThrottlingRetry.CLIENT_DEFAULTS.maxWait();

    /** Every kind of given-up write goes to a dead-letter container, once there is one. */
    public static final Set<DeadLetterClass> DEFAULT_DEAD_LETTER_CLASSES =
            Set.copyOf(EnumSet.allOf(DeadLetterClass.class));

    /** A random id per dead letter spreads them over the dead-letter container's partitions. */
    public static final String DEFAULT_DEAD_LETTER_PARTITION_KEY_PATH = "/id";

    /** The fields of a dead letter that can be its container's partition key. */
    private static final List<String> DEAD_LETTER_PARTITION_KEY_PATHS =
            List.of("/id", "/originalId", "/table", "/classification");

    /** Cosmos DB's own limit: a hierarchical partition key has at most three levels. */
    private static final int MAX_PARTITION_KEY_LEVELS = 3;

    private String endpoint;
    private CosmosAuthentication authentication;
    private String database;
    private String container;
    private ConnectionMode connectionMode = DEFAULT_CONNECTION_MODE;
    private List<String> preferredRegions = List.of();
    private List<String> partitionKeyPaths;
    private CosmosDocumentConverter<InputT> documentConverter;
    private RetryBackoff retry =
            new RetryBackoff(
                    DEFAULT_RETRY_MAX_ATTEMPTS,
                    DEFAULT_RETRY_INITIAL_DELAY,
                    DEFAULT_RETRY_MAX_DELAY,
                    DEFAULT_RETRY_MULTIPLIER);
    private int maxMicroBatchConcurrency = DEFAULT_MAX_MICRO_BATCH_CONCURRENCY;
    private Duration bulkRequestTimeout;
    private String statusDetector;
    private boolean autoCreate;
    private DeleteMode deleteMode = DEFAULT_DELETE_MODE;
    private WriteMode writeMode = DEFAULT_WRITE_MODE;
    private boolean patchSkipNullFields = DEFAULT_PATCH_SKIP_NULL_FIELDS;
    private String softDeleteMarkerField = DEFAULT_SOFT_DELETE_MARKER_FIELD;
    private int softDeleteTtlSeconds = DEFAULT_SOFT_DELETE_TTL_SECONDS;
    private String versionField;
    private String deadLetterContainer;
    private Set<DeadLetterClass> deadLetterClasses = DEFAULT_DEAD_LETTER_CLASSES;
    private String deadLetterPartitionKeyPath = DEFAULT_DEAD_LETTER_PARTITION_KEY_PATH;
    private String sinkName;
    private ThrottlingRetry throttling = ThrottlingRetry.CLIENT_DEFAULTS;
    private int targetThroughput;
    private double targetThreshold;
    private RequestPriority priority;
    private ProvisionedThroughput autoCreateThroughput = ProvisionedThroughput.serviceDefault();

    CosmosSinkBuilder() {}

    /** The account endpoint, such as {@code https://<account>.documents.azure.com:443/}. */
    public CosmosSinkBuilder<InputT> setEndpoint(String endpoint) {
        this.endpoint = checkNotNull(endpoint, "endpoint");
        return this;
    }

    /**
     * Authenticates with the account key (primary or secondary); it never appears in a message or a
     * log line. Replaces a {@link #setCredential credential} set before.
     */
    public CosmosSinkBuilder<InputT> setAccountKey(String accountKey) {
        checkArgument(accountKey != null && !accountKey.isBlank(), "accountKey must not be blank");
        this.authentication = new AccountKey(accountKey);
        return this;
    }

    /**
     * Authenticates with a Microsoft Entra ID identity instead of the key, such as {@code
     * CosmosCredential.servicePrincipal(tenantId, clientId).withSecret(secret)}. The identity needs
     * a data-plane role assignment on the account. Replaces an account key set before.
     */
    public CosmosSinkBuilder<InputT> setCredential(CosmosCredential credential) {
        checkNotNull(credential, "credential");
        this.authentication = credential.toInternal();
        return this;
    }

    public CosmosSinkBuilder<InputT> setDatabase(String database) {
        this.database = checkNotNull(database, "database");
        return this;
    }

    public CosmosSinkBuilder<InputT> setContainer(String container) {
        this.container = checkNotNull(container, "container");
        return this;
    }

    /** {@link ConnectionMode#DIRECT} unless set; local endpoints usually need gateway. */
    public CosmosSinkBuilder<InputT> setConnectionMode(ConnectionMode connectionMode) {
        this.connectionMode = checkNotNull(connectionMode, "connectionMode");
        return this;
    }

    /** The Azure regions the client prefers, in order, such as {@code West Europe}. */
    public CosmosSinkBuilder<InputT> setPreferredRegions(List<String> preferredRegions) {
        checkNotNull(preferredRegions, "preferredRegions");
        preferredRegions.forEach(
                region ->
                        checkArgument(
                                region != null && !region.isBlank(),
                                "preferredRegions must not hold a blank region"));
        this.preferredRegions = List.copyOf(preferredRegions);
        return this;
    }

    /**
     * The container's partition-key paths, such as {@code /tenant}, or two or three paths for a
     * hierarchical key. The converter gives each document a value for each path, in this order.
     */
    public CosmosSinkBuilder<InputT> setPartitionKeyPaths(String... paths) {
        checkNotNull(paths, "paths");
        return setPartitionKeyPaths(List.of(paths));
    }

    /** As {@link #setPartitionKeyPaths(String...)}. */
    public CosmosSinkBuilder<InputT> setPartitionKeyPaths(List<String> paths) {
        checkNotNull(paths, "paths");
        checkArgument(
                !paths.isEmpty() && paths.size() <= MAX_PARTITION_KEY_LEVELS,
                "A partition key has 1 to %s paths, but %s were given",
                MAX_PARTITION_KEY_LEVELS,
                paths.size());
        for (String path : paths) {
            checkArgument(
                    path != null && path.length() > 1 && path.startsWith("/"),
                    "A partition-key path starts with '/' and names a field, as in /tenant; got %s",
                    path);
        }
        this.partitionKeyPaths = List.copyOf(paths);
        return this;
    }

    /** How an element becomes a document: its id, its partition-key value and its JSON. */
    public CosmosSinkBuilder<InputT> setDocumentConverter(
            CosmosDocumentConverter<InputT> documentConverter) {
        this.documentConverter = checkNotNull(documentConverter, "documentConverter");
        return this;
    }

    /**
     * The connector-level retries of an operation the status detector classifies RETRY: at most
     * {@code maxAttempts}, the n-th after {@code min(initialDelay × multiplier^(n − 1), maxDelay)}.
     *
     * @throws IllegalArgumentException for fewer than 1 attempt, a negative delay, a maximum below
     *     the initial delay, or a multiplier below 1.0
     */
    public CosmosSinkBuilder<InputT> setRetryBackoff(
            int maxAttempts, Duration initialDelay, Duration maxDelay, double multiplier) {
        // RetryBackoff checks its arguments by the rules of the cosmos.retry.* options.
        this.retry = new RetryBackoff(maxAttempts, initialDelay, maxDelay, multiplier);
        return this;
    }

    /** How many micro-batches one bulk execution sends to a partition at once, 1 to 5. */
    public CosmosSinkBuilder<InputT> setMaxMicroBatchConcurrency(int maxMicroBatchConcurrency) {
        checkArgument(
                maxMicroBatchConcurrency >= 1 && maxMicroBatchConcurrency <= 5,
                "maxMicroBatchConcurrency must be from 1 to 5, got %s",
                maxMicroBatchConcurrency);
        this.maxMicroBatchConcurrency = maxMicroBatchConcurrency;
        return this;
    }

    /** How long one bulk request may take before it counts as failed and is retried whole. */
    public CosmosSinkBuilder<InputT> setBulkRequestTimeout(Duration bulkRequestTimeout) {
        checkNotNull(bulkRequestTimeout, "bulkRequestTimeout");
        checkArgument(
                bulkRequestTimeout.toMillis() >= 1,
                "bulkRequestTimeout must be at least 1 ms, got %s",
                bulkRequestTimeout);
        this.bulkRequestTimeout = bulkRequestTimeout;
        return this;
    }

    /**
     * The identifier of the {@code CosmosRequestStatusDetectorFactory} that classifies each
     * operation's status, found with Java's ServiceLoader; the built-in one unless set.
     */
    public CosmosSinkBuilder<InputT> setStatusDetector(String factoryIdentifier) {
        checkArgument(
                factoryIdentifier != null && !factoryIdentifier.isBlank(),
                "factoryIdentifier must not be blank");
        this.statusDetector = factoryIdentifier;
        return this;
    }

    /**
     * Whether the writers create the database and the container, with the partition-key paths, when
     * they do not exist. An existing container must have those paths.
     */
    public CosmosSinkBuilder<InputT> setAutoCreate(boolean autoCreate) {
        this.autoCreate = autoCreate;
        return this;
    }

    /**
     * What a {@link CosmosDocument#delete} does: {@link DeleteMode#DELETE} removes the document,
     * {@link DeleteMode#SOFT_DELETE} marks it and gives it a time to live (see {@link
     * #setSoftDelete}; needs {@link WriteMode#UPSERT}); {@link DeleteMode#UPSERT}, the default,
     * fails the job on a delete, which has nothing to upsert.
     */
    public CosmosSinkBuilder<InputT> setDeleteMode(DeleteMode deleteMode) {
        this.deleteMode = checkNotNull(deleteMode, "deleteMode");
        return this;
    }

    /**
     * How a document's JSON is written: {@link WriteMode#UPSERT} (the default) replaces it whole,
     * {@link WriteMode#CREATE} leaves an existing document as it is, {@link WriteMode#PATCH} sets
     * the JSON's top-level fields on it and leaves its other fields alone.
     */
    public CosmosSinkBuilder<InputT> setWriteMode(WriteMode writeMode) {
        this.writeMode = checkNotNull(writeMode, "writeMode");
        return this;
    }

    /**
     * Writes only newer versions: every document carries its row's version ({@link
     * CosmosDocument#withVersion}), which its JSON also holds in this top-level field, and a write
     * (upsert, patch, delete or soft delete) applies only when that version is greater than the one
     * stored in the document's field, or when there is no document. Other writes are skipped and
     * counted ({@code operationsSkippedStale}). Each write reads its document first, then writes
     * with If-Match on the etag it read. Not set by default; needs {@link WriteMode#UPSERT} or
     * {@link WriteMode#PATCH}.
     */
    public CosmosSinkBuilder<InputT> setVersionField(String versionField) {
        checkArgument(
                versionField != null
                        && !versionField.isBlank()
                        && !versionField.contains("/")
                        && !versionField.contains("~"),
                "versionField must be a top-level field name, got '%s'",
                versionField);
        this.versionField = versionField;
        return this;
    }

    /**
     * In {@link WriteMode#PATCH}, whether a field that is null in the JSON leaves the stored field
     * alone ({@code true}) or sets it to null ({@code false}, the default).
     */
    public CosmosSinkBuilder<InputT> setPatchSkipNullFields(boolean patchSkipNullFields) {
        this.patchSkipNullFields = patchSkipNullFields;
        return this;
    }

    /**
     * In {@link DeleteMode#SOFT_DELETE}, the field a delete sets to {@code true} ({@value
     * #DEFAULT_SOFT_DELETE_MARKER_FIELD} unless set) and the {@code ttl} in seconds it gives the
     * document ({@value #DEFAULT_SOFT_DELETE_TTL_SECONDS} unless set), after which the service
     * removes it.
     */
    public CosmosSinkBuilder<InputT> setSoftDelete(String markerField, int ttlSeconds) {
        checkArgument(
                markerField != null && !markerField.isBlank() && !markerField.contains("/"),
                "markerField must be a top-level field name, got '%s'",
                markerField);
        checkArgument(
                !markerField.equals("id") && !markerField.equals("ttl"),
                "markerField must not be 'id' or 'ttl', got '%s'",
                markerField);
        checkArgument(ttlSeconds >= 1, "ttlSeconds must be at least 1, got %s", ttlSeconds);
        this.softDeleteMarkerField = markerField;
        this.softDeleteTtlSeconds = ttlSeconds;
        return this;
    }

    /**
     * A container in the same database that receives every write the sink gives up on (those of
     * {@link #setDeadLetterClasses}) instead of the job failing or the write vanishing. With
     * auto-create it is created, with {@link #setDeadLetterPartitionKeyPath}; otherwise it must
     * exist when the writers start.
     */
    public CosmosSinkBuilder<InputT> setDeadLetterContainer(String deadLetterContainer) {
        checkArgument(
                deadLetterContainer != null && !deadLetterContainer.isBlank(),
                "deadLetterContainer must not be blank");
        this.deadLetterContainer = deadLetterContainer;
        return this;
    }

    /** Which given-up writes go to the dead-letter container; all of them unless set. */
    public CosmosSinkBuilder<InputT> setDeadLetterClasses(Set<DeadLetterClass> classes) {
        checkNotNull(classes, "classes");
        checkArgument(!classes.isEmpty(), "classes must name at least one DeadLetterClass");
        this.deadLetterClasses = Set.copyOf(classes);
        return this;
    }

    /** The dead-letter container's partition key: {@code /id} unless set. */
    public CosmosSinkBuilder<InputT> setDeadLetterPartitionKeyPath(String path) {
        checkArgument(
                DEAD_LETTER_PARTITION_KEY_PATHS.contains(path),
                "The dead-letter partition key is one of %s, got %s",
                DEAD_LETTER_PARTITION_KEY_PATHS,
                path);
        this.deadLetterPartitionKeyPath = path;
        return this;
    }

    /** A name for the sink, such as the table's, in dead letters and messages. */
    public CosmosSinkBuilder<InputT> setSinkName(String sinkName) {
        this.sinkName = checkNotNull(sinkName, "sinkName");
        return this;
    }

    /**
     * How the Cosmos DB client retries an operation answered 429 (throttled) before the sink sees
     * the 429: at most {@code maxRetryAttempts} times ({@value
     * #DEFAULT_THROTTLING_MAX_RETRY_ATTEMPTS} unless set), waiting at most {@code maxRetryWait} in
     * all (30 s unless set). These retries run inside each of the sink's own ({@link
     * #setRetryBackoff}).
     */
    public CosmosSinkBuilder<InputT> setThrottlingRetry(
            int maxRetryAttempts, Duration maxRetryWait) {
        // ThrottlingRetry checks its arguments by the rules of the cosmos.throttling.* options.
        this.throttling = new ThrottlingRetry(maxRetryAttempts, maxRetryWait);
        return this;
    }

    /**
     * The request units per second the whole sink may use: each of its subtasks keeps this divided
     * by the sink's parallelism, with the Cosmos DB client's local throughput control. Replaces a
     * {@link #setThroughputControlThreshold threshold} set before.
     */
    public CosmosSinkBuilder<InputT> setThroughputControlTarget(int requestUnitsPerSecond) {
        checkArgument(
                requestUnitsPerSecond >= 1,
                "requestUnitsPerSecond must be at least 1, got %s",
                requestUnitsPerSecond);
        this.targetThroughput = requestUnitsPerSecond;
        this.targetThreshold = 0;
        return this;
    }

    /**
     * The fraction of the container's provisioned throughput the whole sink may use, above 0 and at
     * most 1; each subtask keeps this divided by the sink's parallelism. Replaces a {@link
     * #setThroughputControlTarget target} set before.
     */
    public CosmosSinkBuilder<InputT> setThroughputControlThreshold(double threshold) {
        checkArgument(
                threshold > 0 && threshold <= 1,
                "threshold must be above 0 and at most 1, got %s",
                threshold);
        this.targetThreshold = threshold;
        this.targetThroughput = 0;
        return this;
    }

    /**
     * The priority of the sink's requests ({@code x-ms-cosmos-priority-level}); none is sent unless
     * set, which the service treats as high.
     */
    public CosmosSinkBuilder<InputT> setRequestPriority(RequestPriority priority) {
        this.priority = checkNotNull(priority, "priority");
        return this;
    }

    /**
     * Manual request units per second, at least 400, for a container that {@link #setAutoCreate}
     * creates; an existing container is left as it is. Replaces autoscale set before.
     */
    public CosmosSinkBuilder<InputT> setAutoCreateThroughput(int requestUnitsPerSecond) {
        this.autoCreateThroughput = ProvisionedThroughput.manual(requestUnitsPerSecond);
        return this;
    }

    /**
     * Autoscale up to this many request units per second, at least 1,000, for a container that
     * {@link #setAutoCreate} creates; an existing container is left as it is. Replaces a manual
     * throughput set before.
     */
    public CosmosSinkBuilder<InputT> setAutoCreateAutoscaleMaxThroughput(
            int maxRequestUnitsPerSecond) {
        this.autoCreateThroughput = ProvisionedThroughput.autoscale(maxRequestUnitsPerSecond);
        return this;
    }

    /** The AsyncSink settings left unset take this sink's defaults; AsyncSinkBase checks them. */
    @Override
    public CosmosSink<InputT> build() {
        checkState(endpoint != null, "A CosmosSink needs an endpoint: call setEndpoint");
        checkState(
                authentication != null,
                "A CosmosSink needs an account key or a credential: call setAccountKey or"
                        + " setCredential");
        checkState(database != null, "A CosmosSink needs a database: call setDatabase");
        checkState(container != null, "A CosmosSink needs a container: call setContainer");
        checkState(
                partitionKeyPaths != null,
                "A CosmosSink needs the container's partition-key paths: call"
                        + " setPartitionKeyPaths");
        checkState(
                documentConverter != null,
                "A CosmosSink needs a document converter: call setDocumentConverter");
        checkState(
                deleteMode != DeleteMode.SOFT_DELETE || writeMode == WriteMode.UPSERT,
                "Delete mode SOFT_DELETE ('cosmos.write.delete-mode' = 'soft-delete') needs write"
                        + " mode UPSERT ('cosmos.write.mode' = 'upsert'), but it is %s: a %s"
                        + " leaves a soft-deleted document marked, and it expires. Use delete"
                        + " mode DELETE with this write mode, or write mode UPSERT.",
                writeMode,
                writeMode == WriteMode.CREATE ? "create (skipped, 409)" : "patch");
        checkState(
                versionField == null || writeMode != WriteMode.CREATE,
                "A version field ('cosmos.write.version-column') needs write mode UPSERT or PATCH;"
                        + " with CREATE the first write wins whatever its version.");
        checkState(
                versionField == null
                        || !WritePlan.keyFields(partitionKeyPaths).contains(versionField),
                "The version field '%s' is the id or part of the partition key, which never"
                        + " changes: name another field.",
                versionField);
        WritePlan writes =
                new WritePlan(
                        writeMode,
                        deleteMode,
                        patchSkipNullFields,
                        softDeleteMarkerField,
                        softDeleteTtlSeconds,
                        WritePlan.keyFields(partitionKeyPaths),
                        versionField);
        CosmosConnection connection =
                new CosmosConnection(
                        endpoint,
                        authentication,
                        database,
                        container,
                        connectionMode,
                        preferredRegions);
        CosmosWriterSettings settings =
                new CosmosWriterSettings(
                        connection,
                        retry,
                        maxMicroBatchConcurrency,
                        statusDetector,
                        partitionKeyPaths,
                        autoCreate,
                        bulkRequestTimeout == null ? 0 : bulkRequestTimeout.toMillis(),
                        writes,
                        deadLetterContainer == null
                                ? null
                                : new DeadLetterSettings(
                                        deadLetterContainer,
                                        deadLetterClasses.stream().sorted().toList(),
                                        deadLetterPartitionKeyPath),
                        sinkName == null ? database + "/" + container : sinkName,
                        throttling,
                        new ThroughputControl(targetThroughput, targetThreshold, priority),
                        autoCreateThroughput);
        return new CosmosSink<>(
                new DocumentElementConverter<>(documentConverter, writes),
                orDefault(getMaxBatchSize(), DEFAULT_MAX_BATCH_SIZE),
                orDefault(getMaxInFlightRequests(), DEFAULT_MAX_IN_FLIGHT_REQUESTS),
                orDefault(getMaxBufferedRequests(), DEFAULT_MAX_BUFFERED_REQUESTS),
                orDefault(getMaxBatchSizeInBytes(), DEFAULT_MAX_BATCH_SIZE_IN_BYTES),
                orDefault(getMaxTimeInBufferMS(), DEFAULT_MAX_TIME_IN_BUFFER_MS),
                orDefault(getMaxRecordSizeInBytes(), DEFAULT_MAX_RECORD_SIZE_IN_BYTES),
                settings);
    }

    private static <T> T orDefault(T value, T defaultValue) {
        return Objects.requireNonNullElse(value, defaultValue);
    }
}
