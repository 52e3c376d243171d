package io.github.flinkcosmos.benchmark;

import io.github.flinkcosmos.connector.cosmos.sink.internal.DocumentElementConverter;
import org.apache.flink.formats.json.JsonRowDataSerializationSchema;
import org.apache.flink.table.data.RowData;

import java.util.Arrays;

/**
 * The sink's conversion cost over flink-json's, measured in pairs of short slices back to back in
 * one JVM: a slice of the sink's conversion, then one of flink-json's, the order swapped every
 * other pair. Whatever else the machine runs changes over seconds, so it weighs on both slices of a
 * pair alike and drops out of the pair's ratio; a collection or a burst of another process that
 * hits one slice only makes one pair an outlier, which the median ignores. The figure is the median
 * of the pairs' ratios with its distribution-free 95 % confidence interval (the order statistics
 * n/2 ± 1.96 √n / 2), so it needs no assumption about how the noise is spread.
 */
final class PairedConversionRatio {

    /** About how long one slice runs: long against a clock read, short against a load change. */
    private static final long SLICE_NANOS = 10_000_000;

    private final ConversionRows shape;
    private final RowData row;
    private final DocumentElementConverter<RowData> cosmosSink;
    private final JsonRowDataSerializationSchema flinkJson;

    /** Where results go, so that the JIT cannot drop the work that made them. */
    private final Object[] kept = new Object[64];

    PairedConversionRatio(ConversionRows shape) throws Exception {
        this.shape = shape;
        this.row = shape.row();
        this.cosmosSink = ConversionBenchmark.cosmosSinkConverter(shape);
        this.flinkJson = ConversionBenchmark.flinkJsonSchema(shape);
    }

    Result measure(int pairs, long warmUpNanos) {
        // Warm both up, then size a slice from what a call costs once compiled.
        int calls = 1_000;
        long warmUpEnd = System.nanoTime() + warmUpNanos;
        while (System.nanoTime() < warmUpEnd) {
            sink(calls);
            json(calls);
        }
        long each = Math.max(1, Math.max(sink(calls), json(calls)) / calls);
        calls = (int) Math.max(100, SLICE_NANOS / each);
        System.gc();
        double[] ratios = new double[pairs];
        double sinkTotal = 0;
        double jsonTotal = 0;
        for (int i = 0; i < pairs; i++) {
            long sink;
            long json;
            if (i % 2 == 0) {
                sink = sink(calls);
                json = json(calls);
            } else {
                json = json(calls);
                sink = sink(calls);
            }
            ratios[i] = (double) sink / json;
            sinkTotal += sink;
            jsonTotal += json;
        }
        Arrays.sort(ratios);
        double spread = 1.96 * Math.sqrt(pairs) / 2;
        int low = Math.max(0, (int) Math.floor(pairs / 2.0 - spread));
        int high = Math.min(pairs - 1, (int) Math.ceil(pairs / 2.0 + spread));
        return new Result(
                shape,
                median(ratios),
                ratios[low],
                ratios[high],
                pairs,
                sinkTotal / pairs / calls,
                jsonTotal / pairs / calls);
    }

    private long sink(int calls) {
        long started = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            kept[i & 63] = cosmosSink.apply(row, null);
        }
        return System.nanoTime() - started;
    }

    private long json(int calls) {
        long started = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            kept[i & 63] = flinkJson.serialize(row);
        }
        return System.nanoTime() - started;
    }

    private static double median(double[] sorted) {
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /**
     * @param median the median of the pairs' ratios, sink over flink-json
     * @param low the lower end of its 95 % confidence interval
     * @param high the upper end
     * @param sinkNanos the sink's mean time per row over every slice
     * @param flinkJsonNanos flink-json's
     */
    record Result(
            ConversionRows shape,
            double median,
            double low,
            double high,
            int pairs,
            double sinkNanos,
            double flinkJsonNanos) {

        /** The interval's larger distance from the median, as a share of it. */
        double relativeHalfWidth() {
            return Math.max(high - median, median - low) / median;
        }
    }
}
