package io.github.flinkcosmos.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Flink's SQL client, run as users run it: its own process, the shaded jar given with {@code
 * --jar}, a script with {@code -f}, submitting to the cluster whose configuration directory it is
 * given. The INSERT is submitted asynchronously, so the client ends once the job is accepted.
 */
final class SqlClient {

    private SqlClient() {}

    static void submit(
            String classpath,
            Path connectorJar,
            Path conf,
            List<String> jvmOptions,
            Path script,
            Path log)
            throws IOException, InterruptedException {
        List<String> options = new java.util.ArrayList<>(List.of("-Xmx384m", "-XX:+UseSerialGC"));
        options.addAll(jvmOptions);
        options.add("-Dlog4j.configurationFile=" + conf.resolve("log4j.properties").toUri());
        options.add("-Dlog.file=" + log.resolveSibling(log.getFileName() + ".flink.log"));
        JavaProcess client =
                JavaProcess.start(
                        "sql-client",
                        classpath,
                        options,
                        "org.apache.flink.table.client.SqlClient",
                        List.of("-f", script.toString(), "--jar", connectorJar.toString()),
                        Map.of("FLINK_CONF_DIR", conf.toString()),
                        log);
        try {
            if (!client.awaitExit(3, TimeUnit.MINUTES)) {
                throw new IllegalStateException("The SQL client did not end; see " + log);
            }
            String output = Files.readString(log);
            if (client.exitValue() != 0 || output.contains("[ERROR]")) {
                throw new IllegalStateException(
                        "The SQL client failed (exit %d):%n%s"
                                .formatted(client.exitValue(), output));
            }
        } finally {
            client.kill();
        }
    }
}
