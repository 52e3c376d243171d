package io.github.flinkcosmos.benchmark;

import org.apache.flink.runtime.util.EnvironmentInformation;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The benchmark's figures with their targets, printed as a table and written as Markdown and CSV
 * together with the details behind each figure, the machine and the versions.
 */
final class BenchmarkReport {

    private final List<Figure> figures = new ArrayList<>();
    private final List<String> details = new ArrayList<>();

    /** Read when the run starts, before it writes any results into the checkout. */
    private final Map<String, String> machine = machine();

    /** One line of the table. */
    record Figure(String name, String measured, String target, boolean met) {}

    void throughput(ThroughputComparison.Result result) {
        figures.add(
                new Figure(
                        "End-to-end throughput / raw SDK bulk, parallelism 1",
                        ratio(result.ratioP1()),
                        "≥ 0.90",
                        result.ratioP1() >= 0.9));
        figures.add(
                new Figure(
                        "End-to-end throughput / raw SDK bulk, parallelism 2",
                        ratio(result.ratioP2()),
                        "≥ 0.90",
                        result.ratioP2() >= 0.9));
        details.add("## End-to-end throughput");
        details.add("");
        details.add(
                format(
                        "Documents per second stored by the endpoint between 10 %% and 90 %% of each"
                                + " run of %,d documents of about %d bytes; median of %d rounds in which the"
                                + " four take turns, after a warm-up. The Flink SQL job reads a bounded"
                                + " datagen sequence, checkpoints every %d s, and its sink creates the"
                                + " container; the raw SDK gives one executeBulkOperations call every"
                                + " document, with the sink's client settings, at its default and at"
                                + " its highest micro-batch concurrency, and the better median of the"
                                + " two is what the sink is divided by. Each run's first, middle and"
                                + " last document are compared with the raw SDK's.",
                        result.rowsPerRun(),
                        BenchmarkDocuments.small().typicalBytes(),
                        result.raw().rounds().size(),
                        FlinkSqlSinkJob.CHECKPOINT_INTERVAL.toSeconds()));
        details.add("");
        details.add("| writer | documents/s (median) | rounds |");
        details.add("|---|---|---|");
        details.add(
                ratesRow(
                        "raw SDK bulk, micro-batch concurrency "
                                + ThroughputComparison.DEFAULT_CONCURRENCY,
                        result.raw()));
        details.add(
                ratesRow(
                        "raw SDK bulk, micro-batch concurrency "
                                + ThroughputComparison.MAX_CONCURRENCY,
                        result.rawConcurrent()));
        details.add(ratesRow("Flink SQL sink, parallelism 1", result.sinkP1()));
        details.add(ratesRow("Flink SQL sink, parallelism 2", result.sinkP2()));
        details.add("");
    }

    void conversion(Map<ConversionRows, ConversionComparison.Result> results) {
        details.add("## Conversion cost");
        details.add("");
        details.add(
                "The sink's whole per-row conversion (id, partition key and JSON bytes) against"
                        + " flink-json's JsonRowDataSerializationSchema with the same settings; rows"
                        + " are defined in ConversionRows. The machine may be shared with other"
                        + " builds, so the two are measured alternating. The figure: in the"
                        + " benchmark's JVM, before anything else runs, the two take turns in slices"
                        + " of about 10 ms (after 3 s of warm-up), the order swapped every other"
                        + " pair; each pair gives one ratio, and the figure is the median of the"
                        + " pairs' ratios with its distribution-free 95 % confidence interval. JMH"
                        + " (ConversionBenchmark) gives the time per row: rounds of one fork of each,"
                        + " back to back, taking turns to go first, each fork with a pre-touched 1 GiB"
                        + " heap and a collection before every iteration; each round gives one ratio,"
                        + " shown with the mean of the rounds' ratios and its 95 % interval"
                        + " (Student's t), which a round that met another build's load widens.");
        details.add("");
        details.add(
                "| row | paired slices: sink / flink-json, 95 % interval | pairs | sink ns/row"
                        + " (JMH, mean of forks) | flink-json ns/row (JMH) | JMH rounds: mean"
                        + " ratio, 95 % interval | each round's ratio |");
        details.add("|---|---|---|---|---|---|---|");
        results.forEach(
                (shape, result) -> {
                    String name = shape.name().toLowerCase(Locale.ROOT);
                    PairedConversionRatio.Result paired = result.paired();
                    double halfWidth = paired.relativeHalfWidth();
                    String interval =
                            format(
                                    "%.2f – %.2f, ± %.1f %%",
                                    paired.low(), paired.high(), halfWidth * 100);
                    figures.add(
                            new Figure(
                                    "Conversion cost / flink-json, " + name + " row",
                                    format("%.2f (%s)", paired.median(), interval),
                                    "≤ 0.80, interval within ± 5 %",
                                    paired.median() <= 0.8 && halfWidth <= 0.05));
                    double jmhHalfWidth = result.relativeHalfWidth();
                    details.add(
                            format(
                                    "| %s | %.2f (%s) | %,d | %.0f | %.0f | %.2f (%s) | %s |",
                                    name,
                                    paired.median(),
                                    interval,
                                    paired.pairs(),
                                    result.cosmosSinkNanos(),
                                    result.flinkJsonNanos(),
                                    result.ratio(),
                                    Double.isNaN(jmhHalfWidth)
                                            ? "no interval, one round"
                                            : format("± %.1f %%", jmhHalfWidth * 100),
                                    result.ratios().stream()
                                            .map(r -> format("%.2f", r))
                                            .collect(Collectors.joining(", "))));
                });
        details.add("");
    }

