package io.github.flinkcosmos.connector.cosmos.sink;

import org.apache.flink.annotation.PublicEvolving;

/** How the sink writes a document's JSON, the {@code cosmos.write.mode} option. */
@PublicEvolving
public enum WriteMode {
    /** Create the document or replace it whole: the last write wins. The default. */
    UPSERT,
    /**
     * Create the document only if it does not exist: an existing one is left as it is (409 counts
     * as success, in the {@code operationsSkippedExisting} metric), so the first write wins.
     */
    CREATE,
    /**
     * Set each top-level field of the JSON, except the id and the partition-key fields, on the
     * stored document and leave its other fields alone, so that several jobs can each write their
     * own fields. A missing document is created from the JSON. More than 10 fields are written as
     * several patches of the document, in order.
     */
    PATCH
}
