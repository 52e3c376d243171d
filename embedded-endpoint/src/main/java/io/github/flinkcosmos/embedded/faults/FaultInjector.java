package io.github.flinkcosmos.embedded.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Faults a test programs into the endpoint. Rules are tried in the order they were added; a rule
 * matches a given number of times and then steps aside, so "the next 3 upserts of id x get 503,
 * then they succeed" is one rule:
 *
 * <pre>{@code
 * faults.failOperations(OperationMatch.kind(UPSERT).and(OperationMatch.id("x")), 3,
 *         OperationFailure.status(503));
 * }</pre>
 *
 * <p>A hot partition is a latency and a throttling rule on one range:
 *
 * <pre>{@code
 * faults.addLatency(OperationMatch.range("2"), Duration.ofMillis(50))
 *         .failOperations(OperationMatch.range("2"), 100, OperationFailure.throttled(ofMillis(20)));
 * }</pre>
 */
public final class FaultInjector {

    private final List<Rule<Operation, OperationFailure>> operationRules = new ArrayList<>();
    private final List<Rule<RequestKind, RequestFailure>> requestRules = new ArrayList<>();
    private final List<Rule<Operation, Boolean>> splitRules = new ArrayList<>();
    private final List<LatencyRule> latencyRules = new ArrayList<>();
    private final List<TimedRule<Operation, OperationFailure>> timedOperationRules =
            new ArrayList<>();
    private final List<TimedRule<RequestKind, RequestFailure>> timedRequestRules =
            new ArrayList<>();
    private volatile Duration addedLatency = Duration.ZERO;

    /** A latency spike: {@link #spikeLatency} on every response until {@link #spikeEndsAt}. */
    private volatile Duration spikeLatency = Duration.ZERO;

    private volatile long spikeEndsAt;

    /** Lets the hot path skip the lock when no operation rule is set, the usual case. */
    private volatile boolean anyOperationRule;

    /** The same for split rules, and for latency rules. */
    private volatile boolean anySplitRule;

    private volatile boolean anyRangeRule;

    /** The next {@code times} matching operations get {@code failure} instead of running. */
    public synchronized FaultInjector failOperations(
            OperationMatch match, int times, OperationFailure failure) {
        operationRules.add(new Rule<>(match, times, failure));
        anyOperationRule = true;
        return this;
    }

    /**
     * Every matching operation gets {@code failure} for the next {@code window}, however many there
     * are: a 429 storm on a partition, or a service that answers 503 to every write for a while.
     */
    public synchronized FaultInjector failOperationsFor(
            OperationMatch match, Duration window, OperationFailure failure) {
        timedOperationRules.add(new TimedRule<>(match, deadline(window), failure));
        anyOperationRule = true;
        return this;
    }

    /** Every request of these kinds fails as a whole for the next {@code window}. */
    public synchronized FaultInjector failRequestsFor(
            Set<RequestKind> kinds, Duration window, RequestFailure failure) {
        Set<RequestKind> copied = Set.copyOf(kinds);
        timedRequestRules.add(new TimedRule<>(copied::contains, deadline(window), failure));
        return this;
    }

    /**
     * Delays every response by {@code latency} for the next {@code window}, on top of any other
     * delay: a latency spike. A later spike replaces one that is still on.
     */
    public FaultInjector spikeLatencyFor(Duration window, Duration latency) {
        spikeEndsAt = deadline(window);
        spikeLatency = latency;
        return this;
    }

    /** The next {@code times} requests of this kind fail as a whole. */
    public synchronized FaultInjector failRequests(
            RequestKind kind, int times, RequestFailure failure) {
        requestRules.add(new Rule<>(requested -> requested == kind, times, failure));
        return this;
    }

    /**
     * The next {@code times} matching operations each split the partition-key range that serves
     * them, before they run. A bulk request holding one then gets 410 with sub-status 1002
     * (partition key range gone) as a whole, as a request that reaches a partition the service is
     * splitting does; a point operation, which the gateway routes itself, runs on its new range.
     */
    public synchronized FaultInjector splitRange(OperationMatch match, int times) {
        splitRules.add(new Rule<>(match, times, Boolean.TRUE));
        anySplitRule = true;
        return this;
    }

    /**
     * Delays the response to every request holding a matching operation by this much, on top of any
     * other delay; a bulk request waits for the longest of its operations.
     */
    public synchronized FaultInjector addLatency(OperationMatch match, Duration latency) {
        latencyRules.add(new LatencyRule(match, latency));
        anyRangeRule = true;
        return this;
    }

