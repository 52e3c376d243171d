package io.github.flinkcosmos.embedded;

import com.azure.cosmos.CosmosAsyncClient;
import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.CosmosClientBuilder;
import com.azure.cosmos.models.CosmosBulkOperations;
import com.azure.cosmos.models.CosmosItemOperation;
import com.azure.cosmos.models.PartitionKey;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import reactor.core.publisher.Flux;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Measures how many documents per second the raw azure-cosmos bulk API upserts into the embedded
 * endpoint on this machine, over HTTPS and plain HTTP, and writes the figures as Markdown. The
 * endpoint must not be what limits the sink benchmark, so this is its ceiling.
 *
 * <p>Run from the repository root (see the README):
 *
 * <pre>{@code
 * mvn -B -q -pl embedded-endpoint test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.github.flinkcosmos.embedded.RawSdkBulkThroughput \
 *     -Dexec.args=benchmarks/results/embedded-endpoint-throughput.md
 * }</pre>
 */
public final class RawSdkBulkThroughput {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Enough for the SDK's and the endpoint's hot paths to be compiled before measuring. */
    private static final int WARM_UP_DOCUMENTS = 300_000;

    private static final int MEASURED_DOCUMENTS = 200_000;
    private static final int RUNS = 5;
    private static final int PARTITION_KEYS = 64;

    private RawSdkBulkThroughput() {}

    public static void main(String[] args) throws IOException {
        Path results =
                Path.of(
                        args.length > 0
                                ? args[0]
                                : "benchmarks/results/embedded-endpoint-throughput.md");
        double[] https = measure(EmbeddedCosmosEndpoint.builder(), "HTTPS");
        double[] http = measure(EmbeddedCosmosEndpoint.builder().plainHttp(), "HTTP");
        String report = report(https, http);
        Files.createDirectories(results.toAbsolutePath().getParent());
        Files.writeString(results, report, StandardCharsets.UTF_8);
        System.out.println(report);
        System.out.println("Written to " + results);
        System.exit(0); // the SDK leaves non-daemon threads behind
    }

    /** The documents per second of each run, sorted. */
    private static double[] measure(EmbeddedCosmosEndpoint.Builder builder, String transport) {
        try (EmbeddedCosmosEndpoint endpoint = builder.start()) {
            CosmosAsyncClient client =
                    new CosmosClientBuilder()
                            .endpoint(endpoint.uri().toString())
                            .key(endpoint.key())
                            .gatewayMode()
                            .contentResponseOnWriteEnabled(false)
                            .buildAsyncClient();
            try {
                client.createDatabaseIfNotExists("bench").block();
                client.getDatabase("bench").createContainerIfNotExists("docs", "/pk").block();
                CosmosAsyncContainer container = client.getDatabase("bench").getContainer("docs");
                upsert(container, WARM_UP_DOCUMENTS, "warm-up");
                double[] rates = new double[RUNS];
                for (int run = 0; run < RUNS; run++) {
                    long started = System.nanoTime();
                    upsert(container, MEASURED_DOCUMENTS, "run" + run);
                    rates[run] = MEASURED_DOCUMENTS / ((System.nanoTime() - started) / 1e9);
                    System.out.printf(
                            Locale.ROOT,
                            "%s run %d: %.0f docs/s%n",
                            transport,
                            run + 1,
                            rates[run]);
                }
                Arrays.sort(rates);
                return rates;
            } finally {
                client.close();
            }
        }
    }

    private static void upsert(CosmosAsyncContainer container, int count, String prefix) {
        List<CosmosItemOperation> operations = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            operations.add(
                    CosmosBulkOperations.getUpsertItemOperation(
                            document(prefix + "-" + i, i), new PartitionKey(partitionKey(i))));
        }
        long failed =
                container
                        .executeBulkOperations(Flux.fromIterable(operations))
                        .filter(
                                r ->
                                        r.getResponse() == null
                                                || !r.getResponse().isSuccessStatusCode())
                        .count()
                        .block();
        if (failed > 0) {
            throw new IllegalStateException(failed + " of " + count + " upserts failed");
        }
    }

    /** A document of about 250 bytes, like a narrow Flink row. */
    static ObjectNode document(String id, int n) {
        return JSON.createObjectNode()
                .put("id", id)
                .put("pk", partitionKey(n))
                .put("amount", n * 1.25)
                .put("currency", "EUR")
                .put("customer", "customer-" + (n % 10_000))
                .put("createdAt", "2026-11-21T10:15:30.123Z")
                .put("note", "a short note so that the document is about 250 bytes long");
    }

    private static String partitionKey(int n) {
        return "pk-" + (n % PARTITION_KEYS);
    }

    private static String row(String transport, double[] sortedRates) {
        return String.format(
                Locale.ROOT,
                "| %s | %,.0f | %,.0f – %,.0f |",
                transport,
                sortedRates[sortedRates.length / 2],
                sortedRates[0],
                sortedRates[sortedRates.length - 1]);
    }

    private static String report(double[] https, double[] http) {
        return String.join(
                "\n",
                "# Embedded endpoint: raw SDK bulk-upsert throughput",
                "",
                "How many documents per second azure-cosmos "
                        + sdkVersion()
                        + " upserts into the embedded endpoint with `executeBulkOperations`, in"
                        + " gateway mode, client and endpoint in one JVM. Median of "
                        + RUNS
                        + " runs of "
                        + String.format(Locale.ROOT, "%,d", MEASURED_DOCUMENTS)
                        + " documents of about 250 bytes over "
                        + PARTITION_KEYS
                        + " partition-key values, after "
                        + String.format(Locale.ROOT, "%,d", WARM_UP_DOCUMENTS)
                        + " warm-up upserts.",
                "",
                "| transport | documents/s (median) | slowest – fastest run |",
                "|---|---|---|",
                row("HTTPS (self-signed, JDK TLS)", https),
                row("plain HTTP", http),
                "",
                "Machine: "
                        + Runtime.getRuntime().availableProcessors()
                        + " cores, Java "
                        + System.getProperty("java.version")
                        + " ("
                        + System.getProperty("java.vm.name")
                        + "), "
                        + System.getProperty("os.name")
                        + " "
                        + System.getProperty("os.arch")
                        + ", max heap "
                        + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax()
                                / (1024 * 1024)
                        + " MiB.",
                "",
                "Regenerate with the command in the README (section \"The embedded Cosmos DB"
                        + " endpoint\"). For comparison, a first probe on the JDK's own HttpServer"
                        + " reached 6,000 to 9,000 documents/s on the same kind of machine.",
                "");
    }

    private static String sdkVersion() {
        Package sdk = CosmosClientBuilder.class.getPackage();
        return sdk.getImplementationVersion() == null ? "4.81.0" : sdk.getImplementationVersion();
    }
}
