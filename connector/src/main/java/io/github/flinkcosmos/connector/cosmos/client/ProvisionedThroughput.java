package io.github.flinkcosmos.connector.cosmos.client;

import com.azure.cosmos.models.ThroughputProperties;
import org.apache.flink.annotation.Internal;

import java.io.Serializable;
import java.util.Optional;

import static org.apache.flink.util.Preconditions.checkArgument;

/**
 * The throughput a container made by auto-create gets: manual request units per second, autoscale
 * up to a maximum, or the service's default. An existing container is never changed.
 */
@Internal
public record ProvisionedThroughput(boolean autoscale, int requestUnitsPerSecond)
        implements Serializable {

    /** The service's minimum for a container of its own throughput. */
    public static final int MIN_MANUAL = 400;

    /** The service's minimum autoscale maximum. */
    public static final int MIN_AUTOSCALE_MAX = 1000;

    /** Whatever the service gives a new container. */
    public static ProvisionedThroughput serviceDefault() {
        return new ProvisionedThroughput(false, 0);
    }

    public static ProvisionedThroughput manual(int requestUnitsPerSecond) {
        checkArgument(
                requestUnitsPerSecond >= MIN_MANUAL,
                "Manual throughput is at least %s RU/s, got %s",
                MIN_MANUAL,
                requestUnitsPerSecond);
        return new ProvisionedThroughput(false, requestUnitsPerSecond);
    }

    public static ProvisionedThroughput autoscale(int maxRequestUnitsPerSecond) {
        checkArgument(
                maxRequestUnitsPerSecond >= MIN_AUTOSCALE_MAX,
                "An autoscale maximum is at least %s RU/s, got %s",
                MIN_AUTOSCALE_MAX,
                maxRequestUnitsPerSecond);
        return new ProvisionedThroughput(true, maxRequestUnitsPerSecond);
    }

    public boolean isServiceDefault() {
        return requestUnitsPerSecond == 0;
    }

    /** What to create the container with; empty for the service's default. */
    Optional<ThroughputProperties> properties() {
        if (isServiceDefault()) {
            return Optional.empty();
        }
        return Optional.of(
                autoscale
                        ? ThroughputProperties.createAutoscaledThroughput(requestUnitsPerSecond)
                        : ThroughputProperties.createManualThroughput(requestUnitsPerSecond));
    }

    /** As a user would write it, for log lines. */
    @Override
    public String toString() {
        if (isServiceDefault()) {
            return "the service's default throughput";
        }
        return autoscale
                ? "autoscale up to %d RU/s".formatted(requestUnitsPerSecond)
                : "%d RU/s (manual)".formatted(requestUnitsPerSecond);
    }
}
