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
}
