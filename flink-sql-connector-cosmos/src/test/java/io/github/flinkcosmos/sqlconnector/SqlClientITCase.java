package io.github.flinkcosmos.sqlconnector;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinkcosmos.embedded.EmbeddedCosmosEndpoint;
import io.github.flinkcosmos.embedded.docs.DocsFragment;
import io.github.flinkcosmos.embedded.docs.SqlExample;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flink's own SQL client, the way users run it: a separate process given the shaded jar with {@code
 * --jar}, running a script of the reference page's examples, read from its fragments in {@code
 * spec/docs}, against a Flink cluster (here a MiniCluster with its REST endpoint) and the embedded
 * Cosmos DB endpoint.
 */
class SqlClientITCase {

    private static final long TIMEOUT_MINUTES = 5;

    /** Rows of the end-to-end example's datagen source, made bounded here. */
    private static final int GENERATED_ROWS = 10;

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
            cosmos.createContainer("shop", "orders", "/pk");
            cosmos.createContainer("testDB", "testContainer", "/pk");
            Path script = work.resolve("reference-page-examples.sql");
            Files.writeString(script, script(cosmos));

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
            assertThat(cosmos.documents("events", "by_tenant"))
                    .extracting(SqlClientITCase::describe)
                    .containsExactlyInAnyOrder("1/acme", "2/globex");
            assertThat(cosmos.documents("shop", "orders"))
                    .extracting(SqlClientITCase::describe)
                    .containsExactlyInAnyOrder("a/p1", "b/p2");
            assertThat(cosmos.documents("testDB", "testContainer"))
                    .hasSize(GENERATED_ROWS)
                    .allSatisfy(d -> assertThat(d.get("id").asText()).isNotEmpty());
        }
    }

    /**
     * The examples as the page writes them, with the embedded endpoint's address and key, in
     * gateway mode (the only one it speaks), and with rows for the tables they write to. The
     * statements run synchronously so the script ends when the rows are written, which is also why
     * the end-to-end example's datagen source gets a row count: unbounded, it never would.
     */
    private static String script(EmbeddedCosmosEndpoint cosmos) {
        UnaryOperator<SqlExample> runnable =
                example ->
                        example.connectedTo(cosmos.uri(), cosmos.key())
                                .withCosmosOption("cosmos.connection-mode", "gateway");
        return """
                SET 'table.dml-sync' = 'true';

                %s
                INSERT INTO tenant_events VALUES ('1', 'acme', 'a'), ('2', 'globex', 'b');

                %s
                CREATE TEMPORARY VIEW source_table AS
                SELECT * FROM (VALUES ('a', 'p1', 1.0), ('b', 'p2', 2.0)) AS t (id, pk, amount);

                INSERT INTO cosmos_sink SELECT id, pk, amount FROM source_table;

                %s
                """
                .formatted(
                        runnable.apply(
                                        DocsFragment.named("auto-create.md")
                                                .creating("tenant_events"))
                                .script(),
                        runnable.apply(
                                        DocsFragment.named("partition-keys.md")
                                                .creating("cosmos_sink"))
                                .script(),
                        runnable.apply(DocsFragment.named("examples.md").creating("cosmos_output"))
                                .withOption(
                                        "gen_src", "number-of-rows", String.valueOf(GENERATED_ROWS))
                                .script());
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

    private static String describe(JsonNode document) {
        JsonNode key = document.has("tenant") ? document.get("tenant") : document.get("pk");
        return document.get("id").asText() + "/" + key.asText();
    }
}
