package io.github.flinkcosmos.benchmark;

import io.github.flinkcosmos.embedded.faults.OperationKind;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;

import java.io.PrintStream;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Documents per second and request units per row of the sink's write modes at parallelism 2: an
 * upsert of new documents, a patch of those documents ({@code cosmos.write.mode} = {@code patch}),
 * their delete ({@code cosmos.write.delete-mode} = {@code delete}, from a changelog of DELETE rows)
 * and a create of new documents ({@code cosmos.write.mode} = {@code create}). Each rate is taken,
 * like the throughput part's, between 10 % and 90 % of the run's operations as the endpoint counted
 * them; the request units are those the service charged the sink, from its {@code requestUnits}
 * metric.
 */
final class WriteModesRun {

    static final int PARALLELISM = 2;

    private static final String CONTAINER = "write-modes";
    private static final String CREATE_CONTAINER = "write-modes-create";

    /** The workloads, in the order they run: patch and delete need the upsert's documents. */
    enum Workload {
        UPSERT(OperationKind.UPSERT, 201, Map.of()),
        PATCH(OperationKind.PATCH, 200, Map.of("cosmos.write.mode", "patch")),
        DELETE(OperationKind.DELETE, 204, Map.of("cosmos.write.delete-mode", "delete")),
        CREATE(OperationKind.CREATE, 201, Map.of("cosmos.write.mode", "create"));

        final OperationKind kind;
        final int status;
        final Map<String, String> options;

        Workload(OperationKind kind, int status, Map<String, String> options) {
            this.kind = kind;
            this.status = status;
            this.options = options;
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final BenchmarkCluster cluster;
    private final BenchmarkEndpoint endpoint;
    private final BenchmarkDocuments documents = BenchmarkDocuments.small();
    private final PrintStream out;

    WriteModesRun(BenchmarkCluster cluster, BenchmarkEndpoint endpoint, PrintStream out) {
        this.cluster = cluster;
        this.endpoint = endpoint;
        this.out = out;
    }

    Result run(BenchmarkScale scale) throws Exception {
        long rows = scale.writeModeRows();
        out.printf(
                Locale.ROOT,
                "Write modes: %,d documents each for upsert, patch, delete and create, parallelism %d%n",
                rows,
                PARALLELISM);
        Map<Workload, Measured> measured = new EnumMap<>(Workload.class);
        for (Workload workload : Workload.values()) {
            String container = workload == Workload.CREATE ? CREATE_CONTAINER : CONTAINER;
            Measured result = measure(workload, container, rows);
            long expected = workload == Workload.DELETE ? 0 : rows;
            long stored = endpoint.documentCount(container);
            if (stored != expected) {
                throw new IllegalStateException(
                        "After the %s run %s holds %d documents instead of %d"
                                .formatted(workload.label(), container, stored, expected));
            }
            measured.put(workload, result);
            out.printf(
                    Locale.ROOT,
                    "Write modes: %s %,.0f docs/s, %.2f RU per row%n",
                    workload.label(),
                    result.documentsPerSecond(),
                    result.requestUnitsPerRow());
        }
        endpoint.delete(CONTAINER);
        endpoint.delete(CREATE_CONTAINER);
        return new Result(rows, measured);
    }

    private Measured measure(Workload workload, String container, long rows) throws Exception {
        double chargedBefore = SinkRequestUnits.total();
        ProgressSampler sampler =
                ProgressSampler.start(
                        () -> endpoint.operations(workload.kind, workload.status), () -> 0);
        try (sampler) {
            start(workload, container, rows).await();
        }
        double charged = SinkRequestUnits.total() - chargedBefore;
        return new Measured(sampler.steadyWindow(rows).documentsPerSecond(), charged / rows);
    }

    private TableResult start(Workload workload, String container, long rows) {
        if (workload != Workload.DELETE) {
            return new FlinkSqlSinkJob(cluster, endpoint, documents)
                    .start(container, rows, PARALLELISM, workload.options);
        }
        // A changelog of DELETE rows, one per document the upsert wrote: datagen only inserts.
        Configuration configuration = new Configuration();
        configuration.set(CoreOptions.DEFAULT_PARALLELISM, PARALLELISM);
        configuration.set(
                CheckpointingOptions.CHECKPOINTING_INTERVAL, FlinkSqlSinkJob.CHECKPOINT_INTERVAL);
        // Not getExecutionEnvironment(…): outside a client's context it starts a local cluster.
        StreamExecutionEnvironment env =
                new StreamExecutionEnvironment(cluster.submitTo(configuration));
        StreamTableEnvironment sql = StreamTableEnvironment.create(env);
        DataStream<Row> deletes =
                env.fromSequence(0, rows - 1)
                        .map(
                                n ->
                                        Row.ofKind(
                                                RowKind.DELETE,
                                                "doc-" + n,
                                                BenchmarkDocuments.partitionKey(n)))
                        .returns(
                                Types.ROW_NAMED(
                                        new String[] {"id", "pk"}, Types.STRING, Types.STRING));
        sql.createTemporaryView(
                "deletes",
                sql.fromChangelogStream(
                        deletes,
                        Schema.newBuilder()
                                .column("id", DataTypes.STRING().notNull())
                                .column("pk", DataTypes.STRING().notNull())
                                .primaryKey("id", "pk")
                                .build()));
        sql.executeSql(
                BenchmarkDocuments.sinkTable(
                        "documents",
                        endpoint.uri(),
                        endpoint.key(),
                        BenchmarkEndpoint.DATABASE,
                        container,
                        workload.options));
        return sql.executeSql(
                """
                INSERT INTO documents
                SELECT id, pk, CAST(NULL AS DOUBLE), CAST(NULL AS STRING), CAST(NULL AS STRING),
                  CAST(NULL AS STRING)
                FROM deletes""");
    }

    /** One workload's rate over its steady middle and what the service charged per row. */
    record Measured(double documentsPerSecond, double requestUnitsPerRow) {}

    record Result(long rowsPerRun, Map<Workload, Measured> workloads) {

        Result {
            workloads = Map.copyOf(workloads);
        }

        Measured get(Workload workload) {
            return workloads.get(workload);
        }
    }
}
