package io.github.flinkcosmos.connector.cosmos.status;

import org.apache.flink.annotation.PublicEvolving;

/** What the sink writer does with one operation of a bulk request, given its status. */
@PublicEvolving
public enum RequestClassification {
    /** The document was written. */
    SUCCESS,
    /** The operation is submitted again after the backoff delay, up to the retry limit. */
    RETRY,
    /** The job fails at once. */
    FAIL,
    /** The operation is discarded and counted. */
    DROP,
    /**
     * The operation is replaced by its fallback and submitted again at once, counted as a retry: a
     * {@link OperationKind#PATCH} of a missing document becomes the {@link
     * OperationKind#CREATE_MISSING create} of it, and that create, when another writer created the
     * document first, the patch again. For other kinds the job fails, as for {@link #FAIL}.
     */
    FALLBACK
}
