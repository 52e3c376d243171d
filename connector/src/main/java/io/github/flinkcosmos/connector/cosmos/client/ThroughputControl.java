package io.github.flinkcosmos.connector.cosmos.client;

import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.ThroughputControlGroupConfig;
import com.azure.cosmos.ThroughputControlGroupConfigBuilder;
import com.azure.cosmos.models.PriorityLevel;
import org.apache.flink.annotation.Internal;

import java.io.Serializable;
import java.util.Optional;

import static org.apache.flink.util.Preconditions.checkArgument;

/**
 * How much of the container's throughput the whole sink may use, and at which priority, through the
 * Cosmos DB client's local throughput control.
 *
 * <p>Local control keeps a budget per client, and every subtask has a client of its own: each
 * subtask therefore gets the sink's target divided by the sink's parallelism, so that together they
 * keep the target. (The client also keeps its budget per partition-key range in direct mode, and
 * for the whole container in gateway mode.)
 *
 * @param targetThroughput request units per second for the whole sink, 0 for none
 * @param targetThreshold the fraction of the container's provisioned throughput for the whole sink,
 *     0 for none
 * @param priority the priority of the sink's requests, null to send none
 */
@Internal
public record ThroughputControl(
        int targetThroughput, double targetThreshold, RequestPriority priority)
        implements Serializable {

    /** The name of the sink's throughput control group in each subtask's client. */
    static final String GROUP_NAME = "flink-cosmos-sink";

    public ThroughputControl {
        checkArgument(
                targetThroughput >= 0,
                "targetThroughput must not be negative, got %s",
                targetThroughput);
        checkArgument(
                targetThreshold >= 0 && targetThreshold <= 1,
                "targetThreshold must be above 0 and at most 1, got %s",
                targetThreshold);
        checkArgument(
                targetThroughput == 0 || targetThreshold == 0,
                "Set a target throughput or a target threshold, not both");
    }

    /** No control: the sink uses what the service lets it. */
    public static ThroughputControl none() {
        return new ThroughputControl(0, 0, null);
    }

    public boolean isNone() {
        return targetThroughput == 0 && targetThreshold == 0 && priority == null;
    }

    /**
     * Turns the control on for this subtask's client, with its share of the target.
     *
     * @param parallelism the number of the sink's subtasks
     * @return the group's name, to give the bulk requests; empty when there is no control
     */
    public Optional<String> enableOn(CosmosAsyncContainer container, int parallelism) {
        return groupFor(parallelism)
                .map(
                        group -> {
                            container.enableLocalThroughputControlGroup(group);
                            return group.getGroupName();
                        });
    }

    /** The group one of {@code parallelism} subtasks uses; empty when there is no control. */
    Optional<ThroughputControlGroupConfig> groupFor(int parallelism) {
        checkArgument(parallelism >= 1, "parallelism must be at least 1, got %s", parallelism);
        if (isNone()) {
            return Optional.empty();
        }
        ThroughputControlGroupConfigBuilder group =
                new ThroughputControlGroupConfigBuilder().groupName(GROUP_NAME);
        if (targetThroughput > 0) {
            group.targetThroughput(Math.max(1, targetThroughput / parallelism));
        }
        if (targetThreshold > 0) {
            group.targetThroughputThreshold(targetThreshold / parallelism);
        }
        if (priority != null) {
            group.priorityLevel(
                    priority == RequestPriority.LOW ? PriorityLevel.LOW : PriorityLevel.HIGH);
        }
        return Optional.of(group.build());
    }
}
