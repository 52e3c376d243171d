package io.github.flinkcosmos.connector.cosmos.table;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.sink.abilities.SupportsPartitioning;

import java.util.List;
import java.util.Map;

/**
 * A sink table whose DDL or options are invalid, failing as soon as the planner asks it anything.
 *
 * <p>Why not fail in the factory: Flink wraps any exception a factory throws into "Unable to create
 * a sink … Table options are: …" with every option's value, masking only keys that contain words
 * like "password" or "secret". {@code cosmos.key} has none, so the account key would be in the
 * message. The planner's own calls are not wrapped that way, so failing there keeps the message to
 * what the validator says, and the validator never quotes a sensitive value.
 */
@Internal
final class InvalidCosmosTableSink implements DynamicTableSink, SupportsPartitioning {

    private final String message;

    InvalidCosmosTableSink(String tableName, List<String> problems) {
        this.message =
                "The Cosmos DB sink table "
                        + tableName
                        + " is not valid:\n  - "
                        + String.join("\n  - ", problems);
    }

    @Override
    public ChangelogMode getChangelogMode(ChangelogMode requestedMode) {
        throw new ValidationException(message);
    }

    @Override
    public SinkRuntimeProvider getSinkRuntimeProvider(Context context) {
        throw new ValidationException(message);
    }

    /** Partitioned tables must reach {@link #getChangelogMode} too, so this accepts them. */
    @Override
    public void applyStaticPartition(Map<String, String> partition) {}

    @Override
    public DynamicTableSink copy() {
        return this;
    }

    @Override
    public String asSummaryString() {
        return "Cosmos DB (invalid)";
    }
}
