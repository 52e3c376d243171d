package io.github.flinkcosmos.connector.cosmos.table;

import io.github.flinkcosmos.connector.cosmos.sink.CosmosSinkBuilder;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.table.AsyncSinkConnectorOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Checks of a table's options that the spec's validator cannot make: keys no one knows, and Flink's
 * own AsyncSink options, which a factory must read without throwing, since Flink's message for a
 * throwing factory shows every option.
 */
@Internal
final class FlinkSinkOptions {

    private FlinkSinkOptions() {}

    /** Keys this connector does not know, each named, with the supported ones listed. */
    static List<String> unsupported(Map<String, String> options, Set<String> supportedKeys) {
        Set<String> supported = new TreeSet<>(supportedKeys);
        List<String> unknown =
                options.keySet().stream()
                        .filter(key -> !supported.contains(key))
                        .sorted()
                        .map(key -> "'" + key + "'")
                        .collect(Collectors.toList());
        if (unknown.isEmpty()) {
            return List.of();
        }
        return List.of(
                "Unsupported option(s) %s. Supported options are: %s."
                        .formatted(String.join(", ", unknown), String.join(", ", supported)));
    }

    /**
     * Flink's own sink options, read as Flink will read them, then the combinations the AsyncSink
     * refuses only when every task starts, restarting in a loop.
     */
    static List<String> unreadableOrConflicting(
            Map<String, String> options, Set<ConfigOption<?>> flinkOptions) {
        List<String> problems = new ArrayList<>();
        for (ConfigOption<?> option : flinkOptions) {
            String raw = options.get(option.key());
            if (raw == null) {
                continue;
            }
            try {
                Configuration.fromMap(Map.of(option.key(), raw)).get(option);
            } catch (IllegalArgumentException e) {
                problems.add(
                        "Option '%s' is '%s', which Flink cannot read: %s"
                                .formatted(option.key(), raw, e.getMessage()));
            }
        }
        problems.sort(String::compareTo);
        return problems.isEmpty() ? conflicting(Configuration.fromMap(options)) : problems;
    }

    private static List<String> conflicting(Configuration config) {
        List<String> problems = new ArrayList<>();
        int batch =
                config.getOptional(AsyncSinkConnectorOptions.MAX_BATCH_SIZE)
                        .orElse(CosmosSinkBuilder.DEFAULT_MAX_BATCH_SIZE);
        int buffered =
                config.getOptional(AsyncSinkConnectorOptions.MAX_BUFFERED_REQUESTS)
                        .orElse(CosmosSinkBuilder.DEFAULT_MAX_BUFFERED_REQUESTS);
        long bytes =
                config.getOptional(AsyncSinkConnectorOptions.FLUSH_BUFFER_SIZE)
                        .orElse(CosmosSinkBuilder.DEFAULT_MAX_BATCH_SIZE_IN_BYTES);
        if (buffered <= batch) {
            problems.add(
                    "Option 'sink.requests.max-buffered' (%d) must be greater than 'sink.batch.max-size' (%d)."
                            .formatted(buffered, batch));
        }
        if (bytes < CosmosSinkBuilder.DEFAULT_MAX_RECORD_SIZE_IN_BYTES) {
            problems.add(
                    "Option 'sink.flush-buffer.size' is %d, but it must be at least %d bytes, the largest Cosmos DB document."
                            .formatted(bytes, CosmosSinkBuilder.DEFAULT_MAX_RECORD_SIZE_IN_BYTES));
        }
        return problems;
    }
}
