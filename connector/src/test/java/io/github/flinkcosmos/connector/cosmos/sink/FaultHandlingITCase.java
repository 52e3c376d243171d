package io.github.flinkcosmos.connector.cosmos.sink;

import io.github.flinkcosmos.connector.cosmos.testing.CosmosEnvironment;
import io.github.flinkcosmos.connector.cosmos.testing.CosmosSql;
import io.github.flinkcosmos.connector.cosmos.testing.CosmosTestContainers;
import io.github.flinkcosmos.connector.cosmos.testing.LogCapture;
import io.github.flinkcosmos.embedded.faults.OperationFailure;
import io.github.flinkcosmos.embedded.faults.OperationKind;
import io.github.flinkcosmos.embedded.faults.OperationMatch;
import io.github.flinkcosmos.embedded.faults.RequestFailure;
import io.github.flinkcosmos.embedded.faults.RequestKind;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
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

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Each classification of the status table, with faults injected into the embedded endpoint while
 * Flink SQL writes ten rows.
 */
class FaultHandlingITCase {
    @RegisterExtension static final CosmosEnvironment COSMOS = CosmosEnvironment.embeddedOnly();

    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static final String ROWS =
            "INSERT INTO sink VALUES ('d0','p',0),('d1','p',1),('d2','p',2),('d3','p',3),('d4','p',4),"
                    + "('d5','q',5),('d6','q',6),('d7','q',7),('d8','q',8),('d9','q',9)";

    private String database;
    private TableEnvironment sql;

    @BeforeEach
    void newContainer() {
        database = CosmosTestContainers.uniqueDatabase("faults");
        COSMOS.containers().create(database, "c", "/pk");
        COSMOS.embedded().stats().reset();
        sql = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
    }

    @AfterEach
    void cleanUp() {
        COSMOS.embedded().faults().clear();
        COSMOS.containers().dropDatabase(database);
    }

    private void createSink(String... options) {
        String[] withFastRetries = new String[options.length + 4];
        withFastRetries[0] = "cosmos.retry.backoff.initial-delay-ms";
        withFastRetries[1] = "10";
        withFastRetries[2] = "cosmos.retry.backoff.max-delay-ms";
        withFastRetries[3] = "50";
        System.arraycopy(options, 0, withFastRetries, 4, options.length);
        sql.executeSql(
                "CREATE TABLE sink (id STRING, pk STRING, n INT, PRIMARY KEY (id, pk) NOT ENFORCED) "
                        + CosmosSql.with(COSMOS.endpoint(), database, "c", withFastRetries));
    }

    @Test
    void retriesAnOperationUntilItSucceeds() throws Exception {
        COSMOS.embedded()
                .faults()
                .failOperations(
                        OperationMatch.kind(OperationKind.UPSERT).and(OperationMatch.id("d3")),
                        2,
                        OperationFailure.status(503));
        createSink();

        sql.executeSql(ROWS).await();

        assertThat(COSMOS.containers().documents(database, "c")).hasSize(10);
        assertThat(COSMOS.embedded().stats().operations(OperationKind.UPSERT, 503)).isEqualTo(2);
    }

    @Test
    void failsTheJobWhenRetriesAreUsedUpNamingStatusesAndCount() {
        COSMOS.embedded()
                .faults()
                .failOperations(
                        OperationMatch.id("d3"), 1_000, OperationFailure.status(503, 21008));
        COSMOS.embedded()
                .faults()
                .failOperations(OperationMatch.id("d4"), 1_000, OperationFailure.status(408));
        createSink("cosmos.retry.max-attempts", "2");

        String failure = failureOf(ROWS);

        assertThat(failure)
                .contains("still failed after 2 retries (cosmos.retry.max-attempts)")
                .contains("408/0 ×1")
                .contains("503/21008 ×1")
                .doesNotContain(COSMOS.endpoint().key());
    }

    @Test
    void failsTheJobAtOnceOnAFailStatusNamingTheDocument() {
        COSMOS.embedded()
                .faults()
                .failOperations(OperationMatch.id("d7"), 1, OperationFailure.status(400, 1001));
        createSink();

        String failure = failureOf(ROWS);

        assertThat(failure)
                .contains(
                        "Cosmos DB rejected 1 write(s) to "
                                + database
                                + "/c with a status classified FAIL")
                .contains("status 400, sub-status 1001 for id 'd7', partition key [q]")
                .doesNotContain("\"n\":7")
                .doesNotContain(COSMOS.endpoint().key());
        assertThat(COSMOS.embedded().stats().operations(OperationKind.UPSERT, 400)).isEqualTo(1);
    }

    @Test
    void dropsAnOperationWithAStatusNoRuleCovers() throws Exception {
        COSMOS.embedded()
                .faults()
                .failOperations(OperationMatch.id("d1"), 1, OperationFailure.status(412));
        createSink();

        sql.executeSql(ROWS).await();

        assertThat(COSMOS.containers().documents(database, "c"))
                .extracting(d -> d.get("id").asText())
                .hasSize(9)
                .doesNotContain("d1");
    }

    /** Nothing vanishes without a trace: each dropped write leaves a WARN line naming it. */
    @Test
    void logsEveryDroppedWriteAtWarnNamingTheDocumentAndTheStatus() throws Exception {
        COSMOS.embedded()
                .faults()
                .failOperations(OperationMatch.id("d1"), 1, OperationFailure.status(413));
        COSMOS.embedded()
                .faults()
                .failOperations(OperationMatch.id("d6"), 1, OperationFailure.status(418, 7));
        createSink();

        String log;
        try (LogCapture capture = new LogCapture(Level.WARN)) {
            sql.executeSql(ROWS).await();
            log = capture.text();
        }

        assertThat(log)
                .contains(
                        "Dropped the upsert of id 'd1', partition key [p] in %s/c: status 413,"
                                        .formatted(database)
                                + " sub-status 0 is classified DROP")
                .contains(
                        "Dropped the upsert of id 'd6', partition key [q] in %s/c: status 418,"
                                        .formatted(database)
                                + " sub-status 7 is classified DROP");
        assertThat(COSMOS.containers().documents(database, "c")).hasSize(8);
    }

