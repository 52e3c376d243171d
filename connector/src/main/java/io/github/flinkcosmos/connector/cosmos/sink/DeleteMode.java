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
    DELETE
}
