package io.github.flinkcosmos.connector.cosmos.table;

import io.github.flinkcosmos.connector.cosmos.client.AccountKey;
import io.github.flinkcosmos.connector.cosmos.client.ConnectionMode;
import io.github.flinkcosmos.connector.cosmos.client.CosmosAuthentication;
import io.github.flinkcosmos.connector.cosmos.client.CosmosConnection;
import io.github.flinkcosmos.connector.cosmos.client.EntraIdCredential;
import io.github.flinkcosmos.connector.cosmos.client.RequestPriority;
import io.github.flinkcosmos.connector.cosmos.client.Secret;
import io.github.flinkcosmos.connector.cosmos.sink.CosmosCredential;
import io.github.flinkcosmos.connector.cosmos.sink.CosmosSinkBuilder;
import io.github.flinkcosmos.connector.cosmos.sink.DeadLetterClass;
import io.github.flinkcosmos.connector.cosmos.sink.DeleteMode;
import io.github.flinkcosmos.connector.cosmos.sink.WriteMode;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.connector.base.table.AsyncSinkConnectorOptions;
import org.apache.flink.table.factories.FactoryUtil;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.github.flinkcosmos.connector.cosmos.table.CosmosConnectorOptions.ASYNC_BULK_REQUEST_TIMEOUT_MS;
import static io.github.flinkcosmos.connector.cosmos.table.CosmosConnectorOptions.AUTH_AUTHORITY_HOST;
import static io.github.flinkcosmos.connector.cosmos.table.CosmosConnectorOptions.AUTH_CLIENT_CERTIFICATE_PASSWORD;
import static io.github.flinkcosmos.connector.cosmos.table.CosmosConnectorOptions.AUTH_CLIENT_CERTIFICATE_PATH;
import static io.github.flinkcosmos.connector.cosmos.table.CosmosConnectorOptions.AUTH_CLIENT_ID;
import static io.github.flinkcosmos.connector.cosmos.table.CosmosConnectorOptions.AUTH_CLIENT_SECRET;
import static io.github.flinkcosmos.connector.cosmos.table.CosmosConnectorOptions.AUTH_TENANT_ID;
import static io.github.flinkcosmos.connector.cosmos.table.CosmosConnectorOptions.AUTH_TYPE;
import static io.github.flinkcosmos.connector.cosmos.table.CosmosConnectorOptions.AUTO_CREATE;
import static io.github.flinkcosmos.connector.cosmos.table.CosmosConnectorOptions.AUTO_CREATE_AUTOSCALE_MAX_THROUGHPUT;
import static io.github.flinkcosmos.connector.cosmos.table.CosmosConnectorOptions.AUTO_CREATE_THROUGHPUT;
import static io.github.flinkcosmos.connector.cosmos.table.CosmosConnectorOptions.CONNECTION_MODE;
import static io.github.flinkcosmos.connector.cosmos.table.CosmosConnectorOptions.CONTAINER;
import static io.github.flinkcosmos.connector.cosmos.table.CosmosConnectorOptions.DATABASE;
import static io.github.flinkcosmos.connector.cosmos.table.CosmosConnectorOptions.DEAD_LETTER_CLASSES;
import static io.github.flinkcosmos.connector.cosmos.table.CosmosConnectorOptions.DEAD_LETTER_CONTAINER;
import static io.github.flinkcosmos.connector.cosmos.table.CosmosConnectorOptions.DEAD_LETTER_PARTITION_KEY_PATH;
import static io.github.flinkcosmos.connector.cosmos.table.CosmosConnectorOptions.ENDPOINT;
import static io.github.flinkcosmos.connector.cosmos.table.CosmosConnectorOptions.FAIL_DETECTOR;
import static io.github.flinkcosmos.connector.cosmos.table.CosmosConnectorOptions.JSON_TIMESTAMP_FORMAT;
import static io.github.flinkcosmos.connector.cosmos.table.CosmosConnectorOptions.KEY;
import static io.github.flinkcosmos.connector.cosmos.table.CosmosConnectorOptions.MAX_MICROBATCH_CONCURRENCY;
import static io.github.flinkcosmos.connector.cosmos.table.CosmosConnectorOptions.PREFERRED_REGIONS;
import static io.github.flinkcosmos.connector.cosmos.table.CosmosConnectorOptions.RETRY_BACKOFF_INITIAL_DELAY_MS;
import static io.github.flinkcosmos.connector.cosmos.table.CosmosConnectorOptions.RETRY_BACKOFF_MAX_DELAY_MS;
import static io.github.flinkcosmos.connector.cosmos.table.CosmosConnectorOptions.RETRY_BACKOFF_MULTIPLIER;
import static io.github.flinkcosmos.connector.cosmos.table.CosmosConnectorOptions.RETRY_MAX_ATTEMPTS;
import static io.github.flinkcosmos.connector.cosmos.table.CosmosConnectorOptions.THROTTLING_MAX_RETRY_ATTEMPTS;
import static io.github.flinkcosmos.connector.cosmos.table.CosmosConnectorOptions.THROTTLING_MAX_RETRY_WAIT_MS;
import static io.github.flinkcosmos.connector.cosmos.table.CosmosConnectorOptions.THROUGHPUT_CONTROL_PRIORITY;
import static io.github.flinkcosmos.connector.cosmos.table.CosmosConnectorOptions.THROUGHPUT_CONTROL_TARGET_THRESHOLD;
import static io.github.flinkcosmos.connector.cosmos.table.CosmosConnectorOptions.THROUGHPUT_CONTROL_TARGET_THROUGHPUT;
import static io.github.flinkcosmos.connector.cosmos.table.CosmosConnectorOptions.WRITE_DELETE_MODE;
import static io.github.flinkcosmos.connector.cosmos.table.CosmosConnectorOptions.WRITE_MODE;
import static io.github.flinkcosmos.connector.cosmos.table.CosmosConnectorOptions.WRITE_PATCH_SKIP_NULL_COLUMNS;
import static io.github.flinkcosmos.connector.cosmos.table.CosmosConnectorOptions.WRITE_SOFT_DELETE_MARKER_FIELD;
import static io.github.flinkcosmos.connector.cosmos.table.CosmosConnectorOptions.WRITE_SOFT_DELETE_TTL_SECONDS;
import static io.github.flinkcosmos.connector.cosmos.table.CosmosConnectorOptions.WRITE_VERSION_COLUMN;

