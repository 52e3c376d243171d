package io.github.flinkcosmos.benchmark;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every part of the benchmark at its quick scale, so that the committed command keeps working
 * between the times someone runs it in full. The figures of so short a run mean nothing, so only
 * their presence and shape are checked, not their targets. The benchmark always measures against
 * its own embedded endpoint, whose counters and request-unit budgets it needs, so COSMOS_ENDPOINT
 * and COSMOS_KEY do not change what this test does.
 */
class SinkBenchmarkITCase {

    @TempDir Path results;

    @Test
    void everyPartRunsAndTheResultsNameEachFigureWithItsTarget() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        BenchmarkReport report =
                SinkBenchmark.run(
                        BenchmarkScale.quick(),
                        EnumSet.allOf(SinkBenchmark.Part.class),
                        new PrintStream(console, true, StandardCharsets.UTF_8));
        report.write(results, SinkBenchmark.COMMAND);

        assertThat(report.figures())
                .extracting(BenchmarkReport.Figure::name)
                .containsExactly(
                        "Conversion cost / flink-json, narrow row",
                        "Conversion cost / flink-json, wide row",
                        "End-to-end throughput / raw SDK bulk, parallelism 1",
                        "End-to-end throughput / raw SDK bulk, parallelism 2",
                        "Provisioned throughput used (documents lost)",
                        "Write mode upsert, parallelism 2: RU per row, docs/s",
                        "Write mode patch, parallelism 2: RU per row, docs/s",
                        "Write mode delete, parallelism 2: RU per row, docs/s",
                        "Write mode create, parallelism 2: RU per row, docs/s",
                        "Peak heap under backpressure / (max-buffered × document size)");
        assertThat(report.figures())
                .allSatisfy(
                        figure -> {
                            // At this scale noise can even make the heap figure negative.
                            assertThat(figure.measured()).matches("-?[0-9]+\\.[0-9]{2}\\b.*");
                            assertThat(figure.target()).isNotBlank();
                        });
        // Throttling may slow the sink down, but it must not cost a document.
        assertThat(report.figures().get(4).measured()).endsWith("(0)");

        String markdown = Files.readString(results.resolve("sink-benchmark.md"));
        assertThat(markdown)
                .contains(SinkBenchmark.COMMAND)
                .contains(report.table())
                .contains(
                        "- flink: "
                                + org.apache.flink.runtime.util.EnvironmentInformation.getVersion())
                .contains("- azure-cosmos: 4.");
        assertThat(Files.readAllLines(results.resolve("sink-benchmark.csv")))
                .hasSize(1 + report.figures().size())
                .first()
                .asString()
                .startsWith("figure,measured,target,met,date,cores");
        assertThat(console.toString(StandardCharsets.UTF_8))
                .contains("Throughput round 1 of 1")
                .contains("Provisioned throughput:")
                .contains("Write modes: delete")
                .contains("Memory: max-buffered");
    }
}
