package io.github.flinkcosmos.demo;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * What one demo run achieved: the documents the container holds afterwards (counted with the SDK,
 * not taken from the sink's own bookkeeping), the sink's metrics totalled over its subtasks, and a
 * few documents read back.
 */
public record DemoSummary(
        long rowsGenerated,
        long documentsInContainer,
        Duration elapsed,
        double requestUnits,
        long operationsSucceeded,
        long operationsRetried,
        long operationsThrottled,
        long operationsDropped,
        List<JsonNode> readBack) {

    public DemoSummary {
        readBack = List.copyOf(readBack);
    }

    public double documentsPerSecond() {
        return documentsInContainer / (elapsed.toNanos() / 1e9);
    }

    void print(PrintStream out) {
        out.println();
        out.printf("Done in %.1f s.%n", elapsed.toNanos() / 1e9);
        out.printf(
                "  documents written  %,d of %,d rows (%,.0f docs/s, job start-up and end included)%n",
                documentsInContainer, rowsGenerated, documentsPerSecond());
        out.printf("  request units      %,.1f RU%n", requestUnits);
        out.printf(
                "  operations         %,d succeeded, %,d retried, %,d throttled (429), %,d"
                        + " dropped%n",
                operationsSucceeded, operationsRetried, operationsThrottled, operationsDropped);
        out.println("  read back:");
        readBack.forEach(document -> out.println("    " + document));
    }
}
