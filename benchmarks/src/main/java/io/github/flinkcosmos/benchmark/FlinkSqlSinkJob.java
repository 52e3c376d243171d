package io.github.flinkcosmos.benchmark;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;

import java.time.Duration;
import java.util.Map;

/**
 * A Flink SQL job on the benchmark's cluster: a bounded datagen sequence into a {@code cosmos} sink
 * table, with checkpoints, as a user would run it. The sink creates its container.
 */
final class FlinkSqlSinkJob {

    /**
     * Checkpoints as a production job might take them; each one waits for the sink's in-flight
     * requests. A throughput run lasts a few seconds, so its window holds at most one.
     */
    static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

    private final BenchmarkCluster cluster;
    private final BenchmarkEndpoint endpoint;
    private final BenchmarkDocuments documents;

    FlinkSqlSinkJob(
            BenchmarkCluster cluster, BenchmarkEndpoint endpoint, BenchmarkDocuments documents) {
        this.cluster = cluster;
        this.endpoint = endpoint;
        this.documents = documents;
    }

    /** Submits the job and returns at once; {@link TableResult#await()} waits for its end. */
    TableResult start(
            String container, long rows, int parallelism, Map<String, String> sinkOptions) {
        Configuration configuration = new Configuration();
        configuration.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        configuration.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, CHECKPOINT_INTERVAL);
        TableEnvironment sql =
                TableEnvironment.create(
                        EnvironmentSettings.newInstance()
                                .inStreamingMode()
                                .withConfiguration(cluster.submitTo(configuration))
                                .build());
        sql.executeSql(BenchmarkDocuments.sourceTable("sequence", rows));
        sql.executeSql(
                BenchmarkDocuments.sinkTable(
                        "documents",
                        endpoint.uri(),
                        endpoint.key(),
                        BenchmarkEndpoint.DATABASE,
                        container,
                        sinkOptions));
        return sql.executeSql(documents.insert("documents", "sequence"));
    }

    /** Runs the job to its end and returns the steady-state rate. */
    ProgressSampler.Window run(String container, long rows, int parallelism) throws Exception {
        ProgressSampler sampler = endpoint.sampleUpserts();
        try (sampler) {
            start(container, rows, parallelism, Map.of()).await();
        }
        return sampler.steadyWindow(rows);
    }
}