/**
 * A sink table's options, read once from the generated {@code ConfigOption}s. This is the one place
 * where an option's value reaches the connector: a new option is read here and handed to the {@link
 * CosmosSinkBuilder} in {@link #configure}.
 *
 * <p>No {@code toString}: the account key and the client secret are among the values.
 */
@Internal
final class CosmosTableConfig {

    private final String endpoint;
    private final String accountKey;
    private final CosmosConnectorOptions.AuthType authType;
    private final String tenantId;
    private final String clientId;
    private final String clientSecret;
    private final String certificatePath;
    private final String certificatePassword;
    private final String authorityHost;
    private final String database;
    private final String container;
    private final ConnectionMode connectionMode;
    private final List<String> preferredRegions;
    private final boolean autoCreate;
    private final int maxMicroBatchConcurrency;
    private final Long bulkRequestTimeoutMs;
    private final String failDetector;
    private final int retryMaxAttempts;
    private final long retryInitialDelayMs;
    private final long retryMaxDelayMs;
    private final double retryMultiplier;
    private final TimestampLayout timestampLayout;
    private final DeleteMode deleteMode;
    private final String deadLetterContainer;
    private final Set<DeadLetterClass> deadLetterClasses;
    private final String deadLetterPartitionKeyPath;
    private final String tableName;
    private final WriteMode writeMode;
    private final boolean patchSkipNullColumns;
    private final String softDeleteMarkerField;
    private final int softDeleteTtlSeconds;
    private final String versionColumn;
    private final int throttlingMaxRetryAttempts;
    private final long throttlingMaxRetryWaitMs;
    private final Integer targetThroughput;
    private final Double targetThreshold;
    private final RequestPriority priority;
    private final Integer autoCreateThroughput;
    private final Integer autoCreateAutoscaleMaxThroughput;
    private final Integer sinkParallelism;
    private final Integer maxBatchSize;
    private final Integer maxInFlightRequests;
    private final Integer maxBufferedRequests;
    private final Long flushBufferSize;
    private final Long flushBufferTimeoutMs;

