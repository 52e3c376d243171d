package io.github.flinkcosmos.benchmark;

import io.github.flinkcosmos.connector.cosmos.sink.CosmosSinkMetrics;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Totals the request units every cosmos sink subtask on the benchmark's cluster was charged, as the
 * service reported them (the sink's {@code requestUnits} metric), so that a run's charge is the
 * total after it minus the total before.
 *
 * <p>Flink creates reporters itself, through {@link Factory} listed in {@code META-INF/services},
 * so the only way back to the benchmark is a static registry. A subtask's metric stays in it after
 * the subtask closes: its final value is what a finished run was charged.
 */
public final class SinkRequestUnits implements MetricReporter {

    private static final List<Metric> REQUEST_UNITS = new CopyOnWriteArrayList<>();

    /** Adds this reporter to a cluster's configuration under the reporter name {@code ru}. */
    static void register(Configuration configuration) {
        configuration.setString("metrics.reporter.ru.factory.class", Factory.class.getName());
    }

    /** The request units charged to every sink subtask so far. */
    static double total() {
        double total = 0;
        for (Metric metric : REQUEST_UNITS) {
            if (metric instanceof Counter counter) {
                total += counter.getCount();
            } else if (metric instanceof Gauge<?> gauge
                    && gauge.getValue() instanceof Number number) {
                total += number.doubleValue();
            }
        }
        return total;
    }

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String metricName, MetricGroup group) {
        String[] scope = group.getScopeComponents();
        if (CosmosSinkMetrics.REQUEST_UNITS.equals(metricName)
                && scope.length > 0
                && CosmosSinkMetrics.GROUP.equals(scope[scope.length - 1])) {
            REQUEST_UNITS.add(metric);
        }
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String metricName, MetricGroup group) {
        // Kept on purpose: a finished run's charge is read after its subtasks are gone.
    }

    /** What Flink instantiates from {@code metrics.reporter.ru.factory.class}. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new SinkRequestUnits();
        }
    }
}
