package io.github.flinkcosmos.connector.cosmos.sink;

import io.github.flinkcosmos.connector.cosmos.client.CosmosConnection;
import io.github.flinkcosmos.connector.cosmos.client.ProvisionedThroughput;
import io.github.flinkcosmos.connector.cosmos.client.ThrottlingRetry;
import io.github.flinkcosmos.connector.cosmos.client.ThroughputControl;
import io.github.flinkcosmos.connector.cosmos.sink.internal.DeadLetterSettings;
import io.github.flinkcosmos.connector.cosmos.sink.internal.RetryBackoff;
import io.github.flinkcosmos.connector.cosmos.sink.internal.WritePlan;
import org.apache.flink.annotation.Internal;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a writer needs beyond the AsyncSink settings.
 *
 * @param detectorIdentifier the {@code cosmos.fail.detector} value, null for the built-in one
 * @param partitionKeyPaths the container's partition key, e.g. {@code [/tenant]}
 * @param autoCreate whether the writer creates the database and container when missing
 * @param requestTimeoutMillis the bulk request timeout, 0 for the Cosmos DB client's own
 * @param writes the write and delete modes ({@code cosmos.write.mode}, {@code
 *     cosmos.write.delete-mode}) and what patches and soft deletes set
 * @param deadLetterSettings where given-up writes go, null to fail the job or drop them
 * @param sinkName the table or sink name, for dead letters
 * @param throttling how the client retries operations answered 429 before the writer sees them
 * @param throughputControl the whole sink's throughput target and priority
 * @param autoCreateThroughput what a container the writer creates is provisioned with
 */
@Internal
public record CosmosWriterSettings(
        CosmosConnection connection,
        RetryBackoff retry,
        int maxMicroBatchConcurrency,
        String detectorIdentifier,
        List<String> partitionKeyPaths,
        boolean autoCreate,
        long requestTimeoutMillis,
        WritePlan writes,
        DeadLetterSettings deadLetterSettings,
        String sinkName,
        ThrottlingRetry throttling,
        ThroughputControl throughputControl,
        ProvisionedThroughput autoCreateThroughput)
        implements Serializable {

    public CosmosWriterSettings {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(writes, "writes");
        Objects.requireNonNull(throttling, "throttling");
        Objects.requireNonNull(throughputControl, "throughputControl");
        Objects.requireNonNull(autoCreateThroughput, "autoCreateThroughput");
        partitionKeyPaths = List.copyOf(partitionKeyPaths);
    }

    /** {@code cosmos.write.delete-mode}. */
    public DeleteMode deleteMode() {
        return writes.deleteMode();
    }

    public Optional<DeadLetterSettings> deadLetters() {
        return Optional.ofNullable(deadLetterSettings);
    }

    public Optional<String> detector() {
        return Optional.ofNullable(detectorIdentifier);
    }

    public Optional<Duration> requestTimeout() {
        return requestTimeoutMillis > 0
                ? Optional.of(Duration.ofMillis(requestTimeoutMillis))
                : Optional.empty();
    }
}
