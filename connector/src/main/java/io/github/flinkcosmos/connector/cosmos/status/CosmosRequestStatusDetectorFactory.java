package io.github.flinkcosmos.connector.cosmos.status;

import org.apache.flink.annotation.PublicEvolving;

/**
 * Makes the detector that classifies each operation of the sink. Implementations are found with
 * Java's {@link java.util.ServiceLoader}: list the class in {@code
 * META-INF/services/io.github.flinkcosmos.connector.cosmos.status.CosmosRequestStatusDetectorFactory}
 * and name its {@link #identifier()} in {@code cosmos.fail.detector}.
 */
@PublicEvolving
public interface CosmosRequestStatusDetectorFactory {

    /** The name {@code cosmos.fail.detector} refers to, unique among the factories found. */
    String identifier();

    /** A detector for one sink writer; called once per writer when it starts. */
    CosmosRequestStatusDetector createDetector();
}
