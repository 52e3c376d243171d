package io.github.flinkcosmos.connector.cosmos.sink;

import io.github.flinkcosmos.connector.cosmos.testing.CosmosEnvironment;
import io.github.flinkcosmos.connector.cosmos.testing.CosmosSql;
import io.github.flinkcosmos.connector.cosmos.testing.CosmosTestContainers;
import io.github.flinkcosmos.embedded.faults.OperationFailure;
import io.github.flinkcosmos.embedded.faults.OperationMatch;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Collection;

import static org.assertj.core.api.Assertions.assertThat;

/** The sink's own metrics, under the names the generated reference lists. */
class MetricsITCase {
    @RegisterExtension static final CosmosEnvironment COSMOS = CosmosEnvironment.embeddedOnly();

    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setConfiguration(REPORTER.addToConfiguration(new Configuration()))
                            .build());

    @Test
    void countsOperationsByWhatBecameOfThem() throws Exception {
        String database = CosmosTestContainers.uniqueDatabase("metrics");
        COSMOS.containers().create(database, "c", "/pk");
        COSMOS.embedded()
                .faults()
                .failOperations(OperationMatch.id("d3"), 2, OperationFailure.status(503));
        COSMOS.embedded()
                .faults()
                .failOperations(OperationMatch.id("d1"), 1, OperationFailure.status(412));
        TableEnvironment sql = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        sql.executeSql(
                "CREATE TABLE sink (id STRING, pk STRING, PRIMARY KEY (id, pk) NOT ENFORCED) "
                        + CosmosSql.with(
                                COSMOS.endpoint(),
                                database,
                                "c",
                                "cosmos.retry.backoff.initial-delay-ms",
                                "10",
                                "cosmos.retry.backoff.max-delay-ms",
                                "10"));

        TableResult insert =
                sql.executeSql(
                        "INSERT INTO sink VALUES ('d0','p'),('d1','p'),('d2','p'),('d3','p'),('d4','p'),"
                                + "('d5','q'),('d6','q'),('d7','q'),('d8','q'),('d9','q')");
        insert.await();
        JobID job = insert.getJobClient().orElseThrow().getJobID();

        assertThat(counter(job, CosmosSinkMetrics.OPERATIONS_SUCCEEDED)).isEqualTo(9);
        assertThat(counter(job, CosmosSinkMetrics.OPERATIONS_DROPPED)).isEqualTo(1);
        assertThat(counter(job, CosmosSinkMetrics.OPERATIONS_RETRIED)).isEqualTo(2);
        assertThat(counter(job, CosmosSinkMetrics.OPERATIONS_FAILED)).isZero();
        // Nine small documents at 5 RU each on the embedded endpoint's model.
        assertThat(sum(job, CosmosSinkMetrics.REQUEST_UNITS, m -> ((Gauge<?>) m).getValue()))
                .isEqualTo(45.0);
        assertThat(sum(job, CosmosSinkMetrics.BULK_LATENCY_MS, m -> ((Histogram) m).getCount()))
                .isGreaterThanOrEqualTo(3.0);
        COSMOS.embedded().faults().clear();
        COSMOS.containers().dropDatabase(database);
    }

    private static long counter(JobID job, String name) {
        return (long) sum(job, name, m -> ((Counter) m).getCount());
    }

    private static double sum(
            JobID job, String name, java.util.function.Function<Metric, Object> value) {
        Collection<Metric> metrics =
                REPORTER.findMetrics(job, CosmosSinkMetrics.GROUP + "\\." + name + "$").values();
        assertThat(metrics).as("metric %s.%s", CosmosSinkMetrics.GROUP, name).isNotEmpty();
        return metrics.stream().mapToDouble(m -> ((Number) value.apply(m)).doubleValue()).sum();
    }
}
