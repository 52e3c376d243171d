package io.github.flinkcosmos.connector.cosmos.table;

import com.azure.cosmos.models.PartitionKeyDefinitionVersion;
import com.azure.cosmos.models.ThroughputProperties;
import io.github.flinkcosmos.connector.cosmos.sink.CosmosSinkMetrics;
import io.github.flinkcosmos.connector.cosmos.testing.CosmosEnvironment;
import io.github.flinkcosmos.connector.cosmos.testing.CosmosSql;
import io.github.flinkcosmos.connector.cosmos.testing.CosmosTestContainers;
import io.github.flinkcosmos.connector.cosmos.testing.LogCapture;
import io.github.flinkcosmos.embedded.docs.DocsFragment;
import io.github.flinkcosmos.embedded.docs.SqlExample;
import io.github.flinkcosmos.embedded.faults.RequestKind;
import io.github.flinkcosmos.embedded.observability.EndpointStats;
import io.github.flinkcosmos.embedded.throughput.ThroughputBudget;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Request-unit governance through Flink SQL: the options' rules, the priority header, the
 * throughput auto-create provisions, the sink slowing down while throttled, and throughput control
 * keeping the whole sink's target, measured on the endpoint.
 */
class ThroughputGovernanceITCase {

    @RegisterExtension static final CosmosEnvironment COSMOS = CosmosEnvironment.embeddedOnly();

    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setConfiguration(REPORTER.addToConfiguration(new Configuration()))
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private String database;
    private TableEnvironment sql;

    @BeforeEach
    void newDatabase() {
        database = CosmosTestContainers.uniqueDatabase("governance");
        sql = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
    }

    @AfterEach
    void dropDatabase() {
        COSMOS.containers().dropDatabase(database);
    }

    @Test
    void mutuallyExclusiveOptionsAndValuesOutOfRangeAreDdlErrors() {
        String conflicts =
                planningError(
                        "cosmos.auto-create",
                        "true",
                        "cosmos.throughput-control.target-throughput",
                        "1000",
                        "cosmos.throughput-control.target-threshold",
                        "0.5",
                        "cosmos.auto-create.throughput",
                        "1000",
                        "cosmos.auto-create.autoscale-max-throughput",
                        "4000");
        assertThat(conflicts)
                .contains(
                        "Option 'cosmos.throughput-control.target-throughput' is '1000', but it"
                                + " cannot be used together with"
                                + " 'cosmos.throughput-control.target-threshold'")
                .contains(
                        "Option 'cosmos.auto-create.throughput' is '1000', but it cannot be used"
                                + " together with 'cosmos.auto-create.autoscale-max-throughput'");

        String ranges =
                planningError(
                        "cosmos.auto-create",
                        "true",
                        "cosmos.throughput-control.target-threshold",
                        "1.5",
                        "cosmos.throughput-control.priority",
                        "medium",
                        "cosmos.throttling.max-retry-attempts",
                        "-1",
                        "cosmos.throttling.max-retry-wait-ms",
                        "0",
                        "cosmos.auto-create.throughput",
                        "300");
        assertThat(ranges)
                .contains("Option 'cosmos.throughput-control.target-threshold' is '1.5'")
                .contains("'cosmos.throughput-control.priority'")
                .contains("Option 'cosmos.throttling.max-retry-attempts' is '-1'")
                .contains("Option 'cosmos.throttling.max-retry-wait-ms' is '0'")
                .contains(
                        "Option 'cosmos.auto-create.throughput' is '300', but it must be an"
                                + " integer of at least 400");

        String withoutAutoCreate =
                planningError("cosmos.auto-create.autoscale-max-throughput", "500");
        assertThat(withoutAutoCreate)
                .contains(
                        "Option 'cosmos.auto-create.autoscale-max-throughput' is '500', but it must"
                                + " be an integer of at least 1000")
                .contains("only allowed when 'cosmos.auto-create' is 'true'");
    }