    void provisioned(ProvisionedThroughputRun.Result result) {
        boolean met = result.usedShare() >= 0.9 && result.lost() == 0;
        figures.add(
                new Figure(
                        "Provisioned throughput used (documents lost)",
                        format("%.2f (%d)", result.usedShare(), result.lost()),
                        "≥ 0.90 (0)",
                        met));
        details.add("## Provisioned throughput");
        details.add("");
        details.add(
                format(
                        "A budget of %,.0f RU/s on the container; the job writes %,d documents at"
                                + " parallelism 2. Between 10 %% and 90 %% of the documents, new"
                                + " documents per second × their charge: %,.0f RU/s (the endpoint"
                                + " charged %,.0f RU/s, which would include repeated upserts)."
                                + " Documents lost: %d. 429 answers the sink met and retried: %,d.",
                        result.budgetPerSecond(),
                        result.rows(),
                        result.achievedPerSecond(),
                        result.chargedPerSecond(),
                        result.lost(),
                        result.throttled()));
        details.add("");
    }

    void writeModes(WriteModesRun.Result result) {
        WriteModesRun.Measured upsert = result.get(WriteModesRun.Workload.UPSERT);
        details.add("## Write modes");
        details.add("");
        details.add(
                format(
                        "Each workload writes %,d rows at parallelism %d with default options"
                                + " otherwise: upsert and create write new documents, patch sets the"
                                + " four non-key columns of the documents the upsert wrote (one patch"
                                + " of four operations each), delete removes them (a changelog of"
                                + " DELETE rows from a DataStream, since datagen only inserts)."
                                + " Documents per second as the endpoint counted the workload's"
                                + " successful operations between 10 %% and 90 %% of the run; request"
                                + " units per row as the service charged the sink (its requestUnits"
                                + " metric) over the whole run. The container's document count is"
                                + " checked after each run. One run each, not a median of rounds:"
                                + " the throughput part's rounds show how much one run can vary.",
                        result.rowsPerRun(), WriteModesRun.PARALLELISM));
        details.add("");
        details.add("| workload | options | documents/s | / upsert | RU per row |");
        details.add("|---|---|---|---|---|");
        for (WriteModesRun.Workload workload : WriteModesRun.Workload.values()) {
            WriteModesRun.Measured measured = result.get(workload);
            figures.add(
                    new Figure(
                            "Write mode "
                                    + workload.label()
                                    + ", parallelism 2: RU per row, docs/s",
                            format(
                                    "%.2f RU, %,.0f docs/s",
                                    measured.requestUnitsPerRow(), measured.documentsPerSecond()),
                            "none (for comparison)",
                            true));
            details.add(
                    format(
                            "| %s | %s | %,.0f | %.2f | %.2f |",
                            workload.label(),
                            workload.options.isEmpty()
                                    ? "defaults"
                                    : workload.options.entrySet().stream()
                                            .map(e -> e.getKey() + " = " + e.getValue())
                                            .collect(Collectors.joining(", ")),
                            measured.documentsPerSecond(),
                            measured.documentsPerSecond() / upsert.documentsPerSecond(),
                            measured.requestUnitsPerRow()));
        }
        details.add("");
    }

