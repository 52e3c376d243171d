package io.github.flinkcosmos.embedded.throughput;

import java.util.Optional;

/**
 * A request's priority ({@code x-ms-cosmos-priority-level}); a request without one is high, as the
 * service treats it.
 */
public enum Priority {
    HIGH,
    LOW;

    /** The request header that carries it. */
    public static final String HEADER = "x-ms-cosmos-priority-level";

    /** From the header's value, {@code High} or {@code Low} in any case; high when absent. */
    public static Priority fromHeader(Optional<String> header) {
        return header.map(value -> value.equalsIgnoreCase("low") ? LOW : HIGH).orElse(HIGH);
    }
}
