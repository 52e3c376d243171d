package io.github.flinkcosmos.connector.cosmos.sink.internal;

import io.github.flinkcosmos.connector.cosmos.sink.DeadLetterClass;
import org.apache.flink.annotation.Internal;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * Where the writes the sink gives up on go instead of failing the job or vanishing.
 *
 * @param container a container in the sink's database
 * @param classes which of the given-up writes go there
 * @param partitionKeyPath the dead-letter container's partition key, a field of the dead letter
 */
@Internal
public record DeadLetterSettings(
        String container, List<DeadLetterClass> classes, String partitionKeyPath)
        implements Serializable {

    public DeadLetterSettings {
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(partitionKeyPath, "partitionKeyPath");
        classes = List.copyOf(classes);
    }

    public boolean takes(DeadLetterClass deadLetterClass) {
        return classes.contains(deadLetterClass);
    }
}