    /** The reference page's example, as written there but for endpoint, key and database. */
    @Test
    void theDocumentedBackfillSendsLowPriorityWithEveryBulkRequest() throws Exception {
        COSMOS.containers().createWithThroughput(database, "orders", "/tenant", 20_000);
        SqlExample example =
                DocsFragment.named("throughput.md")
                        .creating("orders_backfill")
                        .connectedTo(COSMOS.endpoint().uri(), COSMOS.endpoint().key())
                        // The embedded endpoint speaks gateway mode only.
                        .withCosmosOption("cosmos.connection-mode", "gateway")
                        .withCosmosOption("cosmos.database", database);
        example.statements().forEach(sql::executeSql);
        EndpointStats stats = COSMOS.embedded().stats();
        stats.reset();

        sql.executeSql(
                        "INSERT INTO orders_backfill VALUES ('o1', 't1', 1.5), ('o2', 't1', 2.5),"
                                + " ('o3', 't2', 3.5)")
                .await();

        assertThat(stats.requestsWithPriority(RequestKind.BULK, "Low"))
                .as("%s", stats.snapshot())
                .isPositive();
        assertThat(stats.requestsWithPriority(RequestKind.BULK, EndpointStats.NO_PRIORITY))
                .isZero();
        // The threshold made the client read the container's offer.
        assertThat(stats.requests(RequestKind.OFFER, 200)).isPositive();
        assertThat(COSMOS.containers().documents(database, "orders")).hasSize(3);
    }

    @Test
    void sendsHighPriorityWhenAskedTo() throws Exception {
        COSMOS.containers().create(database, "c", "/pk");
        EndpointStats stats = COSMOS.embedded().stats();
        stats.reset();

        insert(40, 1, "cosmos.throughput-control.priority", "high");

        assertThat(stats.requestsWithPriority(RequestKind.BULK, "High"))
                .as("%s", stats.snapshot())
                .isPositive();
        assertThat(stats.requestsWithPriority(RequestKind.BULK, "Low")).isZero();
        assertThat(COSMOS.containers().documents(database, "c")).hasSize(40);
    }

    @Test
    void autoCreateProvisionsTheThroughputAndTheLargePartitionKeyDefinition() throws Exception {
        insert(10, 1, "cosmos.auto-create", "true", "cosmos.auto-create.throughput", "800");

        ThroughputProperties manual = COSMOS.containers().throughput(database, "c");
        assertThat(manual.getManualThroughput()).isEqualTo(800);
        assertThat(COSMOS.containers().partitionKeyVersion(database, "c"))
                .isEqualTo(PartitionKeyDefinitionVersion.V2);

        sql.executeSql(
                "CREATE TABLE auto (id STRING, pk STRING, PRIMARY KEY (id, pk) NOT ENFORCED)"
                        + " PARTITIONED BY (pk) "
                        + CosmosSql.with(
                                COSMOS.endpoint(),
                                database,
                                "scaled",
                                "cosmos.auto-create",
                                "true",
                                "cosmos.auto-create.autoscale-max-throughput",
                                "5000"));
        sql.executeSql("INSERT INTO auto VALUES ('1', 'p')").await();
        assertThat(COSMOS.containers().throughput(database, "scaled").getAutoscaleMaxThroughput())
                .isEqualTo(5000);
    }

    @Test
    void anExistingContainerKeepsItsThroughputAndTheDifferenceIsLogged() throws Exception {
        COSMOS.containers().createWithThroughput(database, "c", "/pk", 600);

        try (LogCapture log = new LogCapture(Level.INFO)) {
            insert(10, 1, "cosmos.auto-create", "true", "cosmos.auto-create.throughput", "900");

            assertThat(log.text())
                    .contains("exists with 600 RU/s (manual); the sink leaves it as it is")
                    .contains("900 RU/s (manual)");
        }
        assertThat(COSMOS.containers().throughput(database, "c").getManualThroughput())
                .isEqualTo(600);
        assertThat(COSMOS.containers().documents(database, "c")).hasSize(10);
    }

