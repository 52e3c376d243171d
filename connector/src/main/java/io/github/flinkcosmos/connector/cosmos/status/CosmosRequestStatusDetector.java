package io.github.flinkcosmos.connector.cosmos.status;

import org.apache.flink.annotation.PublicEvolving;

/**
 * Decides what the sink does with an operation, from the HTTP status and sub-status codes Cosmos DB
 * returned for it. Implementations must be thread-safe and free of side effects.
 */
@PublicEvolving
public interface CosmosRequestStatusDetector {

    /**
     * Classifies one operation's result.
     *
     * @param statusCode the HTTP status code, for example 429
     * @param subStatusCode the Cosmos DB sub-status code, 0 when there is none
     */
    RequestClassification classify(int statusCode, int subStatusCode);

    /**
     * Classifies one operation's result, knowing what the operation was. The default applies the
     * overrides per operation kind of the reference page's status table (a delete or soft delete
     * answered 404/0 finds the document gone: SUCCESS; a create answered 409 finds it existing:
     * SUCCESS; a patch answered 404/0 falls back to creating the document, and that create answered
     * 409 to patching it again: FALLBACK), and asks {@link #classify(int, int)} for every other
     * status, so detectors written before operation kinds keep working. A detector that overrides
     * this method decides every status itself.
     *
     * @param kind what the sink asked for
     * @param statusCode the HTTP status code, for example 429
     * @param subStatusCode the Cosmos DB sub-status code, 0 when there is none
     */
    default RequestClassification classify(OperationKind kind, int statusCode, int subStatusCode) {
        RequestClassification override =
                DefaultCosmosRequestStatusDetector.overrideFor(kind, statusCode, subStatusCode);
        return override != null ? override : classify(statusCode, subStatusCode);
    }
}
