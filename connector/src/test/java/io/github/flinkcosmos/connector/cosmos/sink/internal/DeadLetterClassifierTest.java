package io.github.flinkcosmos.connector.cosmos.sink.internal;

import io.github.flinkcosmos.connector.cosmos.sink.CosmosWriteRequest;
import io.github.flinkcosmos.connector.cosmos.sink.DeadLetterClass;
import io.github.flinkcosmos.connector.cosmos.status.DefaultCosmosRequestStatusDetector;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a classifier with a dead-letter container makes of the writes it gives up on. */
class DeadLetterClassifierTest {

    private static final RetryBackoff ONE_RETRY =
            new RetryBackoff(1, Duration.ofMillis(10), Duration.ofMillis(10), 1.0);

    private final BatchClassifier classifier =
            new BatchClassifier(
                    new DefaultCosmosRequestStatusDetector(),
                    ONE_RETRY,
                    "db/c",
                    EnumSet.allOf(DeadLetterClass.class));

    private static CosmosWriteRequest upsert(String id) {
        return new CosmosWriteRequest(
                id,
                List.of("p"),
                "{\"id\":\"%s\"}".formatted(id).getBytes(StandardCharsets.UTF_8),
                0);
    }

    /** Regression: a dropped write was released at once and again after its dead letter. */
    @Test
    void aDroppedWriteThatBecomesADeadLetterIsReleasedOnlyAfterIt() {
        CosmosWriteRequest dropped = upsert("d");
        CosmosWriteRequest written = upsert("w");

        BatchOutcome outcome =
                classifier.classify(
                        List.of(dropped, written),
                        List.of(
                                BatchClassifier.Answer.of(dropped, 413, 0, 0),
                                BatchClassifier.Answer.of(written, 201, 0, 1)));

        assertThat(outcome.finishedKeys()).containsExactly(written.key());
        assertThat(outcome.droppedCount()).isEqualTo(1);
        assertThat(classifier.decide(outcome).deadLetters())
                .singleElement()
                .satisfies(letter -> assertThat(letter.key()).isEqualTo(dropped.key()));
    }

    /** Regression: a soft delete has no JSON, and asking for it threw in the writer's callback. */
    @Test
    void aSoftDeleteGivenUpOnBecomesADeadLetterWithoutARow() {
        CosmosWriteRequest softDelete = CosmosWriteRequest.softDelete("s", List.of("p"), 1);

        BatchClassifier.Decision failed =
                classifier.decide(
                        classifier.classify(
                                List.of(softDelete),
                                List.of(BatchClassifier.Answer.of(softDelete, 400, 0, 0))));
        BatchClassifier.Decision exhausted =
                classifier.decideWholeBatch(
                        List.of(softDelete), new IllegalStateException("reset"));

        assertThat(failed.deadLetters())
                .singleElement()
                .satisfies(
                        letter -> {
                            assertThat(letter.deadLetterClass()).isEqualTo(DeadLetterClass.FAIL);
                            assertThat(letter.json()).isNull();
                        });
        assertThat(exhausted.deadLetters())
                .singleElement()
                .satisfies(
                        letter -> {
                            assertThat(letter.deadLetterClass())
                                    .isEqualTo(DeadLetterClass.RETRIES_EXHAUSTED);
                            assertThat(letter.json()).isNull();
                        });
        assertThat(exhausted).isInstanceOf(BatchClassifier.Complete.class);
    }

    /** A patch whose fallback keeps failing is given up on like any other write. */
    @Test
    void aPatchWithNoFallbackLeftBecomesARetriesExhaustedDeadLetter() {
        CosmosWriteRequest patch =
                CosmosWriteRequest.patch(
                        "p1",
                        List.of("p"),
                        "{\"id\":\"p1\",\"v\":1}".getBytes(StandardCharsets.UTF_8),
                        0,
                        1,
                        1);

        BatchClassifier.Decision decision =
                classifier.decide(
                        classifier.classify(
                                List.of(patch),
                                List.of(BatchClassifier.Answer.of(patch, 404, 0, 0))));

        assertThat(decision).isInstanceOf(BatchClassifier.Complete.class);
        assertThat(decision.deadLetters())
                .singleElement()
                .satisfies(
                        letter -> {
                            assertThat(letter.deadLetterClass())
                                    .isEqualTo(DeadLetterClass.RETRIES_EXHAUSTED);
                            assertThat(letter.reason()).contains("still no fallback that succeeds");
                        });
    }
}
