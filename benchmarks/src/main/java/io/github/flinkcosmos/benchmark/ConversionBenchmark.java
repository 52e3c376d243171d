package io.github.flinkcosmos.benchmark;

import io.github.flinkcosmos.connector.cosmos.sink.CosmosWriteRequest;
import io.github.flinkcosmos.connector.cosmos.sink.DeleteMode;
import io.github.flinkcosmos.connector.cosmos.sink.internal.DocumentElementConverter;
import io.github.flinkcosmos.connector.cosmos.table.RowDataToCosmosDocument;
import org.apache.flink.formats.common.TimestampFormat;
import org.apache.flink.formats.json.JsonFormatOptions.MapNullKeyMode;
import org.apache.flink.formats.json.JsonRowDataSerializationSchema;
import org.apache.flink.table.data.RowData;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What turning one row into a JSON document costs: the sink's whole per-row conversion (id,
 * partition key and JSON, as its writer gets it) against flink-json's {@link
 * JsonRowDataSerializationSchema} with the same settings (ISO-8601 timestamps, a NULL map key
 * fails, NULL fields written).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ConversionBenchmark {

    @Param({"NARROW", "WIDE"})
    public ConversionRows shape;

    private RowData row;
    private DocumentElementConverter<RowData> cosmosSink;
    private JsonRowDataSerializationSchema flinkJson;

    @Setup
    public void setUp() throws Exception {
        row = shape.row();
        cosmosSink = cosmosSinkConverter(shape);
        flinkJson = flinkJsonSchema(shape);
    }

    /** The table sink's converter, wrapped as the sink wraps it for its writers. */
    static DocumentElementConverter<RowData> cosmosSinkConverter(ConversionRows shape) {
        return new DocumentElementConverter<>(
                RowDataToCosmosDocument.of(shape.rowType(), "id", List.of("/pk")),
                DeleteMode.UPSERT);
    }

    static JsonRowDataSerializationSchema flinkJsonSchema(ConversionRows shape) throws Exception {
        JsonRowDataSerializationSchema schema =
                new JsonRowDataSerializationSchema(
                        shape.rowType(),
                        TimestampFormat.ISO_8601,
                        MapNullKeyMode.FAIL,
                        "null",
                        false,
                        false);
        schema.open(null);
        return schema;
    }

    @Benchmark
    public CosmosWriteRequest cosmosSink() {
        return cosmosSink.apply(row, null);
    }

    @Benchmark
    public byte[] flinkJson() {
        return flinkJson.serialize(row);
    }
}
