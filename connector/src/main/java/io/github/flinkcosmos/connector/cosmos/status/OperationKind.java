package io.github.flinkcosmos.connector.cosmos.status;

import org.apache.flink.annotation.PublicEvolving;

/**
 * What the sink asked Cosmos DB to do with one document: the same status can mean different things.
 * The spec's {@code status-classification.operation-overrides} classify some statuses per kind.
 */
@PublicEvolving
public enum OperationKind {
    /** Create or replace the document with the row's JSON ({@code cosmos.write.mode} upsert). */
    UPSERT,
    /** Delete the document by its id and partition-key value. */
    DELETE,
    /** Create the document only if it does not exist ({@code cosmos.write.mode} create). */
    CREATE,
    /** Set the row's fields on the existing document ({@code cosmos.write.mode} patch). */
    PATCH,
    /** Create the document a {@link #PATCH} found missing, from the row. */
    CREATE_MISSING,
    /** Mark the document deleted and give it a time to live ({@code soft-delete}). */
    SOFT_DELETE
}
