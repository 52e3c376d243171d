package io.github.flinkcosmos.connector.cosmos.sink;

import org.apache.flink.annotation.Internal;

/**
 * A row the sink does not send, because Cosmos DB would refuse it: the writer writes the rows
 * before it, then fails the job with this message.
 */
@Internal
public final class CosmosRowRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Only for the writer that catches it, never shipped. */
    private final transient CosmosDocument document;

    public CosmosRowRejectedException(CosmosDocument document, String message) {
        super(message);
        this.document = document;
    }

    /** The refused document, for the dead-letter container. */
    public CosmosDocument document() {
        return document;
    }
}
