package io.github.flinkcosmos.connector.cosmos.status;

import org.apache.flink.annotation.PublicEvolving;

/**
 * What the sink asked Cosmos DB to do with one document: the same status can mean different things.
 */
@PublicEvolving
public enum OperationKind {
    /** Create or replace the document with the row's JSON. */
    UPSERT,
    /** Delete the document by its id and partition-key value. */
    DELETE
}
