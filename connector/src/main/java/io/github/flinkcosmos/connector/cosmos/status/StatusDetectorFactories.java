package io.github.flinkcosmos.connector.cosmos.status;

import org.apache.flink.annotation.Internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeSet;

/** Finds the detector factory that {@code cosmos.fail.detector} names. */
@Internal
public final class StatusDetectorFactories {

    private StatusDetectorFactories() {}

    /**
     * The factory with this identifier, or the built-in one when none is named.
     *
     * @throws IllegalArgumentException naming the identifiers that are available
     */
    public static CosmosRequestStatusDetectorFactory find(
            Optional<String> identifier, ClassLoader classLoader) {
        if (identifier.isEmpty()) {
            return new DefaultCosmosRequestStatusDetectorFactory();
        }
        List<CosmosRequestStatusDetectorFactory> matches = new ArrayList<>();
        TreeSet<String> available = new TreeSet<>();
        for (CosmosRequestStatusDetectorFactory factory :
                ServiceLoader.load(CosmosRequestStatusDetectorFactory.class, classLoader)) {
            available.add(factory.identifier());
            if (factory.identifier().equals(identifier.get())) {
                matches.add(factory);
            }
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            throw new IllegalArgumentException(
                    "Option 'cosmos.fail.detector' is '"
                            + identifier.get()
                            + "', but no CosmosRequestStatusDetectorFactory on the classpath has"
                            + " that identifier. Available: "
                            + String.join(", ", available)
                            + ".");
        }
        throw new IllegalArgumentException(
                "Option 'cosmos.fail.detector' is '"
                        + identifier.get()
                        + "', but "
                        + matches.size()
                        + " factories have that identifier: "
                        + matches.stream().map(f -> f.getClass().getName()).sorted().toList()
                        + ". Remove all but one from the classpath.");
    }
}
