package io.github.flinkcosmos.connector.cosmos.client;

import org.apache.flink.annotation.PublicEvolving;

/**
 * The priority of the sink's requests, for an account with priority-based execution: once a
 * container is over its budget, the service throttles low-priority requests before high-priority
 * ones.
 */
@PublicEvolving
public enum RequestPriority {
    /** As important as the requests of other clients, which are high unless they say otherwise. */
    HIGH,
    /** Gives way: throttled first while the container is over its budget. */
    LOW
}
