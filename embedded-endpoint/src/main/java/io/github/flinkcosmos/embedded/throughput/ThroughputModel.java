package io.github.flinkcosmos.embedded.throughput;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Provisioned throughput per container, by database and container id. A container without a budget
 * has unlimited throughput, so tests that do not care about request units never see 429s.
 */
public final class ThroughputModel {

    private final ConcurrentMap<String, ThroughputBudget> budgets = new ConcurrentHashMap<>();

    /** Gives the container this many request units per second, from now on. */
    public ThroughputBudget provision(String database, String container, double ruPerSecond) {
        ThroughputBudget budget = new ThroughputBudget(ruPerSecond);
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
