package io.github.flinkcosmos.connector.cosmos.sink;

import io.github.flinkcosmos.connector.cosmos.client.CosmosConnection;
import io.github.flinkcosmos.connector.cosmos.sink.internal.RetryBackoff;
import org.apache.flink.annotation.Internal;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/**
 * What a writer needs beyond the AsyncSink settings.
 *
 * @param detectorIdentifier the {@code cosmos.fail.detector} value, null for the built-in one
 */
@Internal
public record CosmosWriterSettings(
        CosmosConnection connection,
        RetryBackoff retry,
        int maxMicroBatchConcurrency,
        String detectorIdentifier)
        implements Serializable {

    public CosmosWriterSettings {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(retry, "retry");
    }

    public Optional<String> detector() {
        return Optional.ofNullable(detectorIdentifier);
    }
}
