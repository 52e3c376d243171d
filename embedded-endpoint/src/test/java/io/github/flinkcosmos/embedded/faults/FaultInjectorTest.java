package io.github.flinkcosmos.embedded.faults;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultInjectorTest {

    private static final Operation UPSERT_X =
            new Operation(OperationKind.UPSERT, "db", "c", "x", "[\"p\"]");
    private static final Operation UPSERT_Y =
            new Operation(OperationKind.UPSERT, "db", "c", "y", "[\"p\"]");

    @Test
    void appliesARuleAsManyTimesAsAskedThenLetsOperationsThrough() {
        FaultInjector faults = new FaultInjector();
        faults.failOperations(OperationMatch.id("x"), 2, OperationFailure.status(503));

        assertThat(faults.failureFor(UPSERT_Y)).isEmpty();
        assertThat(faults.failureFor(UPSERT_X)).contains(OperationFailure.status(503));
        assertThat(faults.failureFor(UPSERT_X)).contains(OperationFailure.status(503));
        assertThat(faults.failureFor(UPSERT_X)).isEmpty();
    }

    @Test
    void triesRulesInTheOrderTheyWereAdded() {
        FaultInjector faults = new FaultInjector();
        faults.failOperations(OperationMatch.id("x"), 1, OperationFailure.status(503))
                .failOperations(OperationMatch.any(), 1, OperationFailure.status(408));

        assertThat(faults.failureFor(UPSERT_X)).contains(OperationFailure.status(503));
        assertThat(faults.failureFor(UPSERT_X)).contains(OperationFailure.status(408));
        assertThat(faults.failureFor(UPSERT_X)).isEmpty();
    }

    @Test
    void matchesWholeRequestsByKindAndClearsEverything() {
        FaultInjector faults = new FaultInjector();
        faults.failRequests(RequestKind.BULK, 5, RequestFailure.resetConnection())
                .addLatency(Duration.ofMillis(7));

        assertThat(faults.failureFor(RequestKind.QUERY)).isEmpty();
        assertThat(faults.failureFor(RequestKind.BULK)).contains(RequestFailure.resetConnection());
        faults.clear();
        assertThat(faults.failureFor(RequestKind.BULK)).isEqualTo(Optional.empty());
        assertThat(faults.addedLatency()).isZero();
    }

    @Test
    void aTimedRuleFailsEveryMatchUntilItsWindowEnds() throws InterruptedException {
        FaultInjector faults = new FaultInjector();
        faults.failOperationsFor(
                        OperationMatch.id("x"),
                        Duration.ofMillis(300),
                        OperationFailure.status(503))
                .failRequestsFor(
                        Set.of(RequestKind.BULK),
                        Duration.ofMillis(300),
                        RequestFailure.status(503));

        for (int i = 0; i < 50; i++) {
            assertThat(faults.failureFor(UPSERT_X)).contains(OperationFailure.status(503));
            assertThat(faults.failureFor(RequestKind.BULK)).contains(RequestFailure.status(503));
        }
        assertThat(faults.failureFor(UPSERT_Y)).isEmpty();
        assertThat(faults.failureFor(RequestKind.QUERY)).isEmpty();
        Thread.sleep(400);
        assertThat(faults.failureFor(UPSERT_X)).isEmpty();
        assertThat(faults.failureFor(RequestKind.BULK)).isEmpty();
    }

    @Test
    void aLatencySpikeAddsToEveryResponseUntilItEnds() throws InterruptedException {
        FaultInjector faults = new FaultInjector();
        faults.addLatency(Duration.ofMillis(7))
                .spikeLatencyFor(Duration.ofMillis(300), Duration.ofSeconds(5));

        assertThat(faults.addedLatency()).isEqualTo(Duration.ofMillis(5007));
        Thread.sleep(400);
        assertThat(faults.addedLatency()).isEqualTo(Duration.ofMillis(7));
    }

    /** Regression: a rule on id threw for a document without one, failing its whole batch. */
    @Test
    void anIdRuleDoesNotMatchAnOperationWithoutAnId() {
        Operation noId = new Operation(OperationKind.UPSERT, "db", "c", null, "[\"p\"]");

        assertThat(OperationMatch.id("x").test(noId)).isFalse();
    }

    @Test
    void refusesARuleThatWouldNeverApply() {
        assertThatThrownBy(
                        () ->
                                new FaultInjector()
                                        .failOperations(
                                                OperationMatch.any(),
                                                0,
                                                OperationFailure.status(500)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("times must be at least 1, got 0");
    }

    @Test
    void targetsOneRangeWithLatencyFailuresAndSplits() {
        FaultInjector faults = new FaultInjector();
        Operation onRange2 = new Operation(OperationKind.UPSERT, "db", "c", "x", "[\"p\"]", "2");
        faults.addLatency(OperationMatch.range("2"), Duration.ofMillis(50))
                .failOperations(OperationMatch.range("2"), 1, OperationFailure.status(429, 3200))
                .splitRange(OperationMatch.range("2"), 1);

        assertThat(faults.latencyFor(UPSERT_X)).isZero();
        assertThat(faults.latencyFor(onRange2)).isEqualTo(Duration.ofMillis(50));
        assertThat(faults.failureFor(UPSERT_X)).isEmpty();
        assertThat(faults.failureFor(onRange2)).contains(OperationFailure.status(429, 3200));
        assertThat(faults.anySplitRule()).isTrue();
        assertThat(faults.splitsRangeOf(UPSERT_X)).isFalse();
        assertThat(faults.splitsRangeOf(onRange2)).isTrue();
        assertThat(faults.splitsRangeOf(onRange2)).isFalse();
        assertThat(faults.anySplitRule()).isFalse();
        faults.clear();
        assertThat(faults.latencyFor(onRange2)).isZero();
    }
}
