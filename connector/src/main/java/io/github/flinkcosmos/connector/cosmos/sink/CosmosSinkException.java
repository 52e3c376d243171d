package io.github.flinkcosmos.connector.cosmos.sink;

import org.apache.flink.annotation.PublicEvolving;

/**
 * Why the sink failed the job: an operation classified FAIL, or operations that still failed after
 * every retry. The message names statuses, ids and partition-key values, never a document or the
 * account key.
 */
@PublicEvolving
public final class CosmosSinkException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CosmosSinkException(String message) {
        super(message);
    }
}
