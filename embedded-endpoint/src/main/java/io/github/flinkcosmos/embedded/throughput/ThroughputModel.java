package io.github.flinkcosmos.embedded.throughput;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Provisioned throughput per container, by database and container id. A container without a budget
 * has unlimited throughput, so tests that do not care about request units never see 429s.
 */
public final class ThroughputModel {

    private final ConcurrentMap<String, ThroughputBudget> budgets = new ConcurrentHashMap<>();
    private final AtomicInteger offers = new AtomicInteger();

    /** Gives the container this many request units per second (manual), from now on. */
    public ThroughputBudget provision(String database, String container, double ruPerSecond) {
        return provision(database, container, ruPerSecond, false);
    }

    /** Gives the container autoscale up to this many request units per second, from now on. */
    public ThroughputBudget provisionAutoscale(
            String database, String container, double maxRuPerSecond) {
        return provision(database, container, maxRuPerSecond, true);
    }

    private ThroughputBudget provision(
            String database, String container, double ruPerSecond, boolean autoscale) {
        // Offer ids are short and lower-case, as the service's are; the SDK signs over them.
        ThroughputBudget budget =
                new ThroughputBudget(
                        ruPerSecond,
                        autoscale,
                        "of" + Integer.toString(offers.incrementAndGet(), 36),
                        System::nanoTime);
        budgets.put(key(database, container), budget);
        return budget;
    }

    public void unlimited(String database, String container) {
        budgets.remove(key(database, container));
    }

    public Optional<ThroughputBudget> budget(String database, String container) {
        return Optional.ofNullable(budgets.get(key(database, container)));
    }

    private static String key(String database, String container) {
        return database + "/" + container;
    }
}
