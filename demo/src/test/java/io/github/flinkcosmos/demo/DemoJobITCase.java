package io.github.flinkcosmos.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinkcosmos.embedded.CosmosTestEndpoint;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's demo, smaller: every row arrives, and the summary says so; the second act's
 * container holds exactly the Top-3 that Flink computes; the key is never printed.
 */
class DemoJobITCase {

    private static final int ROWS = 3_000;

    @Test
    void everyGeneratedRowArrivesAndTheSummaryReportsIt() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        DemoSummary summary;
        TopScoresOutcome topScores;
        try (CosmosTestEndpoint endpoint = CosmosTestEndpoint.fromEnvironment()) {
            DemoJob demo = new DemoJob(endpoint, ROWS, 2);
            summary = demo.run(out);
            summary.print(out);
            topScores = demo.runTopScores(out);
            assertThat(printed.toString(StandardCharsets.UTF_8)).doesNotContain(endpoint.key());
        }

        // The second act: the container mirrors the Top-3, so players who left it are gone.
        assertThat(topScores.flink()).hasSize(TopScoresAct.GAMES * TopScoresAct.TOP);
        assertThat(topScores.container()).isEqualTo(topScores.flink());
        assertThat(topScores.matches()).isTrue();
        assertThat(topScores.retractions()).isPositive();
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("The container matches the query's final result: 9 documents")
                .doesNotContain("differs");

        assertThat(summary.documentsInContainer()).isEqualTo(ROWS);
        // Exactly once per row: a restart (like the auto-create race this test once caught) or a
        // retry would write some rows twice.
        assertThat(summary.operationsSucceeded()).isEqualTo(ROWS);
        assertThat(summary.operationsRetried()).isZero();
        assertThat(summary.requestUnits()).isPositive();
        assertThat(summary.readBack())
                .extracting(document -> document.get("id").asText())
                .containsExactly("1", "1500", "3000");
        assertThat(summary.readBack())
                .allSatisfy(
                        document -> {
                            long seq = Long.parseLong(document.get("id").asText());
                            assertThat(document.get("pk").asText()).isEqualTo("sensor-" + seq % 16);
                            assertThat(document.get("value").asDouble()).isBetween(0.0, 100.0);
                            assertThat(fieldNames(document)).containsExactly("id", "pk", "value");
                        });
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("documents written  3,000 of 3,000 rows")
                .contains("{\"id\":\"3000\",\"pk\":\"sensor-8\"");
    }

    private static List<String> fieldNames(JsonNode document) {
        List<String> names = new ArrayList<>();
        document.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
