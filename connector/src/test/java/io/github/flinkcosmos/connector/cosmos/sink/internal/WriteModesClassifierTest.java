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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The overrides per operation kind and what follows from them: a create that finds its document is
 * done and counted, a patch is written part after part, a patch of a missing document becomes its
 * create and a create that loses the race the patch again, a soft delete of a missing document is
 * done.
 */
class WriteModesClassifierTest {

    private static final RetryBackoff TWO_RETRIES =
            new RetryBackoff(2, Duration.ofMillis(100), Duration.ofMillis(1_000), 2.0);
    private static final byte[] JSON = "{\"id\":\"a\",\"x\":1}".getBytes(StandardCharsets.UTF_8);

    private final BatchClassifier classifier =
            new BatchClassifier(new DefaultCosmosRequestStatusDetector(), TWO_RETRIES, "db/orders");

    @Test
    void aCreateOfAnExistingDocumentSucceedsAndIsCountedAsSkipped() {
        CosmosWriteRequest create =
                CosmosWriteRequest.write(OperationKind.CREATE, "a", List.of("p"), JSON, 0);
        CosmosWriteRequest fresh =
                CosmosWriteRequest.write(OperationKind.CREATE, "b", List.of("p"), JSON, 0);

        BatchOutcome outcome =
                classifier.classify(
                        List.of(create, fresh),
                        List.of(Answer.of(create, 409, 0, 1.0), Answer.of(fresh, 201, 0, 5.0)));

        assertThat(outcome.succeededCount()).isEqualTo(2);
        assertThat(outcome.skippedExistingCount()).isEqualTo(1);
        assertThat(outcome.finishedKeys()).hasSize(2);
        assertThat(classifier.decide(outcome)).isEqualTo(new Complete());
    }

    @Test
    void aPatchPartThatSucceededIsFollowedAtOnceByTheNextAndTheDocumentStaysInFlight() {
        CosmosWriteRequest first = CosmosWriteRequest.patch("a", List.of("p"), JSON, 0, 3, 0);

        BatchOutcome outcome =
                classifier.classify(List.of(first), List.of(Answer.of(first, 200, 0, 2.0)));
        Decision decision = classifier.decide(outcome);

        assertThat(outcome.finishedKeys()).isEmpty();
        assertThat(decision)
                .isEqualTo(
                        new Retry(
                                List.of(CosmosWriteRequest.patch("a", List.of("p"), JSON, 1, 3, 0)),
                                Duration.ZERO,
                                0));
        CosmosWriteRequest last = CosmosWriteRequest.patch("a", List.of("p"), JSON, 2, 3, 0);
        BatchOutcome done =
                classifier.classify(List.of(last), List.of(Answer.of(last, 200, 0, 2.0)));
        assertThat(classifier.decide(done)).isEqualTo(new Complete());
        assertThat(done.finishedKeys()).hasSize(1);
    }

    @Test
    void aPatchOfAMissingDocumentCreatesItAndACreateThatLosesTheRacePatchesAgain() {
        CosmosWriteRequest patch = CosmosWriteRequest.patch("a", List.of("p"), JSON, 1, 3, 0);

        Decision created =
                classifier.decide(
                        classifier.classify(List.of(patch), List.of(Answer.of(patch, 404, 0, 1))));

        CosmosWriteRequest create = ((Retry) created).entries().get(0);
        assertThat(create.kind()).isEqualTo(OperationKind.CREATE_MISSING);
        assertThat(create.retries()).isEqualTo(1);
        assertThat(((Retry) created).delay()).isZero();
        assertThat(((Retry) created).retried()).isZero();

        Decision patchedAgain =
                classifier.decide(
                        classifier.classify(
                                List.of(create), List.of(Answer.of(create, 409, 0, 1))));

        CosmosWriteRequest again = ((Retry) patchedAgain).entries().get(0);
        assertThat(again.kind()).isEqualTo(OperationKind.PATCH);
        assertThat(again.part()).isZero();
        assertThat(again.parts()).isEqualTo(3);
        assertThat(again.retries()).isEqualTo(2);
    }

    @Test
    void aDocumentThatKeepsVanishingAndReappearingFailsTheJobAfterTheRetries() {
        CosmosWriteRequest patch = CosmosWriteRequest.patch("a", List.of("p"), JSON, 0, 1, 2);

        Decision decision =
                classifier.decide(
                        classifier.classify(List.of(patch), List.of(Answer.of(patch, 404, 0, 0))));

        assertThat(decision).isInstanceOf(Fail.class);
        assertThat(((Fail) decision).message())
                .contains("part 1 of 1 of the patch of id 'a'")
                .contains("cosmos.retry.max-attempts");
    }

    @Test
    void aFallbackForAKindWithoutOneFailsTheJob() {
        CosmosRequestStatusDetector confused =
                (status, subStatus) -> RequestClassification.FALLBACK;
        BatchClassifier withConfused = new BatchClassifier(confused, TWO_RETRIES, "db/orders");
        CosmosWriteRequest upsert = new CosmosWriteRequest("a", List.of("p"), JSON, 0);

        Decision decision =
                withConfused.decide(
                        withConfused.classify(
                                List.of(upsert), List.of(Answer.of(upsert, 200, 0, 0))));

        assertThat(((Fail) decision).message()).contains("a UPSERT has no fallback");
    }

    @Test
    void aSoftDeleteOfAMissingDocumentIsDoneAndRetriesMixWithContinuations() {
        CosmosWriteRequest softDelete = CosmosWriteRequest.softDelete("gone", List.of("p"), 0);
        CosmosWriteRequest patch = CosmosWriteRequest.patch("a", List.of("p"), JSON, 0, 2, 0);
        CosmosWriteRequest throttled = new CosmosWriteRequest("b", List.of("p"), JSON, 0);

        BatchOutcome outcome =
                classifier.classify(
                        List.of(softDelete, patch, throttled),
                        List.of(
                                Answer.of(softDelete, 404, 0, 1.0),
                                Answer.of(patch, 200, 0, 1.0),
                                Answer.of(throttled, 429, 3200, 0)));
        Retry retry = (Retry) classifier.decide(outcome);

        assertThat(outcome.finishedKeys()).containsExactly(softDelete.key());
        assertThat(retry.entries()).containsExactly(throttled.retried(), patch.nextPart());
        assertThat(retry.retried()).isEqualTo(1);
        assertThat(retry.delay()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void anOldDetectorGetsTheOverridesOfTheSpecThroughTheDefaultMethod() {
        CosmosRequestStatusDetector old = (status, subStatus) -> RequestClassification.FAIL;

        assertThat(old.classify(OperationKind.DELETE, 404, 0))
                .isEqualTo(RequestClassification.SUCCESS);
        assertThat(old.classify(OperationKind.SOFT_DELETE, 404, 0))
                .isEqualTo(RequestClassification.SUCCESS);
        assertThat(old.classify(OperationKind.CREATE, 409, 0))
                .isEqualTo(RequestClassification.SUCCESS);
        assertThat(old.classify(OperationKind.PATCH, 404, 0))
                .isEqualTo(RequestClassification.FALLBACK);
        assertThat(old.classify(OperationKind.CREATE_MISSING, 409, 0))
                .isEqualTo(RequestClassification.FALLBACK);
        assertThat(old.classify(OperationKind.PATCH, 404, 1002))
                .isEqualTo(RequestClassification.FAIL);
        assertThat(old.classify(OperationKind.UPSERT, 409, 0))
                .isEqualTo(RequestClassification.FAIL);
    }
}
