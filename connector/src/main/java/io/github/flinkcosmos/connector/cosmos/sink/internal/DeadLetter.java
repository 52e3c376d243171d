package io.github.flinkcosmos.connector.cosmos.sink.internal;

import io.github.flinkcosmos.connector.cosmos.sink.CosmosDocument;
import io.github.flinkcosmos.connector.cosmos.sink.CosmosWriteRequest;
import io.github.flinkcosmos.connector.cosmos.sink.DeadLetterClass;
import io.github.flinkcosmos.connector.cosmos.status.OperationKind;
import org.apache.flink.annotation.Internal;

import java.util.List;

/**
 * A write the sink gave up on, and why.
 *
 * @param json the row's JSON, null for a delete
 * @param attempts how many times it was sent, 0 for a row never sent
 * @param reason what went wrong, in words, without the row's content
 */
@Internal
public record DeadLetter(
        String id,
        List<Object> partitionKey,
        byte[] json,
        DeadLetterClass deadLetterClass,
        int statusCode,
        int subStatusCode,
        int attempts,
        String reason) {

    public static DeadLetter of(
            CosmosWriteRequest request,
            DeadLetterClass deadLetterClass,
            int statusCode,
            int subStatusCode,
            String reason) {
        return new DeadLetter(
                request.id(),
                request.partitionKey(),
                carriesJson(request.kind()) ? request.document() : null,
                deadLetterClass,
                statusCode,
                subStatusCode,
                request.retries() + 1,
                reason);
    }

    /** Deletes and soft deletes carry no JSON of the row. */
    private static boolean carriesJson(OperationKind kind) {
        return kind != OperationKind.DELETE && kind != OperationKind.SOFT_DELETE;
    }

    /** A row the sink refused before sending it: status 0, never attempted. */
    public static DeadLetter rejected(CosmosDocument document, String reason) {
        return new DeadLetter(
                document.id(),
                document.partitionKey(),
                document.isDelete() ? null : document.json(),
                DeadLetterClass.REJECTED,
                0,
                0,
                0,
                reason);
    }

    /** The document the dead letter is about. */
    public CosmosWriteRequest.DocumentKey key() {
        return new CosmosWriteRequest.DocumentKey(partitionKey, id);
    }
}
