package io.github.flinkcosmos.connector.cosmos.status;

import org.apache.flink.annotation.PublicEvolving;

/** Makes the built-in {@link DefaultCosmosRequestStatusDetector}, used when none is named. */
@PublicEvolving
public final class DefaultCosmosRequestStatusDetectorFactory
        implements CosmosRequestStatusDetectorFactory {

    public static final String IDENTIFIER = "default";

    @Override
    public String identifier() {
        return IDENTIFIER;
    }

    @Override
    public CosmosRequestStatusDetector createDetector() {
        return new DefaultCosmosRequestStatusDetector();
    }
}
