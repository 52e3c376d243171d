package io.github.flinkcosmos.codegen.spec;

/**
 * A metric of the sink writer.
 *
 * @param name the metric's name in the writer's {@code cosmos} metric group
 */
public record MetricSpec(String name, MetricType type, String description) {

    /** The kinds of metric Flink offers that the sink uses. */
    public enum MetricType {
        COUNTER,
        GAUGE,
        HISTOGRAM
    }
}
