package io.github.flinkcosmos.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What the second act found: the container's documents and the query's final result as Flink
 * computed it, each as score by game and player, and how many changes the query's changelog had.
 *
 * @param retractions the changelog's UPDATE_BEFORE and DELETE rows, which the sink turned into
 *     deletes
 */
public record TopScoresOutcome(
        Map<Key, Long> container, Map<Key, Long> flink, long changes, long retractions) {

    /** A document's partition-key value and id: a game and a player. */
    public record Key(String game, String player) {}

    public TopScoresOutcome {
        container = Map.copyOf(container);
        flink = Map.copyOf(flink);
    }

    public boolean matches() {
        return container.equals(flink);
    }

    void print(PrintStream out, Duration elapsed) {
        out.printf(
                "Done in %.1f s. Flink's changelog for the query: %,d changes, %,d of them"
                        + " retractions.%n",
                elapsed.toNanos() / 1e9, changes, retractions);
        TreeSet<String> games = new TreeSet<>();
        container.keySet().forEach(key -> games.add(key.game()));
        flink.keySet().forEach(key -> games.add(key.game()));
        for (String game : games) {
            out.printf("  %-8s container  %s%n", game, ranking(container, game));
            out.printf("  %-8s Flink      %s%n", "", ranking(flink, game));
        }
        if (matches()) {
            out.printf(
                    "The container matches the query's final result: %d documents, the top %d of"
                            + " each game.%n",
                    container.size(), TopScoresAct.TOP);
        } else {
            out.printf(
                    "The container differs from the query's final result: %d documents against %d"
                            + " rows.%n",
                    container.size(), flink.size());
        }
    }

    /** A game's players, best first, as "player-4 10,006". */
    private static String ranking(Map<Key, Long> scores, String game) {
        List<Map.Entry<Key, Long>> entries =
                scores.entrySet().stream()
                        .filter(entry -> entry.getKey().game().equals(game))
                        .sorted(
                                Comparator.<Map.Entry<Key, Long>>comparingLong(
                                                entry -> -entry.getValue())
                                        .thenComparing(entry -> entry.getKey().player()))
                        .toList();
        return entries.isEmpty()
                ? "(none)"
                : entries.stream()
                        .map(entry -> "%s %,d".formatted(entry.getKey().player(), entry.getValue()))
                        .collect(Collectors.joining(", "));
    }
}
