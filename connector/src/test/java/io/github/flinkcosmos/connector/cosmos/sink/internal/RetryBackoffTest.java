package io.github.flinkcosmos.connector.cosmos.sink.internal;

import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The retry policy follows the contract's formula: the n-th retry waits {@code min(initial ×
 * multiplier^(n − 1), max)}, and an operation has at most {@code cosmos.retry.max-attempts}
 * retries.
 */
class RetryBackoffTest {

    private static RetryBackoff backoff(int maxRetries, long initial, long max, double multiplier) {
        return new RetryBackoff(
                maxRetries, Duration.ofMillis(initial), Duration.ofMillis(max), multiplier);
    }

    @Test
    void theContractDefaultsWaitAFixedHalfSecondBeforeEveryRetry() {
        RetryBackoff defaults = backoff(5, 500, 500, 1.0);

        for (int retry = 1; retry <= 5; retry++) {
            assertThat(defaults.delayBefore(retry)).isEqualTo(Duration.ofMillis(500));
        }
    }

    @ParameterizedTest(name = "retry {0} waits {1} ms")
    @CsvSource({"1, 100", "2, 200", "3, 400", "4, 800", "5, 1000", "6, 1000", "50, 1000"})
    void growsExponentiallyUntilTheMaximumDelay(int retry, long expectedMillis) {
        RetryBackoff exponential = backoff(100, 100, 1_000, 2.0);

        assertThat(exponential.delayBefore(retry)).isEqualTo(Duration.ofMillis(expectedMillis));
    }

    @Test
    void aFractionalMultiplierRoundsDownToWholeMilliseconds() {
        RetryBackoff gentle = backoff(5, 100, 10_000, 1.5);

        assertThat(gentle.delayBefore(2)).isEqualTo(Duration.ofMillis(150));
        assertThat(gentle.delayBefore(3)).isEqualTo(Duration.ofMillis(225));
        assertThat(gentle.delayBefore(4)).isEqualTo(Duration.ofMillis(337));
    }

    @Test
    void aZeroInitialDelayRetriesAtOnceEvenWhenTheProductOverflows() {
        RetryBackoff immediate = backoff(Integer.MAX_VALUE, 0, 500, 10.0);

        assertThat(immediate.delayBefore(1)).isZero();
        // 10^999 is infinite as a double, and 0 × ∞ is NaN: the delay must still be 0.
        assertThat(immediate.delayBefore(1_000)).isZero();
        assertThat(immediate.delayBefore(Integer.MAX_VALUE)).isZero();
    }

    @ParameterizedTest(name = "multiplier {0}")
    @ValueSource(doubles = {1.0001, 2.0, 1e10, Double.MAX_VALUE})
    void neverWaitsLongerThanTheMaximumNorANegativeTimeHoweverLargeTheRetry(double multiplier) {
        RetryBackoff policy = backoff(Integer.MAX_VALUE, 1, Long.MAX_VALUE / 2, multiplier);

        for (int retry : new int[] {1, 2, 64, 1_000, 1_000_000, Integer.MAX_VALUE}) {
            Duration delay = policy.delayBefore(retry);
            assertThat(delay.isNegative()).as("retry %s is negative", retry).isFalse();
            assertThat(delay).as("retry %s", retry).isLessThanOrEqualTo(policy.maxDelay());
        }
        assertThat(policy.delayBefore(Integer.MAX_VALUE)).isEqualTo(policy.maxDelay());
    }

    @Test
    void theLargestDelaysStayCapped() {
        RetryBackoff huge = backoff(10, Long.MAX_VALUE, Long.MAX_VALUE, Double.MAX_VALUE);

        assertThat(huge.delayBefore(1)).isEqualTo(Duration.ofMillis(Long.MAX_VALUE));
        assertThat(huge.delayBefore(10)).isEqualTo(Duration.ofMillis(Long.MAX_VALUE));
    }

    @Test
    void allowsExactlyMaxRetriesRetries() {
        RetryBackoff threeRetries = backoff(3, 500, 500, 1.0);

        assertThat(threeRetries.allowsAnotherAfter(0)).isTrue();
        assertThat(threeRetries.allowsAnotherAfter(2)).isTrue();
        assertThat(threeRetries.allowsAnotherAfter(3)).isFalse();
        assertThat(threeRetries.allowsAnotherAfter(4)).isFalse();
    }

    @Test
    void retriesAreNumberedFromOne() {
        RetryBackoff policy = backoff(3, 100, 1_000, 2.0);

        assertThatThrownBy(() -> policy.delayBefore(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Retries are numbered from 1, got 0");
    }

    @Test
    void rejectsFewerThanOneRetry() {
        assertThatThrownBy(() -> backoff(0, 500, 500, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "The maximum number of retries (cosmos.retry.max-attempts) must be at"
                                + " least 1, got 0");
    }

    @Test
    void rejectsANegativeInitialDelay() {
        assertThatThrownBy(() -> backoff(5, -1, 500, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "The initial delay (cosmos.retry.backoff.initial-delay-ms) must not be"
                                + " negative, got PT-0.001S");
    }

    @Test
    void rejectsAMaximumDelayBelowTheInitialDelay() {
        assertThatThrownBy(() -> backoff(5, 500, 499, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "The maximum delay (cosmos.retry.backoff.max-delay-ms) must not be less"
                                + " than the initial delay PT0.5S, got PT0.499S");
    }

    @ParameterizedTest(name = "multiplier {0}")
    @ValueSource(doubles = {0.5, 0.0, -2.0, Double.NaN, Double.POSITIVE_INFINITY})
    void rejectsAMultiplierThatIsNotAFiniteNumberOfAtLeastOne(double multiplier) {
        assertThatThrownBy(() -> backoff(5, 500, 500, multiplier))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "The multiplier (cosmos.retry.backoff.multiplier) must be a finite number"
                                + " of at least 1.0, got "
                                + multiplier);
    }

    @Test
    void rejectsMissingDelays() {
        assertThatThrownBy(() -> new RetryBackoff(5, null, Duration.ofMillis(500), 1.0))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("initialDelay");
        assertThatThrownBy(() -> new RetryBackoff(5, Duration.ofMillis(500), null, 1.0))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("maxDelay");
    }

    @Test
    void survivesJavaSerializationAsPartOfTheWriterSettings() throws Exception {
        RetryBackoff policy = backoff(7, 100, 2_000, 1.5);

        RetryBackoff copy = InstantiationUtil.clone(policy);

        assertThat(copy).isEqualTo(policy).isNotSameAs(policy);
        assertThat(copy.delayBefore(3)).isEqualTo(policy.delayBefore(3));
    }
}