    void memory(BackpressureMemoryRun.Result result) {
        double perDocument = result.bytesPerHeldDocument() / result.documentBytes();
        String perDocumentText = Double.isNaN(perDocument) ? "n/a" : format("%.2f×", perDocument);
        BackpressureMemoryRun.Run large = result.large();
        figures.add(
                new Figure(
                        "Peak heap under backpressure / (max-buffered × document size)",
                        format(
                                "%.2f (%.1f MiB / %.1f MiB: %,d documents held at most, each %s"
                                        + " its size)",
                                large.peakGrowthBytes() / (double) result.boundBytes(),
                                BackpressureMemoryRun.mebibytes(large.peakGrowthBytes()),
                                BackpressureMemoryRun.mebibytes(result.boundBytes()),
                                large.peakHeldDocuments(),
                                perDocumentText),
                        "held ≤ max-buffered + in flight, each ≤ 1.25× its size",
                        result.heldWithinBuffers() && perDocument > 0 && perDocument <= 1.25));
        details.add("## Memory under backpressure");
        details.add("");
        details.add(
                format(
                        "Documents of %,d bytes; the container's budget lets about %d through per"
                                + " second while the source could send thousands, so the sink's buffer"
                                + " fills. Every second for %d s: a full collection, then the live heap"
                                + " and the documents the sink holds (its CosmosWriteRequest objects,"
                                + " from the class histogram), both above those of the idle cluster"
                                + " before the job. Batches of %d, at most %d in flight: the AsyncSink"
                                + " framework holds up to %,d sent documents outside its buffer. The"
                                + " buffer is not full at every sample: %s after its first row, the"
                                + " framework sends everything buffered before the writer takes new"
                                + " rows.",
                        result.documentBytes(),
                        BackpressureMemoryRun.DOCUMENTS_PER_SECOND,
                        large.samples().size(),
                        BackpressureMemoryRun.BATCH_SIZE,
                        BackpressureMemoryRun.MAX_IN_FLIGHT,
                        result.inFlight(),
                        "sink.flush-buffer.timeout (1 s)"));
        details.add("");
        details.add(
                "| sink.requests.max-buffered | max-buffered × document size | documents held"
                        + " before the job | documents held at most | peak live heap | samples"
                        + " (documents held / MiB) |");
        details.add("|---|---|---|---|---|---|");
        for (BackpressureMemoryRun.Run run : List.of(result.small(), large)) {
            details.add(
                    format(
                            "| %,d | %.1f MiB | %,d | %,d | %.1f MiB | %s |",
                            run.maxBuffered(),
                            BackpressureMemoryRun.mebibytes(
                                    (double) run.maxBuffered() * result.documentBytes()),
                            run.heldBefore(),
                            run.peakHeldDocuments(),
                            BackpressureMemoryRun.mebibytes(run.peakGrowthBytes()),
                            run.samples().stream()
                                    .map(
                                            sample ->
                                                    format(
                                                            "%d/%.0f",
                                                            sample.heldDocuments(),
                                                            BackpressureMemoryRun.mebibytes(
                                                                    sample.liveBytes())))
                                    .collect(Collectors.joining(" "))));
        }
        details.add("");
        details.add(
                format(
                        "Each held document costs %,.0f bytes of heap, %.2f× its JSON: the"
                                + " least-squares fit of live heap to documents held and documents the"
                                + " endpoint (in the same heap) has stored, through every sample of"
                                + " both runs, so the cluster's and the job's own heap is the"
                                + " intercept. The sink never held more than max-buffered plus the"
                                + " documents"
                                + " in flight, whatever the source had waiting, so its heap is bounded"
                                + " by (max-buffered + max-inflight × batch size) × document size and"
                                + " a small constant.",
                        result.bytesPerHeldDocument(), perDocument));
        details.add("");
    }

