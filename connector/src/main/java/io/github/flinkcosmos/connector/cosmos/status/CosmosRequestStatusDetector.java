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
     * Classifies one operation's result, knowing what the operation was. The sink itself counts a
     * delete answered 404/0 (the document is already gone) as SUCCESS before it asks the detector.
     * The default ignores the kind, so detectors written before deletes keep working.
     *
     * @param kind what the sink asked for: an upsert or a delete
     * @param statusCode the HTTP status code, for example 429
     * @param subStatusCode the Cosmos DB sub-status code, 0 when there is none
     */
    default RequestClassification classify(OperationKind kind, int statusCode, int subStatusCode) {
        return classify(statusCode, subStatusCode);
    }
}
