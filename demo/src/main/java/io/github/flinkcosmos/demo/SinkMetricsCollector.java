package io.github.flinkcosmos.demo;

import io.github.flinkcosmos.connector.cosmos.sink.CosmosSinkMetrics;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Keeps the cosmos sink's metrics of every subtask so the demo can total them once the job ends.
 *
 * <p>Flink creates reporters itself, through {@link Factory} listed in {@code META-INF/services},
 * so the only way back to the demo is a static registry. Metrics stay registered after their
 * subtask closes, because the summary is printed after the job has finished. Totals include every
 * attempt of a subtask: after a restart they count the request units and operations spent again.
 */
public final class SinkMetricsCollector implements MetricReporter {

    private static final Map<String, List<Metric>> SINK_METRICS = new ConcurrentHashMap<>();

    /** Adds this collector to a Flink configuration under the reporter name {@code demo}. */
    public static void register(org.apache.flink.configuration.Configuration configuration) {
        configuration.setString("metrics.reporter.demo.factory.class", Factory.class.getName());
    }

    /** The sum of a counter or numeric gauge over every subtask that registered it. */
    public static double total(String metricName) {
        double total = 0;
        for (Metric metric : SINK_METRICS.getOrDefault(metricName, List.of())) {
            if (metric instanceof Counter counter) {
                total += counter.getCount();
            } else if (metric instanceof Gauge<?> gauge
                    && gauge.getValue() instanceof Number number) {
                total += number.doubleValue();
            }
        }
        return total;
    }

    /** Forgets earlier jobs' metrics, so one JVM can run the demo twice. */
    public static void reset() {
        SINK_METRICS.clear();
    }

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String metricName, MetricGroup group) {
        String[] scope = group.getScopeComponents();
        if (scope.length > 0 && CosmosSinkMetrics.GROUP.equals(scope[scope.length - 1])) {
            SINK_METRICS
                    .computeIfAbsent(metricName, name -> new CopyOnWriteArrayList<>())
                    .add(metric);
        }
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String metricName, MetricGroup group) {
        // Kept on purpose: the summary reads the final values after the subtasks are gone.
    }

    /** What Flink instantiates from {@code metrics.reporter.demo.factory.class}. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new SinkMetricsCollector();
        }
    }
}
