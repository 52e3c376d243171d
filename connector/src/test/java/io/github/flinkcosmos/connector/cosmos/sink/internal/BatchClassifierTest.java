package io.github.flinkcosmos.connector.cosmos.sink.internal;

import io.github.flinkcosmos.connector.cosmos.sink.CosmosWriteRequest;
import io.github.flinkcosmos.connector.cosmos.sink.internal.BatchClassifier.Answer;
import io.github.flinkcosmos.connector.cosmos.sink.internal.BatchClassifier.Complete;
import io.github.flinkcosmos.connector.cosmos.sink.internal.BatchClassifier.Decision;
import io.github.flinkcosmos.connector.cosmos.sink.internal.BatchClassifier.Fail;
import io.github.flinkcosmos.connector.cosmos.sink.internal.BatchClassifier.Retry;
import io.github.flinkcosmos.connector.cosmos.status.CosmosRequestStatusDetector;
import io.github.flinkcosmos.connector.cosmos.status.DefaultCosmosRequestStatusDetector;
import io.github.flinkcosmos.connector.cosmos.status.OperationKind;
import io.github.flinkcosmos.connector.cosmos.status.RequestClassification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every bulk request ends in exactly one decision: complete, retry after the backoff delay, or fail
 * the job; the outcome counts what the metrics and messages report.
 */
class BatchClassifierTest {

    private static final RetryBackoff TWO_RETRIES =
            new RetryBackoff(2, Duration.ofMillis(100), Duration.ofMillis(1_000), 2.0);

    private final BatchClassifier classifier =
            new BatchClassifier(new DefaultCosmosRequestStatusDetector(), TWO_RETRIES, "db/orders");

    private static CosmosWriteRequest write(String id, int retries) {
        return new CosmosWriteRequest(
                id,
                List.of("p"),
                ("{\"id\":\"" + id + "\",\"secret\":\"s3cr3t\"}").getBytes(StandardCharsets.UTF_8),
                retries);
    }

