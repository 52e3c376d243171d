package io.github.flinkcosmos.benchmark;

import io.github.flinkcosmos.embedded.faults.OperationKind;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code cosmos.write.version-column} costs: documents per second and request units per row of
 * versioned upserts (each reads its document, then creates it, replaces it with If-Match, or skips
 * a stale row) against plain upserts of the same rows, at parallelism 2. Runs on its own, not as a
 * part of {@link SinkBenchmark}:
 *
 * <pre>{@code
 * mvn -B -q -Pbenchmark -DskipTests verify -Dbenchmark.main=io.github.flinkcosmos.benchmark.VersionGuardRun
 * }</pre>
 *
 * <p>A full-scale run writes {@code version-guard.md} into the results directory.
 */
public final class VersionGuardRun {

    static final String COMMAND =
            "mvn -B -q -Pbenchmark -DskipTests verify"
                    + " -Dbenchmark.main=io.github.flinkcosmos.benchmark.VersionGuardRun";

    private static final int PARALLELISM = 2;
    private static final String PLAIN = "version-guard-plain";
    private static final String GUARDED = "version-guard-guarded";
    private static final String WARM_UP = "version-guard-warm-up";

    /** The workloads, in the order they run; each after the first finds what the earlier left. */
    enum Workload {
        PLAIN_NEW("plain upsert, new documents", PLAIN, false, 0, OperationKind.UPSERT, 201),
        GUARDED_NEW(
                "versioned, new documents (read 404, create)",
                GUARDED,
                true,
                1,
                OperationKind.CREATE,
                201),
        PLAIN_OVERWRITE(
                "plain upsert, existing documents", PLAIN, false, 0, OperationKind.UPSERT, 200),
        GUARDED_NEWER(
                "versioned, newer rows (read, replace If-Match)",
                GUARDED,
                true,
                2,
                OperationKind.REPLACE,
                200),
        GUARDED_STALE(
                "versioned, stale replay (read, skip)", GUARDED, true, 0, OperationKind.READ, 200);

        final String label;
        final String container;
        final boolean versioned;
        final long versionOffsetInRuns;
        final OperationKind kind;
        final int status;

        Workload(
                String label,
                String container,
                boolean versioned,
                long versionOffsetInRuns,
                OperationKind kind,
                int status) {
            this.label = label;
            this.container = container;
            this.versioned = versioned;
            this.versionOffsetInRuns = versionOffsetInRuns;
            this.kind = kind;
            this.status = status;
        }
    }

    /** One workload's steady rate and the request units the service charged per row. */
    record Measured(Workload workload, double documentsPerSecond, double requestUnitsPerRow) {}

    private static final double LOAD_AT_START =
            java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    .getSystemLoadAverage();

    private final BenchmarkCluster cluster;
    private final BenchmarkEndpoint endpoint;
    private final PrintStream out;

    VersionGuardRun(BenchmarkCluster cluster, BenchmarkEndpoint endpoint, PrintStream out) {
        this.cluster = cluster;
        this.endpoint = endpoint;
        this.out = out;
    }

    public static void main(String[] args) {
        Path results = Path.of("results");
        BenchmarkScale scale = BenchmarkScale.full();
        for (int i = 0; i + 1 < args.length; i += 2) {
            // The benchmark profile passes SinkBenchmark's arguments; this run reads two of them.
            switch (args[i]) {
                case "--results" -> results = Path.of(args[i + 1]);
                case "--scale" -> scale = BenchmarkScale.named(args[i + 1]);
                default -> {}
            }
        }
        int status;
        try (BenchmarkCluster cluster = new BenchmarkCluster();
                BenchmarkEndpoint endpoint = new BenchmarkEndpoint()) {
            List<Measured> measured = new VersionGuardRun(cluster, endpoint, System.out).run(scale);
            String table = table(measured, scale.writeModeRows());
            System.out.println();
            System.out.print(table);
            if (scale.equals(BenchmarkScale.full())) {
                write(results.resolve("version-guard.md"), table);
                System.out.println("Written to " + results.toAbsolutePath().normalize());
            }
            status = 0;
        } catch (Throwable e) {
            e.printStackTrace(System.out);
            status = 1;
        }
        System.out.flush();
        // Flink's and the SDK's non-daemon threads may outlive the jobs; the benchmark is over.
        System.exit(status);
    }

    List<Measured> run(BenchmarkScale scale) throws Exception {
        long rows = scale.writeModeRows();
        // A first job runs slower while the JVM warms up; it must not be the baseline.
        out.println("Version guard: warming up");
        job(Workload.PLAIN_NEW, WARM_UP, rows).await();
        endpoint.delete(WARM_UP);
        List<Measured> measured = new ArrayList<>();
        for (Workload workload : Workload.values()) {
            Measured result = measure(workload, rows);
            long stored = endpoint.documentCount(workload.container);
            if (stored != rows) {
                throw new IllegalStateException(
                        "After '%s' %s holds %d documents instead of %d"
                                .formatted(workload.label, workload.container, stored, rows));
            }
            measured.add(result);
            out.printf(
                    Locale.ROOT,
                    "Version guard: %s %,.0f docs/s, %.2f RU per row%n",
                    workload.label,
                    result.documentsPerSecond(),
                    result.requestUnitsPerRow());
        }
        endpoint.delete(PLAIN);
        endpoint.delete(GUARDED);
        return measured;
    }

