package io.github.flinkcosmos.connector.cosmos.status;

/**
 * A detector for tests, found through the ServiceLoader: like the default one, but a 409 conflict
 * is retried instead of failing the job.
 */
public final class RetryConflictsDetectorFactory implements CosmosRequestStatusDetectorFactory {

    @Override
    public String identifier() {
        return "retry-conflicts";
    }

    @Override
    public CosmosRequestStatusDetector createDetector() {
        DefaultCosmosRequestStatusDetector defaults = new DefaultCosmosRequestStatusDetector();
        return (status, subStatus) ->
                status == 409 ? RequestClassification.RETRY : defaults.classify(status, subStatus);
    }
}
