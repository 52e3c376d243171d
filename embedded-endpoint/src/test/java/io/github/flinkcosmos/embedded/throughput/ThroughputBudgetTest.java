package io.github.flinkcosmos.embedded.throughput;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ThroughputBudgetTest {

    @Test
    void chargesUpToOneSecondOfRequestUnitsThenNamesTheWait() {
        AtomicLong now = new AtomicLong();
        ThroughputBudget budget = new ThroughputBudget(100, now::get);

        assertThat(budget.charge(60)).isEmpty();
        assertThat(budget.charge(40)).isEmpty();
        assertThat(budget.charge(50)).contains(Duration.ofMillis(500));

        now.addAndGet(Duration.ofMillis(200).toNanos()); // refills 20 RU
        assertThat(budget.charge(50)).contains(Duration.ofMillis(300));
        now.addAndGet(Duration.ofMillis(300).toNanos());
        assertThat(budget.charge(50)).isEmpty();
        assertThat(budget.consumed()).isEqualTo(150);
    }

    /** Regression: a write costing more than one second's budget was refused forever. */
    @Test
    void letsAChargeAboveOneSecondsBudgetThroughOnceTheBucketIsFull() {
        AtomicLong now = new AtomicLong();
        ThroughputBudget budget = new ThroughputBudget(10, now::get);

        assertThat(budget.charge(15)).isEmpty(); // a full bucket goes 5 RU into debt
        assertThat(budget.charge(15)).contains(Duration.ofMillis(1500)); // until full again
        now.addAndGet(Duration.ofMillis(1500).toNanos());
        assertThat(budget.charge(15)).isEmpty();
        assertThat(budget.consumed()).isEqualTo(30);
    }

    @Test
    void neverHoldsMoreThanOneSecondOfRequestUnits() {
        AtomicLong now = new AtomicLong();
        ThroughputBudget budget = new ThroughputBudget(100, now::get);

        now.addAndGet(Duration.ofSeconds(60).toNanos());

        assertThat(budget.charge(100)).isEmpty();
        assertThat(budget.charge(1)).contains(Duration.ofMillis(10));
    }

    @Test
    void chargesWritesByStartedKibibyte() {
        assertThat(RequestUnits.write(10)).isEqualTo(5);
        assertThat(RequestUnits.write(1024)).isEqualTo(5);
        assertThat(RequestUnits.write(1025)).isEqualTo(10);
        assertThat(RequestUnits.read(3000)).isEqualTo(3);
    }

    @Test
    void dividesTheBudgetEvenlyAcrossRangesAtMostTenThousandEach() {
        AtomicLong now = new AtomicLong();
        ThroughputBudget budget = new ThroughputBudget(400, now::get);

        assertThat(budget.charge("0", 4, 100)).isEmpty();
        assertThat(budget.charge("0", 4, 1)).isPresent();
        assertThat(budget.charge("1", 4, 100)).isEmpty();
        assertThat(budget.consumed()).isEqualTo(200);
        assertThat(new ThroughputBudget(100_000).requestUnitsPerSecondPerRange(4))
                .isEqualTo(ThroughputBudget.MAX_PER_RANGE);
        assertThat(new ThroughputBudget(100_000).requestUnitsPerSecondPerRange(1))
                .isEqualTo(100_000);
    }

    @Test
    void givesEveryRangeANewShareAfterASplitAndKeepsCountingWhatWasConsumed() {
        AtomicLong now = new AtomicLong();
        ThroughputBudget budget = new ThroughputBudget(300, now::get);
        assertThat(budget.charge("0", 2, 150)).isEmpty();

        assertThat(budget.charge("2", 3, 100)).isEmpty();
        assertThat(budget.charge("2", 3, 1)).isPresent();
        assertThat(budget.consumed()).isEqualTo(250);
    }

    /**
     * Priority-based execution: over budget, low priority is throttled first, so a high-priority
     * client demanding 60% keeps all of it while a saturating low-priority one gets the rest.
     */
    @Test
    void overBudgetLowPriorityIsThrottledBeforeHighPriority() {
        AtomicLong now = new AtomicLong();
        ThroughputBudget budget = new ThroughputBudget(1000, now::get);
        double high = 0;
        double low = 0;
        int highThrottled = 0;
        // Ten seconds in 10 ms steps: high asks 6 RU per step (600 RU/s), low asks 20 (2,000 RU/s).
        for (int step = 0; step < 1000; step++) {
            now.addAndGet(Duration.ofMillis(10).toNanos());
            if (budget.charge("0", 1, 6, Priority.HIGH).isEmpty()) {
                high += 6;
            } else {
                highThrottled++;
            }
            for (int request = 0; request < 4; request++) {
                if (budget.charge("0", 1, 5, Priority.LOW).isEmpty()) {
                    low += 5;
                }
            }
        }

        assertThat(highThrottled).isZero();
        assertThat(high).isEqualTo(6000);
        // The rest of 10,000 RU, less what the first second's full bucket let low take early.
        assertThat(low).isBetween(3500.0, 5000.0);
    }

    /** No RU/s is reserved: either priority alone may use the whole budget. */
    @Test
    void lowPriorityAloneUsesTheWholeBudget() {
        AtomicLong now = new AtomicLong();
        ThroughputBudget budget = new ThroughputBudget(1000, now::get);
        double low = 0;
        for (int step = 0; step < 1000; step++) {
            now.addAndGet(Duration.ofMillis(10).toNanos());
            for (int request = 0; request < 4; request++) {
                if (budget.charge("0", 1, 5, Priority.LOW).isEmpty()) {
                    low += 5;
                }
            }
        }

        assertThat(low).isBetween(10_000.0, 11_000.0);
    }

    /** Without priorities, a saturating writer takes about as much as the other one asks. */
    @Test
    void atEqualPriorityASaturatingWriterCrowdsTheOtherOut() {
        AtomicLong now = new AtomicLong();
        ThroughputBudget budget = new ThroughputBudget(1000, now::get);
        int appThrottled = 0;
        for (int step = 0; step < 1000; step++) {
            now.addAndGet(Duration.ofMillis(10).toNanos());
            for (int request = 0; request < 4; request++) {
                budget.charge("0", 1, 5, Priority.HIGH);
            }
            if (budget.charge("0", 1, 6, Priority.HIGH).isPresent()) {
                appThrottled++;
            }
        }

        assertThat(appThrottled).isGreaterThan(500);
    }
}
