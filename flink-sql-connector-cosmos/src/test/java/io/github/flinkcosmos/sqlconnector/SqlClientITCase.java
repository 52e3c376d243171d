package io.github.flinkcosmos.sqlconnector;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinkcosmos.embedded.EmbeddedCosmosEndpoint;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flink's own SQL client, the way users run it: a separate process given the shaded jar with {@code
 * --jar}, running a script of the reference page's examples against a Flink cluster (here a
 * MiniCluster with its REST endpoint) and the embedded Cosmos DB endpoint.
 */
class SqlClientITCase {

    private static final long TIMEOUT_MINUTES = 5;

    @TempDir Path work;

    @Test
    void theSqlClientRunsTheExamplesWithTheShadedJar() throws Exception {
        Path jar = Path.of(System.getProperty("sqlConnectorJar"));
        Configuration cluster = new Configuration();
        cluster.set(RestOptions.PORT, 0);
        try (MiniCluster flink =
                        new MiniCluster(
                                new MiniClusterConfiguration.Builder()
                                        .setConfiguration(cluster)
                                        .setNumTaskManagers(1)
                                        .setNumSlotsPerTaskManager(2)
                                        .build());
                EmbeddedCosmosEndpoint cosmos =
                        EmbeddedCosmosEndpoint.builder().plainHttp().start()) {
            flink.start();
            URI rest = flink.getRestAddress().get();
            Path conf = Files.createDirectories(work.resolve("conf"));
            Files.writeString(
                    conf.resolve("config.yaml"),
                    "execution:\n  target: remote\nrest:\n  address: %s\n  port: %d\n"
                            .formatted(rest.getHost(), rest.getPort()));
            Path script = work.resolve("contract-examples.sql");
            Files.writeString(
                    script,
                    resource("/sql-client/contract-examples.sql")
                            .replace("@ENDPOINT@", cosmos.uri().toString())
                            .replace("@KEY@", cosmos.key()));

            Process client =
                    new ProcessBuilder(
                                    javaExecutable(),
                                    "-cp",
                                    classpathWithout(jar),
                                    "org.apache.flink.table.client.SqlClient",
                                    "-f",
                                    script.toString(),
                                    "--jar",
                                    jar.toString())
                            .redirectErrorStream(true)
                            .redirectOutput(work.resolve("sql-client.out").toFile())
                            .directory(work.toFile())
                            .start();
            client.getOutputStream().close();
            boolean ended = client.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
            if (!ended) {
                client.destroyForcibly();
            }
            String output = Files.readString(work.resolve("sql-client.out"));

            assertThat(ended).as("the SQL client ended; it printed:%n%s", output).isTrue();
            assertThat(client.exitValue())
                    .as("exit code; the client printed:%n%s", output)
                    .isZero();
            assertThat(output).as("the client's output").doesNotContain("[ERROR]");
            assertThat(cosmos.documents("myDatabase", "myNewContainer"))
                    .extracting(SqlClientITCase::describe)
                    .containsExactlyInAnyOrder("1/acme", "2/globex");
            assertThat(cosmos.documents("myDatabase", "myContainer"))
                    .extracting(SqlClientITCase::describe)
                    .containsExactlyInAnyOrder("seed/p0", "a/p1", "b/p2");
        }
    }

    /**
     * This test's classpath, which holds Flink and the SQL client, minus the shaded jar: the client
     * gets the jar through {@code --jar}, as a user would pass it.
     */
    private static String classpathWithout(Path jar) {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).toAbsolutePath().equals(jar.toAbsolutePath()))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = SqlClientITCase.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String describe(JsonNode document) {
        JsonNode key = document.has("tenant") ? document.get("tenant") : document.get("pk");
        return document.get("id").asText() + "/" + key.asText();
    }
}