    private Measured measure(Workload workload, long rows) throws Exception {
        double chargedBefore = SinkRequestUnits.total();
        ProgressSampler sampler =
                ProgressSampler.start(
                        () -> endpoint.operations(workload.kind, workload.status), () -> 0);
        try (sampler) {
            job(workload, workload.container, rows).await();
        }
        double charged = SinkRequestUnits.total() - chargedBefore;
        return new Measured(
                workload, sampler.steadyWindow(rows).documentsPerSecond(), charged / rows);
    }

    private org.apache.flink.table.api.TableResult job(
            Workload workload, String container, long rows) {
        Configuration configuration = new Configuration();
        configuration.set(CoreOptions.DEFAULT_PARALLELISM, PARALLELISM);
        configuration.set(
                CheckpointingOptions.CHECKPOINTING_INTERVAL, FlinkSqlSinkJob.CHECKPOINT_INTERVAL);
        TableEnvironment sql =
                TableEnvironment.create(
                        EnvironmentSettings.newInstance()
                                .inStreamingMode()
                                .withConfiguration(cluster.submitTo(configuration))
                                .build());
        sql.executeSql(BenchmarkDocuments.sourceTable("sequence", rows));
        sql.executeSql(
                """
                CREATE TEMPORARY TABLE documents (
                  id STRING,
                  pk STRING,
                  amount DOUBLE,
                  currency STRING,
                  customer STRING,
                  note STRING,
                  v BIGINT,
                  PRIMARY KEY (id, pk) NOT ENFORCED
                ) PARTITIONED BY (pk) WITH (
                  'connector' = 'cosmos',
                  'cosmos.endpoint' = '%s',
                  'cosmos.key' = '%s',
                  'cosmos.database' = '%s',
                  'cosmos.container' = '%s',
                  'cosmos.connection-mode' = 'gateway',
                  'cosmos.auto-create' = 'true'%s
                )"""
                        .formatted(
                                endpoint.uri(),
                                endpoint.key(),
                                BenchmarkEndpoint.DATABASE,
                                container,
                                workload.versioned
                                        ? ",\n  'cosmos.write.version-column' = 'v'"
                                        : ""));
        return sql.executeSql(
                """
                INSERT INTO documents
                SELECT
                  CONCAT('doc-', CAST(n AS STRING)),
                  CONCAT('pk-', CAST(MOD(n, %d) AS STRING)),
                  CAST(n AS DOUBLE) * 1.25,
                  'EUR',
                  CONCAT('customer-', CAST(MOD(n, 10000) AS STRING)),
                  REPEAT('x', 64),
                  n + %d
                FROM sequence"""
                        .formatted(
                                BenchmarkDocuments.PARTITION_KEYS,
                                workload.versionOffsetInRuns * rows));
    }

    /**
     * The workload a versioned one is compared with: plain upserts of the same rows into the same
     * state (new documents, or existing ones; a stale replay is an overwrite without the guard).
     */
    private static Workload baseline(Workload workload) {
        return switch (workload) {
            case GUARDED_NEW -> Workload.PLAIN_NEW;
            case GUARDED_NEWER, GUARDED_STALE -> Workload.PLAIN_OVERWRITE;
            default -> workload;
        };
    }

    static String table(List<Measured> measured, long rows) {
        StringBuilder table = new StringBuilder();
        table.append(
                "| workload (%,d rows, parallelism %d) | docs/s | × plain upsert of the same rows | RU per row |%n"
                        .formatted(rows, PARALLELISM));
        table.append("|---|---|---|---|\n");
        for (Measured m : measured) {
            double plain =
                    measured.stream()
                            .filter(other -> other.workload() == baseline(m.workload()))
                            .findFirst()
                            .orElseThrow()
                            .documentsPerSecond();
            table.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %,.0f | %s | %.2f |%n",
                            m.workload().label,
                            m.documentsPerSecond(),
                            m.workload().versioned
                                    ? String.format(
                                            Locale.ROOT, "%.2f", m.documentsPerSecond() / plain)
                                    : "(baseline)",
                            m.requestUnitsPerRow()));
        }
        return table.toString();
    }

    private static void write(Path file, String table) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(
                file,
                """
                # Version guard benchmark

                Command: `%s`

                Machine: %d cores, Java %s, load average %.1f when the run started (other \
                builds shared the machine). After a warm-up job, each workload is one Flink SQL job from a bounded \
                datagen sequence into a `cosmos` table at parallelism 2; the rate is the \
                workload's operations (as the embedded endpoint counted them: creates, replaces, \
                or reads for the stale replay) per second between 10 %% and 90 %% of the run, the \
                request units what the service charged the sink (its `requestUnits` metric) over \
                the whole run, per row. The embedded endpoint charges a write 5 RU per started \
                KiB and a read 1 RU per started KiB.

                %s"""
                        .formatted(
                                COMMAND,
                                Runtime.getRuntime().availableProcessors(),
                                System.getProperty("java.version"),
                                LOAD_AT_START,
                                table),
                StandardCharsets.UTF_8);
    }
}
