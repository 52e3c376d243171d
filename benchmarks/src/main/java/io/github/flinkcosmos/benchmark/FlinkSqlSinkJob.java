package io.github.flinkcosmos.benchmark;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;

import java.net.URI;
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
    private final URI uri;
    private final String key;
    private final BenchmarkDocuments documents;

    FlinkSqlSinkJob(
            BenchmarkCluster cluster, BenchmarkEndpoint endpoint, BenchmarkDocuments documents) {
        this(cluster, endpoint, endpoint.uri(), endpoint.key(), documents);
    }

    private FlinkSqlSinkJob(
            BenchmarkCluster cluster,
            BenchmarkEndpoint endpoint,
            URI uri,
            String key,
            BenchmarkDocuments documents) {
        this.cluster = cluster;
        this.endpoint = endpoint;
        this.uri = uri;
        this.key = key;
        this.documents = documents;
    }

    /**
     * A job against an endpoint anywhere, such as one in a process of its own; it can be {@link
     * #start started}, not {@link #run}, which samples the benchmark's own endpoint.
     */
    static FlinkSqlSinkJob against(
            BenchmarkCluster cluster, URI uri, String key, BenchmarkDocuments documents) {
        return new FlinkSqlSinkJob(cluster, null, uri, key, documents);
    }

    /** Submits the job and returns at once; {@link TableResult#await()} waits for its end. */
    TableResult start(
            String container, long rows, int parallelism, Map<String, String> sinkOptions) {
        return start(container, rows, BenchmarkDocuments.UNPACED, parallelism, sinkOptions);
    }

    /** The same, with the source paced at {@code rowsPerSecond} in all. */
    TableResult start(
            String container,
            long rows,
            long rowsPerSecond,
            int parallelism,
            Map<String, String> sinkOptions) {
        Configuration configuration = new Configuration();
        configuration.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        configuration.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, CHECKPOINT_INTERVAL);
        TableEnvironment sql =
                TableEnvironment.create(
                        EnvironmentSettings.newInstance()
                                .inStreamingMode()
                                .withConfiguration(cluster.submitTo(configuration))
                                .build());
        sql.executeSql(BenchmarkDocuments.sourceTable("sequence", rows, rowsPerSecond));
        sql.executeSql(
                BenchmarkDocuments.sinkTable(
                        "documents", uri, key, BenchmarkEndpoint.DATABASE, container, sinkOptions));
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