    void partitions(PartitionsRun.Result result) {
        ScaleRun.Result scale = result.scale();
        ScaleRun.RawConfiguration best = scale.best();
        figures.add(
                new Figure(
                        "Scale, 8 ranges × 2,500 RU/s: sink's docs × RU / container RU/s",
                        format(
                                "%.2f (best raw SDK program %.2f)",
                                scale.sinkShare(), ScaleRun.share(best.documentsPerSecond())),
                        "≥ 0.95",
                        scale.sinkShare() >= 0.95));
        figures.add(
                new Figure(
                        "Scale: sink docs/s / best raw SDK program's",
                        format(
                                "%.2f (%,.0f / %,.0f docs/s; best: %d calls, micro-batch"
                                        + " concurrency %d)",
                                scale.sinkOverBest(),
                                scale.sinkDocumentsPerSecond(),
                                best.documentsPerSecond(),
                                best.calls(),
                                best.microBatchConcurrency()),
                        "≥ 0.95",
                        scale.sinkOverBest() >= 0.95));
        SkewRun.Result skew = result.skew();
        figures.add(
                new Figure(
                        "Skew, half the rows on 1 range of 8: sink's cold ranges / their budget",
                        format(
                                "%.2f (hot range %.2f; raw SDK %.2f, hot %.2f; in-order bound %.2f)",
                                skew.sink().cold(),
                                skew.sink().hot(),
                                skew.raw().cold(),
                                skew.raw().hot(),
                                SkewRun.Result.inOrderBound()),
                        "≥ 0.90",
                        skew.sink().cold() >= 0.9));
        SplitRun.Result split = result.split();
        figures.add(
                new Figure(
                        "Split at half-time, parallelism 2: docs/s before, after (lost, failed)",
                        format(
                                "%.2f, %.2f of the budget (%,.0f, %,.0f docs/s; %d lost, %s)",
                                ScaleRun.share(split.before()),
                                ScaleRun.share(split.after()),
                                split.before(),
                                split.after(),
                                split.lost(),
                                split.jobFailure() == null ? "0 failed" : "the job failed"),
                        "0 lost, 0 failed",
                        split.met()));
        LatencyRun.Result latency = result.latency();
        figures.add(
                new Figure(
                        "Row-to-stored latency at 50 % of the budget, default options: p50, p99",
                        format(
                                "%.2f s, %.2f s",
                                latency.defaults().p50() / 1000.0,
                                latency.defaults().p99() / 1000.0),
                        "none (for comparison)",
                        true));
        figures.add(
                new Figure(
                        "Row-to-stored latency at 50 % of the budget, sink.flush-buffer.timeout "
                                + LatencyRun.TUNED_FLUSH_TIMEOUT
                                + ": p50, p99",
                        format(
                                "%.2f s, %.2f s",
                                latency.tuned().p50() / 1000.0, latency.tuned().p99() / 1000.0),
                        "none (for comparison)",
                        true));
        CpuRun.Result cpu = result.cpu();
        figures.add(
                new Figure(
                        format(
                                "CPU per document at %,d documents/s, endpoint in its own process:"
                                        + " sink / best raw SDK program",
                                cpu.rowsPerSecond()),
                        cpuRatio(cpu.paced()),
                        "≤ 1.15",
                        cpu.paced().ratio() <= 1.15));
        figures.add(
                new Figure(
                        "Same, unpaced at the budget (20,000 RU/s, throttled)",
                        cpuRatio(cpu.atBudget()),
                        "none (for comparison)",
                        true));

        details.add("## Partitions: scale, skew, split, latency, CPU");
        details.add("");
        details.add(
                format(
                        "Containers of %d partition-key ranges with %,.0f RU/s each (%,.0f RU/s in"
                                + " all, %.0f RU per document: %,.0f documents/s), partitioned on"
                                + " /pk with the version 2 hash. The partition-key values are chosen"
                                + " by the range that holds them, eight per range, so that the load is"
                                + " even over the ranges (64 values hashed at random are not: the"
                                + " range with the most would throttle first). Each run writes into a"
                                + " new container.",
                        PartitionedContainers.RANGES,
                        PartitionedContainers.REQUEST_UNITS_PER_RANGE,
                        PartitionedContainers.REQUEST_UNITS,
                        PartitionedContainers.chargePerDocument(),
                        PartitionedContainers.documentsPerSecond()));
        details.add("");
        details.add(
                format(
                        "**Scale.** %,d documents per run; new documents per second between 10 %%"
                                + " and 90 %% of the run, times their charge, over the container's"
                                + " RU/s. The raw SDK runs every configuration once: 1, 2, 4 and 8"
                                + " concurrent executeBulkOperations calls (call i given the documents"
                                + " n ≡ i mod calls), each at micro-batch concurrency 1 and 5, with the"
                                + " sink's client settings; the sink runs at parallelism %d with its"
                                + " default options.",
                        scale.rowsPerRun(), ScaleRun.SINK_PARALLELISM));
        details.add("");
        details.add("| writer | documents/s | share of the container's RU/s |");
        details.add("|---|---|---|");
        for (ScaleRun.RawConfiguration raw : scale.raw()) {
            details.add(
                    format(
                            "| raw SDK, %d calls, micro-batch concurrency %d | %,.0f | %.2f |",
                            raw.calls(),
                            raw.microBatchConcurrency(),
                            raw.documentsPerSecond(),
                            ScaleRun.share(raw.documentsPerSecond())));
        }
        details.add(
                format(
                        "| Flink SQL sink, parallelism %d | %,.0f | %.2f |",
                        ScaleRun.SINK_PARALLELISM,
                        scale.sinkDocumentsPerSecond(),
                        scale.sinkShare()));
        details.add("");
        details.add(
                format(
                        "**Skew.** %,d documents, every other one on range %s; the rest take turns"
                                + " over the other seven. The cold ranges' documents per second between"
                                + " 30 %% and 90 %% of the cold documents (each range's bucket starts with a"
                                + " second of budget in hand, spent by then), over their budget (7 ×"
                                + " %,.0f RU/s), and the hot range's over its own in the same seconds."
                                + " The raw SDK runs in its best configuration at scale (%d calls,"
                                + " micro-batch concurrency %d), the sink at parallelism %d with its"
                                + " defaults.",
                        skew.rows(),
                        PartitionedContainers.HOT_RANGE,
                        PartitionedContainers.REQUEST_UNITS_PER_RANGE,
                        skew.rawConfiguration().calls(),
                        skew.rawConfiguration().microBatchConcurrency(),
                        ScaleRun.SINK_PARALLELISM));
        details.add("");
        details.add("| writer | cold ranges / their budget | hot range / its budget |");
        details.add("|---|---|---|");
        details.add(
                format(
                        "| raw SDK, %d calls, micro-batch concurrency %d | %.2f | %.2f |",
                        skew.rawConfiguration().calls(),
                        skew.rawConfiguration().microBatchConcurrency(),
                        skew.raw().cold(),
                        skew.raw().hot()));
        details.add(
                format(
                        "| Flink SQL sink, parallelism %d | %.2f | %.2f |",
                        ScaleRun.SINK_PARALLELISM, skew.sink().cold(), skew.sink().hot()));
        details.add("");
        details.add(
                format(
                        "A writer that takes its rows in order and holds a bounded number of them"
                                + " cannot take a cold row sooner than the hot rows ahead of it"
                                + " drain. With half the rows hot, the cold ranges then get as many"
                                + " documents per second as the hot range at most: %.2f of their"
                                + " budget (one range's budget over seven's). The raw SDK's one"
                                + " executeBulkOperations call per share of a finite flux is not"
                                + " bounded that way: it reads its input ahead and holds the hot"
                                + " range's backlog, which a streaming job cannot do for ever. The"
                                + " sink holds up to sink.requests.max-buffered (10,000) rows per"
                                + " subtask plus its in-flight batches, so a run shorter than that"
                                + " many rows never meets the bound, and a longer one meets it once"
                                + " its buffers are full of hot rows.",
                        SkewRun.Result.inOrderBound()));
        details.add("");
        details.add(
                format(
                        "**Split.** %,d documents at parallelism 2 with default options; when half"
                                + " are stored, range 0 splits in two. Before: 10 %% to 50 %% of the"
                                + " documents, %,.0f docs/s (%.2f of the budget); after: 50 %% to 90 %%,"
                                + " %,.0f docs/s (%.2f). Documents lost: %d; %s; requests answered 410"
                                + " (partition-key range gone, which the SDK resends after refreshing"
                                + " its routing map): %,d; ranges at the end: %d. After the split each"
                                + " of the nine ranges has a ninth of the container's RU/s, and the"
                                + " seven ranges that did not split still carry an eighth of the load"
                                + " each, so about 8/9 of the budget is what the container can give.",
                        split.rows(),
                        split.before(),
                        ScaleRun.share(split.before()),
                        split.after(),
                        ScaleRun.share(split.after()),
                        split.lost(),
                        split.jobFailure() == null
                                ? "the job finished, so no operation failed"
                                : "the job failed: " + split.jobFailure(),
                        split.gone(),
                        split.rangesAtEnd()));
        details.add("");
        details.add(
                format(
                        "**Latency.** %,d rows at %,d rows/s (half the budget) from a paced datagen"
                                + " source at parallelism %d, each stamped with CURRENT_TIMESTAMP as"
                                + " it is made; the endpoint's clock is read as it stores the"
                                + " document (same JVM, same clock). The sink's acknowledgement is the"
                                + " answer to the bulk request that carried the document, at most a"
                                + " few milliseconds later on this loopback endpoint. Rows from 10 %%"
                                + " to 90 %% of the sequence. Default options: p50 %d ms, p99 %d ms"
                                + " (%,d rows); sink.flush-buffer.timeout = %s: p50 %d ms, p99 %d ms"
                                + " (%,d rows). By default the buffer is sent when it holds a batch"
                                + " (500 rows) or after 1 s, so at this rate a row waits for its batch"
                                + " to fill; the shorter timeout sends smaller batches sooner.",
                        latency.rows(),
                        latency.rowsPerSecond(),
                        LatencyRun.PARALLELISM,
                        latency.defaults().p50(),
                        latency.defaults().p99(),
                        latency.defaults().samples(),
                        LatencyRun.TUNED_FLUSH_TIMEOUT,
                        latency.tuned().p50(),
                        latency.tuned().p99(),
                        latency.tuned().samples()));
        details.add("");
        details.add(
                format(
                        "**CPU per document.** The endpoint runs in a process of its own"
                                + " (EndpointMain, plain HTTP); the benchmark's JVM holds the Flink"
                                + " cluster, the SDK clients and a sampler that asks the endpoint for"
                                + " its counters every %d ms. The figure is this JVM's CPU time"
                                + " between 10 %% and 90 %% of a run's documents over the documents"
                                + " stored meanwhile, the mean of %d rounds taking turns; %,d"
                                + " documents per run. The raw SDK runs in its best configuration at"
                                + " scale (%d calls, micro-batch concurrency %d), the sink at"
                                + " parallelism %d with its defaults; the sink's figure includes what"
                                + " Flink costs around it (the source, the task threads, checkpoints"
                                + " every %d s). *Paced* (the goal): both writers fed %,d documents"
                                + " per second, the raw program in 10 ms ticks and the sink by a"
                                + " paced datagen source, into a container of 8 ranges at 10,000"
                                + " RU/s each, so that neither is throttled; ns per document, raw"
                                + " SDK: %s; sink: %s; documents per bulk request, raw SDK: %s;"
                                + " sink: %s. *At the budget* (for comparison): the same writers"
                                + " unpaced into a container of 20,000 RU/s, which holds both to its"
                                + " rate; most of the work is then the client's with 429s and their"
                                + " retries, and it varies from run to run as much as from writer to"
                                + " writer: raw SDK %s; sink %s; documents per bulk request, raw"
                                + " SDK: %s; sink: %s.",
                        100,
                        cpu.paced().rawNanos().size(),
                        cpu.rowsPerRun(),
                        cpu.rawConfiguration().calls(),
                        cpu.rawConfiguration().microBatchConcurrency(),
                        ScaleRun.SINK_PARALLELISM,
                        FlinkSqlSinkJob.CHECKPOINT_INTERVAL.toSeconds(),
                        cpu.rowsPerSecond(),
                        nanos(cpu.paced().rawNanos()),
                        nanos(cpu.paced().sinkNanos()),
                        perRequest(cpu.paced().rawRuns()),
                        perRequest(cpu.paced().sinkRuns()),
                        nanos(cpu.atBudget().rawNanos()),
                        nanos(cpu.atBudget().sinkNanos()),
                        perRequest(cpu.atBudget().rawRuns()),
                        perRequest(cpu.atBudget().sinkRuns())));
        details.add("");
    }

