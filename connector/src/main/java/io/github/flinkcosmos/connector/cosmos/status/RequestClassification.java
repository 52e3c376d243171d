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
    DROP
}
