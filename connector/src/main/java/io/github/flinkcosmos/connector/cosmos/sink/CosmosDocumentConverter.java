package io.github.flinkcosmos.connector.cosmos.sink;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;

/**
 * Turns an element of the stream into the document the sink writes. It travels with the sink to
 * every task manager, so it must be serializable.
 *
 * @param <InputT> the type of the stream's elements
 */
@PublicEvolving
@FunctionalInterface
public interface CosmosDocumentConverter<InputT> extends Serializable {

    /** The document for an element. */
    CosmosDocument toDocument(InputT element);

    /**
     * Whether the sink leaves the container alone for this element and never converts it. The table
     * sink skips the old value of an update this way; the default writes every element.
     */
    default boolean skips(InputT element) {
        return false;
    }

    /**
     * The deepest nesting of objects and arrays the converter's JSON can have, the document itself
     * being 1. Unknown by default, so the sink measures each document against Cosmos DB's limit; a
     * converter that knows its shape saves that pass.
     */
    default int maxNestingDepth() {
        return Integer.MAX_VALUE;
    }
}