    @Test
    void retriesAWholeBatchThatFailed() throws Exception {
        COSMOS.embedded().faults().failRequests(RequestKind.BULK, 2, RequestFailure.status(503));
        createSink();

        sql.executeSql(ROWS).await();

        assertThat(COSMOS.containers().documents(database, "c")).hasSize(10);
        assertThat(COSMOS.embedded().stats().requests(RequestKind.BULK, 503)).isEqualTo(2);
    }

    /**
     * Regression: a job cancelled while a buffered write waited for an earlier write of its
     * document (held in flight by a slow answer) never finished cancelling: the writer spun on
     * empty batches, the task manager gave up on the task after 180 s, and its slot stayed taken.
     */
    @Test
    void aJobCancelledWhileAWriteWaitsForAnEarlierWriteOfItsDocumentIsCancelled() throws Exception {
        COSMOS.embedded()
                .faults()
                .failRequests(RequestKind.BULK, 1, RequestFailure.delay(Duration.ofSeconds(20)));
        createSink("sink.batch.max-size", "1");

        TableResult insert = sql.executeSql("INSERT INTO sink VALUES ('x','p',1), ('x','p',2)");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (COSMOS.embedded().stats().requests(RequestKind.BULK) == 0) {
            assertThat(System.nanoTime()).as("the first write is sent").isLessThan(deadline);
            Thread.sleep(50);
        }
        Thread.sleep(500); // the second write of x arrives and waits for the first
        JobClient job = insert.getJobClient().orElseThrow();
        job.cancel().get(10, TimeUnit.SECONDS);

        // Well before the first write's answer, 20 s after it was sent.
        Throwable ended = catchThrowable(() -> insert.await(15, TimeUnit.SECONDS));
        assertThat(ended).as("the job ended").isNotInstanceOf(TimeoutException.class);
        assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.CANCELED);
    }

    @Test
    void retriesABatchThatTimedOut() throws Exception {
        COSMOS.embedded()
                .faults()
                .failRequests(RequestKind.BULK, 1, RequestFailure.delay(Duration.ofSeconds(5)));
        createSink("cosmos.async.bulk.request-timeout-ms", "1000");

        long started = System.nanoTime();
        sql.executeSql(ROWS).await();

        assertThat(COSMOS.containers().documents(database, "c")).hasSize(10);
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("the retry does not wait for the late answer")
                .isLessThan(Duration.ofSeconds(5));
    }

    /**
     * Regression: the AsyncSink's own timeout re-sent a timed-out batch, including a write that had
     * already succeeded, so an older value could land after a newer one.
     */
    @Test
    void aTimedOutBatchNeverOverwritesANewerValue() throws Exception {
        COSMOS.embedded()
                .faults()
                .failOperations(
                        OperationMatch.kind(OperationKind.UPSERT).and(OperationMatch.id("b")),
                        1,
                        OperationFailure.status(503));
        createSink(
                "cosmos.async.bulk.request-timeout-ms", "500",
                "cosmos.retry.backoff.initial-delay-ms", "2000",
                "cosmos.retry.backoff.max-delay-ms", "2000",
                "sink.batch.max-size", "2",
                "sink.requests.max-buffered", "10",
                "sink.flush-buffer.timeout", "10");

        sql.executeSql(
                        "INSERT INTO sink VALUES ('a','p',0),('b','p',1),('a','p',2),('b','p',3),"
                                + "('a','p',4),('b','p',5)")
                .await();

        assertThat(COSMOS.containers().documents(database, "c"))
                .extracting(d -> d.get("id").asText() + "=" + d.get("n").asInt())
                .containsExactlyInAnyOrder("a=4", "b=5");
    }

    /** Regression: timed-out requests were re-sent forever instead of counting as retries. */
    @Test
    void failsWhenEveryRequestTimesOutAndRetriesAreUsedUp() {
        COSMOS.embedded()
                .faults()
                .failRequests(RequestKind.BULK, 100, RequestFailure.delay(Duration.ofSeconds(3)));
        createSink("cosmos.async.bulk.request-timeout-ms", "300", "cosmos.retry.max-attempts", "1");

        String failure = failureOf(ROWS);

        assertThat(failure)
                .contains("still failed after 1 retries (cosmos.retry.max-attempts)")
                .contains("TimeoutException");
    }

    @Test
    void classifiesWithTheDetectorTheOptionNames() throws Exception {
        COSMOS.embedded()
                .faults()
                .failOperations(OperationMatch.id("d2"), 1, OperationFailure.status(409));
        createSink("cosmos.fail.detector", "retry-conflicts");

        sql.executeSql(ROWS).await();

        assertThat(COSMOS.containers().documents(database, "c")).hasSize(10);
    }

    @Test
    void namesTheAvailableDetectorsForAnUnknownOne() {
        createSink("cosmos.fail.detector", "retry-everything");

        String failure = failureOf(ROWS);

        assertThat(failure)
                .contains(
                        "Option 'cosmos.fail.detector' is 'retry-everything', but no"
                                + " CosmosRequestStatusDetectorFactory on the classpath has that"
                                + " identifier. Available: default, retry-conflicts.");
    }

    private String failureOf(String insert) {
        Throwable error = catchThrowable(() -> sql.executeSql(insert).await());
        assertThat(error).as("the job should fail").isNotNull();
        return ExceptionUtils.stringifyException(error);
    }
}
