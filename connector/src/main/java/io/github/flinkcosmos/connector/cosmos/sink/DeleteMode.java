package io.github.flinkcosmos.connector.cosmos.sink;

import org.apache.flink.annotation.PublicEvolving;

/** What the sink does with a delete, the {@code cosmos.write.delete-mode} option. */
@PublicEvolving
public enum DeleteMode {
    /**
     * Deletes are written as upserts (the table sink upserts a DELETE row's values); a {@link
     * CosmosDocument#delete} fails the job, since it has no JSON to upsert.
     */
    UPSERT,
    /** Deletes remove their document; one that is already gone counts as deleted. */
    DELETE,
    /**
     * Deletes patch their document with the marker field set to {@code true} and a {@code ttl}, so
     * that change-feed readers see the deletion and the service removes the document later; one
     * that is already gone counts as deleted. The container's time to live must be on.
     */
    SOFT_DELETE;

    /** Whether deletes reach Cosmos DB as deletes or soft deletes, rather than as upserts. */
    public boolean writesDeletes() {
        return this != UPSERT;
    }
}
