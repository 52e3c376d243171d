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
}