    /** Delays every response by this much, on top of any other fault. */
    public FaultInjector addLatency(Duration latency) {
        this.addedLatency = latency;
        return this;
    }

    /** Removes every rule and the added latency. */
    public synchronized void clear() {
        operationRules.clear();
        requestRules.clear();
        splitRules.clear();
        latencyRules.clear();
        timedOperationRules.clear();
        timedRequestRules.clear();
        addedLatency = Duration.ZERO;
        spikeLatency = Duration.ZERO;
        anyOperationRule = false;
        anySplitRule = false;
        anyRangeRule = false;
    }

    /** The delay every response gets now: the added latency, plus a spike that is on. */
    public Duration addedLatency() {
        Duration spike = spikeLatency;
        if (!spike.isZero() && System.nanoTime() - spikeEndsAt < 0) {
            return addedLatency.plus(spike);
        }
        return addedLatency;
    }

    /** The failure this operation gets, using up one match of the first rule that fits. */
    public Optional<OperationFailure> failureFor(Operation operation) {
        if (!anyOperationRule) {
            return Optional.empty();
        }
        synchronized (this) {
            Optional<OperationFailure> failure = takeTimed(timedOperationRules, operation);
            if (failure.isEmpty()) {
                failure = take(operationRules, operation);
            }
            anyOperationRule = !operationRules.isEmpty() || !timedOperationRules.isEmpty();
            return failure;
        }
    }

    /** Whether this operation splits its range, using up one match of the first rule that fits. */
    public boolean splitsRangeOf(Operation operation) {
        if (!anySplitRule) {
            return false;
        }
        synchronized (this) {
            boolean split = take(splitRules, operation).isPresent();
            anySplitRule = !splitRules.isEmpty();
            return split;
        }
    }

    /** Whether any split rule is set, so that requests can skip asking per operation. */
    public boolean anySplitRule() {
        return anySplitRule;
    }

    /** The latency the matching rules add to this operation, the longest if several match. */
    public Duration latencyFor(Operation operation) {
        if (!anyRangeRule) {
            return Duration.ZERO;
        }
        synchronized (this) {
            Duration latency = Duration.ZERO;
            for (LatencyRule rule : latencyRules) {
                if (rule.match.test(operation) && rule.latency.compareTo(latency) > 0) {
                    latency = rule.latency;
                }
            }
            return latency;
        }
    }

    public synchronized Optional<RequestFailure> failureFor(RequestKind kind) {
        Optional<RequestFailure> failure = takeTimed(timedRequestRules, kind);
        return failure.isPresent() ? failure : take(requestRules, kind);
    }

    /** The failure of the first timed rule that matches, dropping the rules whose time is up. */
    private static <T, F> Optional<F> takeTimed(List<TimedRule<T, F>> rules, T subject) {
        long now = System.nanoTime();
        rules.removeIf(rule -> now - rule.endsAt >= 0);
        return rules.stream()
                .filter(rule -> rule.match.test(subject))
                .map(TimedRule::failure)
                .findFirst();
    }

    private static long deadline(Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("The window must be positive, got " + window);
        }
        return System.nanoTime() + window.toNanos();
    }

    private static <T, F> Optional<F> take(List<Rule<T, F>> rules, T subject) {
        for (Iterator<Rule<T, F>> iterator = rules.iterator(); iterator.hasNext(); ) {
            Rule<T, F> rule = iterator.next();
            if (rule.match.test(subject)) {
                if (--rule.remaining == 0) {
                    iterator.remove();
                }
                return Optional.of(rule.failure);
            }
        }
        return Optional.empty();
    }

    /** A match and its failure until {@code endsAt}, in {@link System#nanoTime()}'s terms. */
    private record TimedRule<T, F>(Predicate<T> match, long endsAt, F failure) {}

    /** Latency for every matching operation, for as long as the rule is set. */
    private record LatencyRule(OperationMatch match, Duration latency) {}

    /** A match, how many more times it applies, and the failure; guarded by the injector. */
    private static final class Rule<T, F> {
        final Predicate<T> match;
        final F failure;
        int remaining;

        Rule(Predicate<T> match, int times, F failure) {
            if (times < 1) {
                throw new IllegalArgumentException("times must be at least 1, got " + times);
            }
            this.match = match;
            this.failure = failure;
            this.remaining = times;
        }
    }
}