    /**
     * 100 RU/s holds 20 documents a second, and the client hands every 429 to the sink at once: the
     * sink halves its operations in flight after each throttled batch, and writes every row.
     */
    @Test
    void sustainedThrottlingLowersTheOperationsInFlightAndLosesNothing() throws Exception {
        COSMOS.containers().create(database, "c", "/pk");
        COSMOS.embedded().throughput().provision(database, "c", 100);

        TableResult insert =
                startInsert(
                        120,
                        1,
                        "cosmos.throttling.max-retry-attempts",
                        "0",
                        "cosmos.retry.max-attempts",
                        "1000",
                        "cosmos.retry.backoff.initial-delay-ms",
                        "50",
                        "cosmos.retry.backoff.max-delay-ms",
                        "50");
        JobID job = insert.getJobClient().orElseThrow().getJobID();
        int lowest = Integer.MAX_VALUE;
        while (!insert.getJobClient()
                .orElseThrow()
                .getJobStatus()
                .get()
                .isGloballyTerminalState()) {
            for (Metric gauge : metrics(job, CosmosSinkMetrics.IN_FLIGHT_OPERATIONS_LIMIT)) {
                lowest = Math.min(lowest, ((Number) ((Gauge<?>) gauge).getValue()).intValue());
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        insert.await();

        // It starts at sink.batch.max-size, 500.
        assertThat(lowest).isLessThanOrEqualTo(31);
        assertThat(counter(job, CosmosSinkMetrics.OPERATIONS_THROTTLED)).isPositive();
        assertThat(COSMOS.containers().documents(database, "c")).hasSize(120);
    }

    @Test
    void givingUpOn429NamesTheOptionsToRaise() {
        COSMOS.containers().create(database, "c", "/pk");
        COSMOS.embedded().throughput().provision(database, "c", 10);

        Throwable error =
                catchThrowable(
                        () ->
                                insert(
                                        50,
                                        1,
                                        "cosmos.throttling.max-retry-attempts",
                                        "0",
                                        "cosmos.retry.max-attempts",
                                        "1",
                                        "cosmos.retry.backoff.initial-delay-ms",
                                        "1",
                                        "cosmos.retry.backoff.max-delay-ms",
                                        "1"));

        assertThat(ExceptionUtils.stringifyException(error))
                .contains("429/3200")
                .contains("Status 429 means the container was out of request units")
                .contains("cosmos.throttling.max-retry-wait-ms")
                .contains("cosmos.throttling.max-retry-attempts")
                .contains("cosmos.throughput-control.target-throughput");
    }

    /**
     * 2,000 RU/s for the whole sink at parallelism 2 (1,000 for each subtask's client) on a
     * container of 20,000: the rate the endpoint charges stays near the target, not the
     * container's.
     */
    @Test
    void throughputControlKeepsTheWholeSinksTarget() throws Exception {
        COSMOS.containers().create(database, "c", "/pk");
        ThroughputBudget budget = COSMOS.embedded().throughput().provision(database, "c", 20_000);

        double rate =
                measuredRate(
                        budget,
                        () ->
                                insert(
                                        1_600,
                                        2,
                                        "cosmos.throughput-control.target-throughput",
                                        "2000"));

        assertThat(rate).isBetween(1_000.0, 2_600.0);
        assertThat(
                        COSMOS.embedded()
                                .stats()
                                .operations(
                                        io.github.flinkcosmos.embedded.faults.OperationKind.UPSERT,
                                        429))
                .isZero();
    }

    /** A threshold of 0.1 of 20,000 RU/s, read from the container's offer, is 2,000 RU/s. */
    @Test
    void throughputControlByThresholdReadsTheContainersThroughput() throws Exception {
        COSMOS.containers().createWithThroughput(database, "c", "/pk", 20_000);
        ThroughputBudget budget =
                COSMOS.embedded().throughput().budget(database, "c").orElseThrow();

        double rate =
                measuredRate(
                        budget,
                        () ->
                                insert(
                                        1_600,
                                        2,
                                        "cosmos.throughput-control.target-threshold",
                                        "0.1"));

        assertThat(rate).isBetween(1_000.0, 2_600.0);
    }

    /**
     * Request units per second the budget charged while the insert ran, from the first charge to
     * the last: sampled every 50 ms.
     */
    private static double measuredRate(ThroughputBudget budget, ThrowingRunnable insert)
            throws Exception {
        List<double[]> samples = new ArrayList<>();
        Thread sampler =
                new Thread(
                        () -> {
                            while (!Thread.currentThread().isInterrupted()) {
                                synchronized (samples) {
                                    samples.add(
                                            new double[] {
                                                System.nanoTime() / 1e9, budget.consumed()
                                            });
                                }
                                try {
                                    TimeUnit.MILLISECONDS.sleep(50);
                                } catch (InterruptedException e) {
                                    return;
                                }
                            }
                        });
        sampler.start();
        try {
            insert.run();
        } finally {
            sampler.interrupt();
            sampler.join();
        }
        // The last charges may come after the sampler's last look.
        samples.add(new double[] {System.nanoTime() / 1e9, budget.consumed()});
        double total = budget.consumed();
        double start = Double.NaN;
        double end = Double.NaN;
        for (double[] sample : samples) {
            if (Double.isNaN(start) && sample[1] > 0) {
                start = sample[0];
            }
            if (Double.isNaN(end) && sample[1] >= total) {
                end = sample[0];
            }
        }
        assertThat(end - start).as("seconds of writing").isGreaterThan(1.0);
        double rate = total / (end - start);
        System.out.printf("%.0f RU in %.2f s: %.0f RU/s%n", total, end - start, rate);
        return rate;
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private void insert(int rows, int parallelism, String... options) throws Exception {
        startInsert(rows, parallelism, options).await();
    }

    /** Rows id 1..n with pk p0..p9 from a bounded datagen source into container "c". */
    private TableResult startInsert(int rows, int parallelism, String... options) {
        sql.executeSql(
                """
                CREATE TEMPORARY TABLE source (n BIGINT) WITH ('connector' = 'datagen',
                  'fields.n.kind' = 'sequence', 'fields.n.start' = '1', 'fields.n.end' = '%d')"""
                        .formatted(rows));
        String[] all = new String[options.length + 2];
        System.arraycopy(options, 0, all, 0, options.length);
        all[options.length] = "sink.parallelism";
        all[options.length + 1] = Integer.toString(parallelism);
        sql.executeSql(
                "CREATE TEMPORARY TABLE t (id STRING, pk STRING, PRIMARY KEY (id, pk) NOT ENFORCED)"
                        + " PARTITIONED BY (pk) "
                        + CosmosSql.with(COSMOS.endpoint(), database, "c", all));
        TableResult result =
                sql.executeSql(
                        "INSERT INTO t SELECT CAST(n AS STRING), CONCAT('p', CAST(MOD(n, 10) AS"
                                + " STRING)) FROM source");
        sql.executeSql("DROP TEMPORARY TABLE source");
        sql.executeSql("DROP TEMPORARY TABLE t");
        return result;
    }

    private String planningError(String... options) {
        sql.executeSql(
                "CREATE TABLE bad (id STRING, pk STRING, PRIMARY KEY (id, pk) NOT ENFORCED)"
                        + " PARTITIONED BY (pk) "
                        + CosmosSql.with(COSMOS.endpoint(), database, "c", options));
        Throwable error =
                catchThrowable(() -> sql.executeSql("INSERT INTO bad VALUES ('1', 'p')").await());
        sql.executeSql("DROP TABLE bad");
        assertThat(error).as("the insert should fail").isNotNull();
        return ExceptionUtils.stringifyException(error);
    }

    private static List<Metric> metrics(JobID job, String name) {
        Map<String, Metric> found =
                REPORTER.findMetrics(job, CosmosSinkMetrics.GROUP + "\\." + name + "$");
        return List.copyOf(found.values());
    }

    private static long counter(JobID job, String name) {
        return metrics(job, name).stream().mapToLong(m -> ((Counter) m).getCount()).sum();
    }
}
