package io.github.flinkcosmos.connector.cosmos.sink;

import org.apache.flink.annotation.Internal;

/**
 * A row the sink does not send, because Cosmos DB would refuse it: the writer writes the rows
 * before it, then fails the job with this message.
 */
@Internal
public final class CosmosRowRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CosmosRowRejectedException(String message) {
        super(message);
    }
}