    /** The sink's CPU per document over the raw program's, with both in nanoseconds. */
    private static String cpuRatio(CpuRun.Measure measure) {
        return format("%.2f (%,.0f / %,.0f ns)", measure.ratio(), measure.sink(), measure.raw());
    }

    private static String nanos(List<Double> runs) {
        return runs.stream().map(n -> format("%,.0f", n)).collect(Collectors.joining(", "));
    }

    private static String perRequest(List<CpuRun.Run> runs) {
        return runs.stream()
                .map(run -> format("%.1f", run.documentsPerRequest()))
                .collect(Collectors.joining(", "));
    }

    List<Figure> figures() {
        return List.copyOf(figures);
    }

    /** The table alone, for the console. */
    String table() {
        List<String> lines = new ArrayList<>();
        lines.add("| figure | measured | target | met |");
        lines.add("|---|---|---|---|");
        for (Figure figure : figures) {
            lines.add(
                    "| "
                            + figure.name()
                            + " | "
                            + figure.measured()
                            + " | "
                            + figure.target()
                            + " | "
                            + (figure.met() ? "yes" : "NO")
                            + " |");
        }
        return String.join("\n", lines) + "\n";
    }

    String markdown(String command) {
        return String.join(
                "\n",
                "# Sink benchmark results",
                "",
                "Written by the benchmark; do not edit. How to read and rerun it:"
                        + " [../README.md](../README.md).",
                "",
                "```",
                command,
                "```",
                "",
                table(),
                String.join("\n", details),
                "## Machine and versions",
                "",
                machine.entrySet().stream()
                        .map(entry -> "- " + entry.getKey() + ": " + entry.getValue())
                        .collect(Collectors.joining("\n")),
                "");
    }