    private CosmosTableConfig(ReadableConfig options, String tableName) {
        this.tableName = tableName;
        endpoint = options.get(ENDPOINT);
        accountKey = options.getOptional(KEY).orElse(null);
        authType = options.get(AUTH_TYPE);
        tenantId = options.getOptional(AUTH_TENANT_ID).orElse(null);
        clientId = options.getOptional(AUTH_CLIENT_ID).orElse(null);
        clientSecret = options.getOptional(AUTH_CLIENT_SECRET).orElse(null);
        certificatePath = options.getOptional(AUTH_CLIENT_CERTIFICATE_PATH).orElse(null);
        certificatePassword = options.getOptional(AUTH_CLIENT_CERTIFICATE_PASSWORD).orElse(null);
        // Read only when set: the default is the Azure public cloud's, which needs no override.
        authorityHost = options.getOptional(AUTH_AUTHORITY_HOST).orElse(null);
        database = options.get(DATABASE);
        container = options.get(CONTAINER);
        // The client package has its own enum, so that it never imports the table package.
        connectionMode = ConnectionMode.valueOf(options.get(CONNECTION_MODE).name());
        preferredRegions =
                options.getOptional(PREFERRED_REGIONS)
                        .map(
                                regions ->
                                        Arrays.stream(regions.split(","))
                                                .map(String::strip)
                                                .toList())
                        .orElse(List.of());
        autoCreate = options.get(AUTO_CREATE);
        maxMicroBatchConcurrency = options.get(MAX_MICROBATCH_CONCURRENCY);
        bulkRequestTimeoutMs = options.getOptional(ASYNC_BULK_REQUEST_TIMEOUT_MS).orElse(null);
        failDetector = options.getOptional(FAIL_DETECTOR).orElse(null);
        retryMaxAttempts = options.get(RETRY_MAX_ATTEMPTS);
        retryInitialDelayMs = options.get(RETRY_BACKOFF_INITIAL_DELAY_MS);
        retryMaxDelayMs = options.get(RETRY_BACKOFF_MAX_DELAY_MS);
        retryMultiplier = options.get(RETRY_BACKOFF_MULTIPLIER);
        timestampLayout = TimestampLayout.of(options.get(JSON_TIMESTAMP_FORMAT));
        // The sink package has its own enum, so that it never imports the table package.
        deleteMode = DeleteMode.valueOf(options.get(WRITE_DELETE_MODE).name().replace('-', '_'));
        writeMode = WriteMode.valueOf(options.get(WRITE_MODE).name());
        patchSkipNullColumns = options.get(WRITE_PATCH_SKIP_NULL_COLUMNS);
        softDeleteMarkerField = options.get(WRITE_SOFT_DELETE_MARKER_FIELD);
        softDeleteTtlSeconds = options.get(WRITE_SOFT_DELETE_TTL_SECONDS);
        versionColumn = options.getOptional(WRITE_VERSION_COLUMN).orElse(null);
        deadLetterContainer = options.getOptional(DEAD_LETTER_CONTAINER).orElse(null);
        deadLetterClasses =
                Arrays.stream(options.get(DEAD_LETTER_CLASSES).split(","))
                        .map(DeadLetterClass::ofOptionValue)
                        .collect(Collectors.toUnmodifiableSet());
        deadLetterPartitionKeyPath = options.get(DEAD_LETTER_PARTITION_KEY_PATH);
        throttlingMaxRetryAttempts = options.get(THROTTLING_MAX_RETRY_ATTEMPTS);
        throttlingMaxRetryWaitMs = options.get(THROTTLING_MAX_RETRY_WAIT_MS);
        targetThroughput = options.getOptional(THROUGHPUT_CONTROL_TARGET_THROUGHPUT).orElse(null);
        targetThreshold = options.getOptional(THROUGHPUT_CONTROL_TARGET_THRESHOLD).orElse(null);
        // The client package has its own enum, so that it never imports the table package.
        priority =
                options.getOptional(THROUGHPUT_CONTROL_PRIORITY)
                        .map(level -> RequestPriority.valueOf(level.name()))
                        .orElse(null);
        autoCreateThroughput = options.getOptional(AUTO_CREATE_THROUGHPUT).orElse(null);
        autoCreateAutoscaleMaxThroughput =
                options.getOptional(AUTO_CREATE_AUTOSCALE_MAX_THROUGHPUT).orElse(null);
        sinkParallelism = options.getOptional(FactoryUtil.SINK_PARALLELISM).orElse(null);
        maxBatchSize = options.getOptional(AsyncSinkConnectorOptions.MAX_BATCH_SIZE).orElse(null);
        maxInFlightRequests =
                options.getOptional(AsyncSinkConnectorOptions.MAX_IN_FLIGHT_REQUESTS).orElse(null);
        maxBufferedRequests =
                options.getOptional(AsyncSinkConnectorOptions.MAX_BUFFERED_REQUESTS).orElse(null);
        flushBufferSize =
                options.getOptional(AsyncSinkConnectorOptions.FLUSH_BUFFER_SIZE).orElse(null);
        flushBufferTimeoutMs =
                options.getOptional(AsyncSinkConnectorOptions.FLUSH_BUFFER_TIMEOUT).orElse(null);
    }

