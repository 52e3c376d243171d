package io.github.flinkcosmos.benchmark;

import io.github.flinkcosmos.embedded.throughput.RequestUnits;
import io.github.flinkcosmos.embedded.throughput.ThroughputBudget;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * How much of a container's provisioned throughput the sink turns into written documents: the
 * endpoint's request-unit model is given a budget well below what the sink could send, so the
 * endpoint answers 429 whenever the sink asks for more, and the sink has to keep the budget busy
 * without losing a document to throttling.
 */
final class ProvisionedThroughputRun {

    private static final String CONTAINER = "provisioned";
    private static final int PARALLELISM = 2;

    private final BenchmarkCluster cluster;
    private final BenchmarkEndpoint endpoint;
    private final BenchmarkDocuments documents = BenchmarkDocuments.small();
    private final PrintStream out;

    ProvisionedThroughputRun(
            BenchmarkCluster cluster, BenchmarkEndpoint endpoint, PrintStream out) {
        this.cluster = cluster;
        this.endpoint = endpoint;
        this.out = out;
    }

    Result run(BenchmarkScale scale) throws Exception {
        double budgetPerSecond = scale.budgetRequestUnitsPerSecond();
        double chargePerDocument = RequestUnits.write(documents.typicalBytes());
        long rows = (long) (budgetPerSecond / chargePerDocument * scale.budgetSeconds());
        out.printf(
                Locale.ROOT,
                "Provisioned throughput: %,d documents of %.0f RU each against %,.0f RU/s, parallelism %d%n",
                rows,
                chargePerDocument,
                budgetPerSecond,
                PARALLELISM);
        ThroughputBudget budget = endpoint.provision(CONTAINER, budgetPerSecond);
        long throttledBefore = endpoint.upsertsThrottled();
        ProgressSampler sampler = endpoint.sampleNewDocuments(budget);
        String jobFailure = null;
        try (sampler) {
            new FlinkSqlSinkJob(cluster, endpoint, documents)
                    .start(CONTAINER, rows, PARALLELISM, Map.of())
                    .await();
        } catch (Exception e) {
            jobFailure = e.toString();
        }
        long stored = endpoint.documentCount(CONTAINER);
        long throttled = endpoint.upsertsThrottled() - throttledBefore;
        ProgressSampler.Window window = jobFailure == null ? sampler.steadyWindow(rows) : null;
        endpoint.delete(CONTAINER);
        if (jobFailure != null) {
            out.println("Provisioned throughput: the job failed: " + jobFailure);
        }
        return new Result(
                budgetPerSecond,
                window == null ? 0 : window.documentsPerSecond() * chargePerDocument,
                window == null ? 0 : window.otherPerSecond(),
                rows,
                rows - stored,
                throttled);
    }

    /**
     * @param achievedPerSecond request units per second turned into new documents over the run's
     *     steady middle: documents created per second × what each costs
     * @param chargedPerSecond request units the endpoint charged per second over the same window,
     *     which would also count an upsert repeated after a timeout
     * @param lost documents that never arrived, whether dropped, failed or in a failed job
     * @param throttled 429 answers the sink met and retried
     */
    record Result(
            double budgetPerSecond,
            double achievedPerSecond,
            double chargedPerSecond,
            long rows,
            long lost,
            long throttled) {

        double usedShare() {
            return achievedPerSecond / budgetPerSecond;
        }
    }
}
