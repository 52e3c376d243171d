package io.github.flinkcosmos.connector.cosmos.sink.internal;

import com.azure.cosmos.CosmosAsyncClient;
import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.PartitionKey;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinkcosmos.connector.cosmos.client.ContainerAutoCreator;
import io.github.flinkcosmos.connector.cosmos.client.CosmosConnection;
import io.github.flinkcosmos.connector.cosmos.sink.DeadLetterClass;
import org.apache.flink.annotation.Internal;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Writes dead letters into the dead-letter container: one document per write the sink gave up on,
 * with the original id and partition key, the table, why, and the row's JSON. At least once, like
 * the sink: a dead letter may be written twice after a restore.
 */
@Internal
public final class DeadLetterWriter {

    /** A row that is itself too large is kept as text, cut to this many characters. */
    static final int ROW_TEXT_CHARACTERS = 16 * 1024;

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int NOT_FOUND = 404;

    private final CosmosAsyncContainer container;
    private final CosmosConnection connection;
    private final DeadLetterSettings settings;
    private final String sinkName;
    private final RetryBackoff retry;
    private final ObjectMapper json = new ObjectMapper();

    public DeadLetterWriter(
            CosmosAsyncClient client,
            CosmosConnection sinkConnection,
            DeadLetterSettings settings,
            String sinkName,
            RetryBackoff retry) {
        this.connection = sinkConnection.withContainer(settings.container());
        this.container =
                client.getDatabase(connection.database()).getContainer(connection.container());
        this.settings = settings;
        this.sinkName = sinkName;
        this.retry = retry;
    }

    /**
     * Creates the dead-letter container with auto-create, or checks that it exists.
     *
     * @throws IllegalStateException naming the option when the container is missing
     */
    public void prepare(CosmosAsyncClient client, boolean autoCreate) {
        if (autoCreate) {
            ContainerAutoCreator.ensure(client, connection, List.of(settings.partitionKeyPath()));
            return;
        }
        List<String> paths;
        try {
            paths =
                    container
                            .read()
                            .block(TIMEOUT)
                            .getProperties()
                            .getPartitionKeyDefinition()
                            .getPaths();
        } catch (CosmosException e) {
            String reason =
                    e.getStatusCode() == NOT_FOUND
                            ? "does not exist"
                            : "cannot be read (status %d, sub-status %d)"
                                    .formatted(e.getStatusCode(), e.getSubStatusCode());
            throw new IllegalStateException(
                    """
                    The dead-letter container '%s' (cosmos.dead-letter.container) %s. Create it \
                    with partition key %s, or set 'cosmos.auto-create' = 'true'."""
                            .formatted(
                                    connection.containerPath(),
                                    reason,
                                    settings.partitionKeyPath()));
        }
        if (!paths.equals(List.of(settings.partitionKeyPath()))) {
            throw new IllegalStateException(
                    """
                    The dead-letter container '%s' (cosmos.dead-letter.container) has partition \
                    key %s, but 'cosmos.dead-letter.partition-key-path' is %s. Set the option to \
                    the container's path (one of /id, /originalId, /table, /classification), or \
                    use another container."""
                            .formatted(
                                    connection.containerPath(),
                                    paths,
                                    settings.partitionKeyPath()));
        }
    }

    /** Writes every dead letter, each retried as the sink's own writes are. */
    public Mono<Void> write(List<DeadLetter> letters) {
        return Flux.fromIterable(letters)
                .flatMap(
                        letter -> {
                            ObjectNode document = document(letter);
                            PartitionKey key =
                                    new PartitionKey(
                                            document.path(settings.partitionKeyPath().substring(1))
                                                    .asText());
                            return container
                                    .upsertItem(document, key, null)
                                    .retryWhen(
                                            Retry.backoff(retry.maxRetries(), retry.initialDelay())
                                                    .maxBackoff(retry.maxDelay())
                                                    .filter(DeadLetterWriter::isTransient));
                        })
                .then();
    }

    /** What a retry can cure: throttling, timeouts, the service's own errors, no answer. */
    private static boolean isTransient(Throwable error) {
        if (!(error instanceof CosmosException cosmos)) {
            return true;
        }
        int status = cosmos.getStatusCode();
        return status == 408 || status == 410 || status == 429 || status == 449 || status >= 500;
    }

    /** The container dead letters go to, for messages. */
    public String containerPath() {
        return connection.containerPath();
    }

    ObjectNode document(DeadLetter letter) {
        ObjectNode document = json.createObjectNode();
        document.put("id", UUID.randomUUID().toString());
        document.put("originalId", letter.id());
        document.set("originalPartitionKey", json.valueToTree(letter.partitionKey()));
        document.put("table", sinkName);
        document.put("classification", letter.deadLetterClass().name());
        document.put("statusCode", letter.statusCode());
        document.put("subStatusCode", letter.subStatusCode());
        document.put("reason", letter.reason());
        document.put("attempts", letter.attempts());
        document.put("time", Instant.now().toString());
        if (letter.json() != null) {
            document.put("rowBytes", letter.json().length);
            if (letter.deadLetterClass() == DeadLetterClass.REJECTED) {
                // The row itself broke a limit: keep its beginning as text, never the whole.
                String text = new String(letter.json(), StandardCharsets.UTF_8);
                document.put(
                        "rowText",
                        text.length() <= ROW_TEXT_CHARACTERS
                                ? text
                                : text.substring(0, ROW_TEXT_CHARACTERS));
            } else {
                try {
                    document.set("row", json.readTree(letter.json()));
                } catch (IOException e) {
                    document.put("rowText", new String(letter.json(), StandardCharsets.UTF_8));
                }
            }
        }
        return document;
    }
}