    /** One line per figure, each with the machine and versions, so runs can be appended. */
    String csv() {
        StringBuilder csv = new StringBuilder("figure,measured,target,met");
        machine.keySet().forEach(name -> csv.append(',').append(name));
        csv.append('\n');
        for (Figure figure : figures) {
            csv.append(quoted(figure.name()))
                    .append(',')
                    .append(quoted(figure.measured()))
                    .append(',')
                    .append(quoted(figure.target()))
                    .append(',')
                    .append(figure.met());
            machine.values().forEach(value -> csv.append(',').append(quoted(value)));
            csv.append('\n');
        }
        return csv.toString();
    }

    void write(Path directory, String command) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(
                directory.resolve("sink-benchmark.md"), markdown(command), StandardCharsets.UTF_8);
        Files.writeString(directory.resolve("sink-benchmark.csv"), csv(), StandardCharsets.UTF_8);
    }

    private static Map<String, String> machine() {
        Map<String, String> machine = new java.util.LinkedHashMap<>();
        machine.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        machine.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        machine.put("cpu", cpuModel());
        if (ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            machine.put(
                    "memory", format("%.0f GiB", os.getTotalMemorySize() / (1024.0 * 1024 * 1024)));
        }
        machine.put(
                "os",
                System.getProperty("os.name")
                        + " "
                        + System.getProperty("os.version")
                        + " "
                        + System.getProperty("os.arch"));
        machine.put(
                "java",
                System.getProperty("java.version")
                        + " ("
                        + System.getProperty("java.vm.name")
                        + ")");
        machine.put(
                "heap",
                format(
                        "%.0f MiB",
                        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax()
                                / (1024.0 * 1024)));
        machine.put("flink", EnvironmentInformation.getVersion());
        machine.put("azure-cosmos", mavenVersion("com.azure", "azure-cosmos"));
        machine.put("jmh", mavenVersion("org.openjdk.jmh", "jmh-core"));
        machine.put("connector", connectorVersion() + gitCommit());
        return machine;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String connectorVersion() {
        try (InputStream in =
                BenchmarkReport.class.getResourceAsStream("/benchmark-build.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("connector.version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The commit the run measured, when run from a git checkout; "+ changes" if it had any. */
    private static String gitCommit() {
        try {
            String commit = git("rev-parse", "--short", "HEAD");
            String changes = git("status", "--porcelain", "--untracked-files=no");
            return commit.isEmpty()
                    ? ""
                    : " at commit " + commit + (changes.isEmpty() ? "" : " + changes");
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static String git(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(arguments));
        Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output =
                new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        return git.waitFor() == 0 ? output : "";
    }

    private static String mavenVersion(String group, String artifact) {
        String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = BenchmarkReport.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String ratesRow(String writer, ThroughputComparison.Rates rates) {
        return format(
                "| %s | %,.0f | %s |",
                writer,
                rates.median(),
                rates.rounds().stream()
                        .map(rate -> format("%,.0f", rate))
                        .collect(Collectors.joining(", ")));
    }

    private static String ratio(double value) {
        return format("%.2f", value);
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    private static String format(String pattern, Object... arguments) {
        return String.format(Locale.ROOT, pattern, arguments);
    }
}