    /**
     * Reads a table's options, which the validator has already found valid.
     *
     * @param tableName the table's name, for dead letters and messages
     */
    static CosmosTableConfig read(ReadableConfig options, String tableName) {
        return new CosmosTableConfig(options, tableName);
    }

    /**
     * Dead-letter options that take effect only with a dead-letter container, set without one: a
     * user who writes them expects dead letters.
     */
    static List<String> deadLetterOptionsWithoutContainer(Map<String, String> options) {
        if (options.containsKey(DEAD_LETTER_CONTAINER.key())) {
            return List.of();
        }
        return Stream.of(DEAD_LETTER_CLASSES, DEAD_LETTER_PARTITION_KEY_PATH)
                .filter(option -> options.containsKey(option.key()))
                .map(
                        option ->
                                """
                                Option '%s' is set, but '%s' is not, so no write goes to a \
                                dead-letter container. Set '%s', or remove '%s'."""
                                        .formatted(
                                                option.key(),
                                                DEAD_LETTER_CONTAINER.key(),
                                                DEAD_LETTER_CONTAINER.key(),
                                                option.key()))
                .toList();
    }

    /** Hands every Cosmos DB option to the builder; the AsyncSink options go their own way. */
    <T> CosmosSinkBuilder<T> configure(CosmosSinkBuilder<T> builder) {
        if (authType == CosmosConnectorOptions.AuthType.KEY) {
            builder.setAccountKey(accountKey);
        } else {
            builder.setCredential(credential());
        }
        builder.setEndpoint(endpoint)
                .setDatabase(database)
                .setContainer(container)
                .setConnectionMode(connectionMode)
                .setPreferredRegions(preferredRegions)
                .setAutoCreate(autoCreate)
                .setMaxMicroBatchConcurrency(maxMicroBatchConcurrency)
                .setDeleteMode(deleteMode)
                .setWriteMode(writeMode)
                .setPatchSkipNullFields(patchSkipNullColumns)
                .setSoftDelete(softDeleteMarkerField, softDeleteTtlSeconds)
                .setRetryBackoff(
                        retryMaxAttempts,
                        Duration.ofMillis(retryInitialDelayMs),
                        Duration.ofMillis(retryMaxDelayMs),
                        retryMultiplier)
                .setThrottlingRetry(
                        throttlingMaxRetryAttempts, Duration.ofMillis(throttlingMaxRetryWaitMs));
        if (targetThroughput != null) {
            builder.setThroughputControlTarget(targetThroughput);
        }
        if (targetThreshold != null) {
            builder.setThroughputControlThreshold(targetThreshold);
        }
        if (priority != null) {
            builder.setRequestPriority(priority);
        }
        if (autoCreateThroughput != null) {
            builder.setAutoCreateThroughput(autoCreateThroughput);
        }
        if (autoCreateAutoscaleMaxThroughput != null) {
            builder.setAutoCreateAutoscaleMaxThroughput(autoCreateAutoscaleMaxThroughput);
        }
        if (bulkRequestTimeoutMs != null) {
            builder.setBulkRequestTimeout(Duration.ofMillis(bulkRequestTimeoutMs));
        }
        if (failDetector != null) {
            builder.setStatusDetector(failDetector);
        }
        if (versionColumn != null) {
            // The row's JSON holds the column under its own name.
            builder.setVersionField(versionColumn);
        }
        if (deadLetterContainer != null) {
            builder.setDeadLetterContainer(deadLetterContainer)
                    .setDeadLetterClasses(deadLetterClasses)
                    .setDeadLetterPartitionKeyPath(deadLetterPartitionKeyPath);
        }
        return builder.setSinkName(tableName);
    }