    @ParameterizedTest(name = "{0}/{1} is {2}")
    @CsvSource({
        "201, 0, SUCCESS",
        "200, 0, SUCCESS",
        "408, 0, RETRY",
        "429, 3200, RETRY",
        "503, 21008, RETRY",
        "400, 1001, FAIL",
        "404, 0, FAIL",
        "409, 0, FAIL",
        "412, 0, DROP",
        "413, 0, DROP"
    })
    void sortsAnOperationAsTheDefaultDetectorClassifiesItsStatus(
            int status, int subStatus, RequestClassification expected) {
        CosmosWriteRequest a = write("a", 0);

        BatchOutcome outcome =
                classifier.classify(List.of(a), List.of(Answer.of(a, status, subStatus, 5.0)));

        assertThat(classificationOf(outcome)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "delete {0}/{1} is {2}")
    @CsvSource({
        "204, 0, SUCCESS",
        "200, 0, SUCCESS",
        "404, 0, SUCCESS",
        "404, 1002, FAIL",
        "429, 3200, RETRY",
        "503, 0, RETRY",
        "412, 0, DROP"
    })
    void aDeleteOfADocumentAlreadyGoneSucceedsAndOtherwiseIsClassifiedAsAWrite(
            int status, int subStatus, RequestClassification expected) {
        CosmosWriteRequest gone = CosmosWriteRequest.delete("a", List.of("p"), 0);

        BatchOutcome outcome =
                classifier.classify(
                        List.of(gone), List.of(Answer.of(gone, status, subStatus, 1.0)));

        assertThat(classificationOf(outcome)).isEqualTo(expected);
    }

    @Test
    void theDetectorLearnsTheOperationKindAndItsDefaultIgnoresIt() {
        List<OperationKind> seen = new java.util.ArrayList<>();
        CosmosRequestStatusDetector byKind =
                new CosmosRequestStatusDetector() {
                    @Override
                    public RequestClassification classify(int statusCode, int subStatusCode) {
                        return RequestClassification.FAIL;
                    }

                    @Override
                    public RequestClassification classify(
                            OperationKind kind, int statusCode, int subStatusCode) {
                        seen.add(kind);
                        return RequestClassification.SUCCESS;
                    }
                };
        BatchClassifier withKinds = new BatchClassifier(byKind, TWO_RETRIES, "db/orders");
        CosmosWriteRequest upsert = write("a", 0);
        CosmosWriteRequest delete = CosmosWriteRequest.delete("b", List.of("p"), 0);

        BatchOutcome outcome =
                withKinds.classify(
                        List.of(upsert, delete),
                        List.of(Answer.of(upsert, 409, 0, 1.0), Answer.of(delete, 412, 0, 1.0)));

        assertThat(seen).containsExactly(OperationKind.UPSERT, OperationKind.DELETE);
        assertThat(outcome.succeededCount()).isEqualTo(2);
        CosmosRequestStatusDetector old = (status, subStatus) -> RequestClassification.DROP;
        assertThat(old.classify(OperationKind.DELETE, 409, 0))
                .isEqualTo(RequestClassification.DROP);
    }

    @Test
    void aFailedDeleteSaysItWasADelete() {
        CosmosWriteRequest delete = CosmosWriteRequest.delete("b", List.of("p"), 0);

        Decision decision =
                classifier.decide(
                        classifier.classify(
                                List.of(delete), List.of(Answer.of(delete, 400, 0, 0))));

        assertThat(decision)
                .isEqualTo(
                        new Fail(
                                "Cosmos DB rejected 1 write(s) to db/orders with a status"
                                        + " classified FAIL: status 400, sub-status 0 for the"
                                        + " delete of id 'b', partition key [p]"));
    }

    @Test
    void aSuccessCountsItsRequestChargeAndFinishesItsDocument() {
        CosmosWriteRequest a = write("a", 0);
        CosmosWriteRequest b = write("b", 0);

        BatchOutcome outcome =
                classifier.classify(
                        List.of(a, b),
                        List.of(Answer.of(a, 201, 0, 5.5), Answer.of(b, 200, 0, 2.0)));

        assertThat(outcome.succeededCount()).isEqualTo(2);
        assertThat(outcome.requestCharge()).isEqualTo(7.5);
        assertThat(outcome.finishedKeys()).containsExactly(a.key(), b.key());
        assertThat(classifier.decide(outcome)).isEqualTo(new Complete());
    }

    @Test
    void aDroppedOperationIsFinishedAndCountedButNotCharged() {
        CosmosWriteRequest a = write("a", 0);

        BatchOutcome outcome = classifier.classify(List.of(a), List.of(Answer.of(a, 412, 0, 3.0)));

        assertThat(outcome.droppedCount()).isEqualTo(1);
        assertThat(outcome.requestCharge()).isZero();
        assertThat(outcome.finishedKeys()).containsExactly(a.key());
        assertThat(classifier.decide(outcome)).isEqualTo(new Complete());
    }

    @Test
    void retriesCountTheirStatusesForTheMessageAnd429sAsThrottled() {
        CosmosWriteRequest a = write("a", 0);
        CosmosWriteRequest b = write("b", 0);
        CosmosWriteRequest c = write("c", 0);
        CosmosWriteRequest d = write("d", 0);

        BatchOutcome outcome =
                classifier.classify(
                        List.of(a, b, c, d),
                        List.of(
                                Answer.of(a, 503, 0, 0),
                                Answer.of(b, 429, 3200, 0),
                                Answer.of(c, 503, 0, 0),
                                Answer.of(d, 201, 0, 1.0)));

        assertThat(outcome.retries()).containsExactly(a, b, c);
        assertThat(outcome.throttledCount()).isEqualTo(1);
        assertThat(outcome.retryStatuses()).isEqualTo("429/3200 ×1, 503/0 ×2");
        // Only the written document is finished; retried ones stay in flight.
        assertThat(outcome.finishedKeys()).containsExactly(d.key());
    }

    @Test
    void retriesOperationsWithoutAStatusAndThoseNeverAnsweredAs0Slash0() {
        CosmosWriteRequest noStatus = write("a", 0);
        CosmosWriteRequest unanswered = write("b", 0);
        CosmosWriteRequest written = write("c", 0);

        BatchOutcome outcome =
                classifier.classify(
                        List.of(noStatus, unanswered, written),
                        List.of(Answer.of(written, 201, 0, 1.0), Answer.none(noStatus)));

        assertThat(outcome.retries()).containsExactly(noStatus, unanswered);
        assertThat(outcome.retryStatuses()).isEqualTo("0/0 ×2");
        assertThat(outcome.succeededCount()).isEqualTo(1);
    }

    @Test
    void retriesAfterTheBackoffDelayOfTheMostRetriedOperation() {
        CosmosWriteRequest fresh = write("a", 0);
        CosmosWriteRequest retriedOnce = write("b", 1);

        Decision decision =
                classifier.decide(
                        classifier.classify(
                                List.of(fresh, retriedOnce),
                                List.of(
                                        Answer.of(fresh, 503, 0, 0),
                                        Answer.of(retriedOnce, 408, 0, 0))));

        assertThat(decision)
                .isEqualTo(
                        new Retry(
                                List.of(fresh.retried(), retriedOnce.retried()),
                                TWO_RETRIES.delayBefore(2)));
        assertThat(((Retry) decision).entries())
                .extracting(CosmosWriteRequest::retries)
                .containsExactly(1, 2);
    }

    @Test
    void failsTheJobOnceAnOperationHasHadCosmosRetryMaxAttemptsRetries() {
        CosmosWriteRequest fresh = write("a", 0);
        CosmosWriteRequest exhausted = write("b", 2);

        Decision decision =
                classifier.decide(
                        classifier.classify(
                                List.of(fresh, exhausted),
                                List.of(
                                        Answer.of(fresh, 503, 0, 0),
                                        Answer.of(exhausted, 503, 21008, 0))));

        assertThat(decision)
                .isEqualTo(
                        new Fail(
                                "1 write(s) to db/orders still failed after 2 retries"
                                        + " (cosmos.retry.max-attempts); last statuses"
                                        + " (status/sub-status): 503/0 ×1, 503/21008 ×1. First:"
                                        + " id 'b', partition key [p]"));
    }

    @Test
    void aFailedOperationFailsTheBatchEvenWhenOthersWouldBeRetried() {
        CosmosWriteRequest retried = write("a", 0);
        CosmosWriteRequest badRequest = write("b", 0);
        CosmosWriteRequest conflict = write("c", 0);

        Decision decision =
                classifier.decide(
                        classifier.classify(
                                List.of(retried, badRequest, conflict),
                                List.of(
                                        Answer.of(retried, 503, 0, 0),
                                        Answer.of(badRequest, 400, 1001, 0),
                                        Answer.of(conflict, 409, 0, 0))));

        assertThat(decision)
                .isEqualTo(
                        new Fail(
                                "Cosmos DB rejected 2 write(s) to db/orders with a status"
                                        + " classified FAIL: status 400, sub-status 1001 for id"
                                        + " 'b', partition key [p]; status 409, sub-status 0 for"
                                        + " id 'c', partition key [p]"));
        assertThat(((Fail) decision).message()).doesNotContain("s3cr3t");
    }

    @Test
    void retriesAWholeFailedBatchWithTheErrorAsItsStatus() {
        CosmosWriteRequest a = write("a", 0);
        CosmosWriteRequest b = write("b", 1);

        Decision decision = classifier.decideWholeBatch(List.of(a, b), new TimeoutException());

        assertThat(decision)
                .isEqualTo(
                        new Retry(List.of(a.retried(), b.retried()), TWO_RETRIES.delayBefore(2)));
    }

    @Test
    void failsAWholeFailedBatchOnceAnOperationHasHadEveryRetry() {
        CosmosWriteRequest a = write("a", 2);
        CosmosWriteRequest b = write("b", 2);
        CosmosWriteRequest c = write("c", 0);

        Decision decision = classifier.decideWholeBatch(List.of(c, a, b), new TimeoutException());

        assertThat(decision)
                .isEqualTo(
                        new Fail(
                                "2 write(s) to db/orders still failed after 2 retries"
                                        + " (cosmos.retry.max-attempts); last statuses"
                                        + " (status/sub-status): TimeoutException ×3 (whole"
                                        + " request). First: id 'a', partition key [p]"));
    }

    @Test
    void rejectsADetectorThatClassifiesAStatusAsNull() {
        BatchClassifier withBrokenDetector =
                new BatchClassifier((status, subStatus) -> null, TWO_RETRIES, "db/orders");
        CosmosWriteRequest a = write("a", 0);

        assertThatThrownBy(
                        () ->
                                withBrokenDetector.classify(
                                        List.of(a), List.of(Answer.of(a, 418, 7, 0))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the detector classified status 418/7 as null");
    }

    @Test
    void asksAPluggedInDetectorRatherThanTheDefaultTable() {
        BatchClassifier retryingConflicts =
                new BatchClassifier(
                        (status, subStatus) ->
                                status == 409
                                        ? RequestClassification.RETRY
                                        : new DefaultCosmosRequestStatusDetector()
                                                .classify(status, subStatus),
                        TWO_RETRIES,
                        "db/orders");
        CosmosWriteRequest a = write("a", 0);

        BatchOutcome outcome =
                retryingConflicts.classify(List.of(a), List.of(Answer.of(a, 409, 0, 0)));

        assertThat(outcome.retryStatuses()).isEqualTo("409/0 ×1");
    }

    /** The one bucket the batch's single operation landed in. */
    private static RequestClassification classificationOf(BatchOutcome outcome) {
        int buckets = 0;
        RequestClassification found = null;
        if (outcome.succeededCount() == 1) {
            buckets++;
            found = RequestClassification.SUCCESS;
        }
        if (outcome.retries().size() == 1) {
            buckets++;
            found = RequestClassification.RETRY;
        }
        if (outcome.failures().size() == 1) {
            buckets++;
            found = RequestClassification.FAIL;
        }
        if (outcome.droppedCount() == 1) {
            buckets++;
            found = RequestClassification.DROP;
        }
        assertThat(buckets).as("buckets the operation landed in").isEqualTo(1);
        return found;
    }
}
