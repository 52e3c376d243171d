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
                        "Peak heap under backpressure / (max-buffered × document size)",
                        "Scale, 8 ranges × 2,500 RU/s: sink's docs × RU / container RU/s",
                        "Scale: sink docs/s / best raw SDK program's",
                        "Skew, half the rows on 1 range of 8: sink's cold ranges / their budget",
                        "Split at half-time, parallelism 2: docs/s before, after (lost, failed)",
                        "Row-to-stored latency at 50 % of the budget, default options: p50, p99",
                        "Row-to-stored latency at 50 % of the budget, sink.flush-buffer.timeout"
                                + " 50 ms: p50, p99",
                        "CPU per document at 4,000 documents/s, endpoint in its own process:"
                                + " sink / best raw SDK program",
                        "Same, unpaced at the budget (20,000 RU/s, throttled)");
        assertThat(report.figures())
                .allSatisfy(
                        figure -> {
                            // At this scale noise can even make the heap figure negative.
                            assertThat(figure.measured()).matches("-?[0-9]+\\.[0-9]{2}\\b.*");
                            assertThat(figure.target()).isNotBlank();
                        });
        // Throttling may slow the sink down, but it must not cost a document.
        assertThat(report.figures().get(4).measured()).endsWith("(0)");
        // Nor may a split in the middle of a job.
        assertThat(report.figures().get(13).measured()).endsWith("; 0 lost, 0 failed)");

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
                .contains("Memory: max-buffered")
                .contains("Scale: raw SDK, 8 calls at micro-batch concurrency 5")
                .contains("Skew: sink")
                .contains("Split: ")
                .contains("Latency, sink.flush-buffer.timeout = 50 ms")
                .containsPattern("CPU, paced at [0-9,]+ documents/s, .*, round 2 of 2")
                .containsPattern("CPU, unpaced at the budget, .*, round 2 of 2");
    }
}