    /**
     * The Entra ID credential of {@code cosmos.auth.type}; the validator has made sure that its
     * options are there, and a service principal has a secret or a certificate.
     */
    private CosmosCredential credential() {
        CosmosCredential credential =
                switch (authType) {
                    case SERVICE_PRINCIPAL ->
                            clientSecret != null
                                    ? CosmosCredential.servicePrincipal(tenantId, clientId)
                                            .withSecret(clientSecret)
                                    : CosmosCredential.servicePrincipal(tenantId, clientId)
                                            .withCertificate(certificatePath, certificatePassword);
                    case MANAGED_IDENTITY ->
                            clientId == null
                                    ? CosmosCredential.managedIdentity()
                                    : CosmosCredential.managedIdentity(clientId);
                    case WORKLOAD_IDENTITY ->
                            tenantId == null && clientId == null
                                    ? CosmosCredential.workloadIdentity()
                                    : CosmosCredential.workloadIdentity(tenantId, clientId);
                    case KEY -> throw new IllegalStateException("not an Entra ID type");
                };
        return authorityHost == null ? credential : credential.withAuthorityHost(authorityHost);
    }

    /**
     * Why the credential options do not make a credential, beyond what the spec's rules say: a
     * service principal needs a secret or a certificate. Empty when they do.
     */
    Optional<String> credentialProblem() {
        if (authType == CosmosConnectorOptions.AuthType.SERVICE_PRINCIPAL
                && clientSecret == null
                && certificatePath == null) {
            return Optional.of(
                    """
                    Option 'cosmos.auth.type' is 'service-principal', but neither \
                    'cosmos.auth.client-secret' nor 'cosmos.auth.client-certificate-path' is set. \
                    Set one of them.""");
        }
        return Optional.empty();
    }

    /**
     * How the sink authenticates, for the client that reads the container when planning: the key,
     * or the same Entra ID credential as {@link #credential()}, in the client package's form (the
     * public {@link CosmosCredential} keeps that form to itself).
     */
    CosmosAuthentication authentication() {
        if (authType == CosmosConnectorOptions.AuthType.KEY) {
            return new AccountKey(accountKey);
        }
        EntraIdCredential.Kind kind = EntraIdCredential.Kind.valueOf(authType.name());
        return new EntraIdCredential(
                kind,
                tenantId,
                clientId,
                clientSecret == null ? null : new Secret(clientSecret),
                certificatePath,
                certificatePassword == null ? null : new Secret(certificatePassword),
                authorityHost);
    }

    /** Where the sink writes, for reading the live container's partition key when planning. */
    CosmosConnection connection() {
        return new CosmosConnection(
                endpoint, authentication(), database, container, connectionMode, preferredRegions);
    }

    boolean autoCreate() {
        return autoCreate;
    }

    /** {@code cosmos.write.delete-mode}: what DELETE and UPDATE_BEFORE rows do. */
    DeleteMode deleteMode() {
        return deleteMode;
    }

    /** {@code cosmos.write.mode}: what a row does to its document. */
    WriteMode writeMode() {
        return writeMode;
    }

    /** {@code cosmos.write.version-column}, null for unversioned writes. */
    String versionColumn() {
        return versionColumn;
    }

    /** {@code cosmos.fail.detector}, null for the built-in detector. */
    String failDetector() {
        return failDetector;
    }

    /** How the row converter writes timestamps; a table concept, not the DataStream sink's. */
    TimestampLayout timestampLayout() {
        return timestampLayout;
    }

    Integer sinkParallelism() {
        return sinkParallelism;
    }

    Integer maxBatchSize() {
        return maxBatchSize;
    }

    Integer maxInFlightRequests() {
        return maxInFlightRequests;
    }

    Integer maxBufferedRequests() {
        return maxBufferedRequests;
    }

    Long flushBufferSize() {
        return flushBufferSize;
    }

    Long flushBufferTimeoutMs() {
        return flushBufferTimeoutMs;
    }
}
