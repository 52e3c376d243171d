package io.github.flinkcosmos.benchmark;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One local Flink session cluster for every job of the run, with one task manager of two slots,
 * reached through its REST endpoint as a remote cluster would be. A cluster of its own per job
 * would put its start and its asynchronous shutdown into every run's figures, and into the heap the
 * memory run compares against.
 */
final class BenchmarkCluster implements AutoCloseable {

    static final int SLOTS = 2;

    private final MiniCluster cluster;
    private final URI rest;
    private final Path checkpoints;

    BenchmarkCluster() throws Exception {
        checkpoints = Files.createTempDirectory("cosmos-sink-benchmark-checkpoints");
        Configuration configuration = new Configuration();
        configuration.set(RestOptions.PORT, 0);
        SinkRequestUnits.register(configuration);
        cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(configuration)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(SLOTS)
                                .build());
        try {
            cluster.start();
            rest = cluster.getRestAddress().get();
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /**
     * What a job's configuration needs to be submitted to this cluster, with its checkpoints in
     * files as in production: checkpoints kept on the job manager's heap would add a copy of every
     * sink buffer to the heap the memory run measures.
     */
    Configuration submitTo(Configuration job) {
        job.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        job.set(DeploymentOptions.TARGET, "remote");
        job.set(RestOptions.ADDRESS, rest.getHost());
        job.set(RestOptions.PORT, rest.getPort());
        return job;
    }

    @Override
    public void close() throws Exception {
        try {
            cluster.close();
        } finally {
            try (Stream<Path> files = Files.walk(checkpoints)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
