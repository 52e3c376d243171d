package io.github.flinkcosmos.connector.cosmos.table;

import io.github.flinkcosmos.connector.cosmos.client.AccountKey;
import io.github.flinkcosmos.connector.cosmos.client.CosmosConnection;
import io.github.flinkcosmos.connector.cosmos.client.PartitionKeyResolver;
import io.github.flinkcosmos.connector.cosmos.sink.CosmosSinkBuilder;
import io.github.flinkcosmos.connector.cosmos.sink.CosmosWriterSettings;
import io.github.flinkcosmos.connector.cosmos.sink.internal.RetryBackoff;
import io.github.flinkcosmos.connector.cosmos.status.StatusDetectorFactories;
import io.github.flinkcosmos.connector.cosmos.table.validation.TableDefinition;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.table.AsyncDynamicTableSinkFactory;
import org.apache.flink.connector.base.table.AsyncSinkConnectorOptions;
import org.apache.flink.table.catalog.ResolvedCatalogTable;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.logical.RowType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Creates the {@code 'connector' = 'cosmos'} sink from a DDL: validates options and schema with the
 * validator generated from the spec, resolves the partition key, and builds the sink. An invalid
 * table becomes an {@link InvalidCosmosTableSink}, which explains why it never throws.
 */
@Internal
public final class CosmosDynamicTableSinkFactory extends AsyncDynamicTableSinkFactory {

    public static final String IDENTIFIER = "cosmos";

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return new HashSet<>(CosmosConnectorOptions.REQUIRED_OPTIONS);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        Set<ConfigOption<?>> options = new HashSet<>(super.optionalOptions());
        options.addAll(CosmosConnectorOptions.OPTIONAL_OPTIONS);
        options.add(FactoryUtil.SINK_PARALLELISM);
        return options;
    }

    @Override
    public DynamicTableSink createDynamicTableSink(Context context) {
        ResolvedCatalogTable table = context.getCatalogTable();
        String tableName = context.getObjectIdentifier().asSummaryString();
        Map<String, String> options = table.getOptions();
        List<String> problems = new ArrayList<>(unsupportedOptions(options));
        problems.addAll(unreadableFlinkOptions(options));
        TableDefinition definition = TableDefinitions.of(table);
        CosmosSinkRules.RULES
                .validate(options, definition)
                .forEach(violation -> problems.add(violation.message()));
        if (!problems.isEmpty()) {
            return new InvalidCosmosTableSink(tableName, problems);
        }
        Configuration config = Configuration.fromMap(options);
        AccountKey key = new AccountKey(config.get(CosmosConnectorOptions.KEY));
        try {
            List<String> more = new ArrayList<>();
            DynamicTableSink sink = build(context, table, definition, config, more);
            return more.isEmpty() ? sink : new InvalidCosmosTableSink(tableName, more);
        } catch (RuntimeException | LinkageError e) {
            // Whatever fails here must not reach Flink's wrapper, which would list the key.
            return new InvalidCosmosTableSink(
                    tableName, List.of("The sink cannot be created: " + key.redact(e.toString())));
        }
    }

    /** Builds the sink of a valid table; adds to {@code problems} what only shows now. */
    private static DynamicTableSink build(
            Context context,
            ResolvedCatalogTable table,
            TableDefinition definition,
            Configuration config,
            List<String> problems) {
        // Checked when planning, so a typo fails the statement, not every task at start.
        try {
            StatusDetectorFactories.find(
                    config.getOptional(CosmosConnectorOptions.FAIL_DETECTOR),
                    context.getClassLoader());
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return null;
        }
        CosmosConnection connection = connection(config);
        RowType rowType =
                (RowType) table.getResolvedSchema().toPhysicalRowDataType().getLogicalType();
        List<String> partitionKeyPaths;
        try {
            partitionKeyPaths = partitionKeyPaths(definition, config, connection, problems);
        } catch (IllegalStateException e) {
            problems.add(e.getMessage());
            return null;
        }
        List<FieldPath> partitionKey = new ArrayList<>();
        for (String path : partitionKeyPaths) {
            Optional<FieldPath> field = FieldPath.resolve(path, rowType);
            if (field.isEmpty()) {
                problems.add(
                        "The container's partition key path "
                                + path
                                + " has no matching column. Add a column for it (a nested path"
                                + " like /address/city needs a ROW column 'address' with a field"
                                + " 'city').");
            } else {
                partitionKey.add(field.get());
            }
        }
        if (!problems.isEmpty()) {
            return null;
        }
        RowJsonSerializer json;
        try {
            json = new RowJsonSerializer(rowType);
        } catch (UnsupportedOperationException e) {
            problems.add(
                    "A column has a type the JSON conversion cannot write ("
                            + e.getMessage()
                            + "). Cast it to one of the types the reference page lists.");
            return null;
        }
        String idColumn = CosmosSinkRules.ID_COLUMN;
        RowDataToCosmosRequest converter =
                new RowDataToCosmosRequest(
                        rowType.getFieldIndex(idColumn), idColumn, partitionKey, json);
        return new CosmosDynamicTableSink(
                converter,
                writerSettings(config, connection, partitionKeyPaths),
                config.getOptional(FactoryUtil.SINK_PARALLELISM).orElse(null),
                config.getOptional(AsyncSinkConnectorOptions.MAX_BATCH_SIZE).orElse(null),
                config.getOptional(AsyncSinkConnectorOptions.MAX_IN_FLIGHT_REQUESTS).orElse(null),
                config.getOptional(AsyncSinkConnectorOptions.MAX_BUFFERED_REQUESTS).orElse(null),
                config.getOptional(AsyncSinkConnectorOptions.FLUSH_BUFFER_SIZE).orElse(null),
                config.getOptional(AsyncSinkConnectorOptions.FLUSH_BUFFER_TIMEOUT).orElse(null));
    }

    /**
     * The container's partition key, as the contract derives it: the PARTITIONED BY columns with
     * auto-create; otherwise the PRIMARY KEY's columns beyond the id; otherwise the live
     * container's paths, which a PARTITIONED BY clause must then match.
     */
    private static List<String> partitionKeyPaths(
            TableDefinition definition,
            Configuration config,
            CosmosConnection connection,
            List<String> problems) {
        if (config.get(CosmosConnectorOptions.AUTO_CREATE)) {
            return FieldPath.pathsOfColumns(definition.partitionedBy());
        }
        if (!definition.primaryKeyColumnsBeyond(CosmosSinkRules.ID_COLUMN).isEmpty()) {
            return FieldPath.pathsOfColumns(
                    definition.primaryKeyColumnsBeyond(CosmosSinkRules.ID_COLUMN));
        }
        List<String> fromContainer = PartitionKeyResolver.readFromContainer(connection);
        List<String> declared = FieldPath.pathsOfColumns(definition.partitionedBy());
        if (!declared.isEmpty() && !declared.equals(fromContainer)) {
            problems.add(
                    "The table is PARTITIONED BY "
                            + declared
                            + ", but container '"
                            + connection.containerPath()
                            + "' has partition key "
                            + fromContainer
                            + ". Make them match, or drop the PARTITIONED BY clause.");
        }
        return fromContainer;
    }

    private static CosmosConnection connection(Configuration config) {
        String regions = config.get(CosmosConnectorOptions.PREFERRED_REGIONS);
        return new CosmosConnection(
                config.get(CosmosConnectorOptions.ENDPOINT),
                new AccountKey(config.get(CosmosConnectorOptions.KEY)),
                config.get(CosmosConnectorOptions.DATABASE),
                config.get(CosmosConnectorOptions.CONTAINER),
                config.get(CosmosConnectorOptions.CONNECTION_MODE),
                regions == null
                        ? List.of()
                        : Arrays.stream(regions.split(",")).map(String::strip).toList());
    }

    private static CosmosWriterSettings writerSettings(
            Configuration config, CosmosConnection connection, List<String> partitionKeyPaths) {
        return new CosmosWriterSettings(
                connection,
                new RetryBackoff(
                        config.get(CosmosConnectorOptions.RETRY_MAX_ATTEMPTS),
                        Duration.ofMillis(
                                config.get(CosmosConnectorOptions.RETRY_BACKOFF_INITIAL_DELAY_MS)),
                        Duration.ofMillis(
                                config.get(CosmosConnectorOptions.RETRY_BACKOFF_MAX_DELAY_MS)),
                        config.get(CosmosConnectorOptions.RETRY_BACKOFF_MULTIPLIER)),
                config.get(CosmosConnectorOptions.MAX_MICROBATCH_CONCURRENCY),
                config.get(CosmosConnectorOptions.FAIL_DETECTOR),
                partitionKeyPaths,
                config.get(CosmosConnectorOptions.AUTO_CREATE),
                config.getOptional(CosmosConnectorOptions.ASYNC_BULK_REQUEST_TIMEOUT_MS)
                        .orElse(0L));
    }

    /** Keys this connector does not know, each named, with the supported ones listed. */
    private List<String> unsupportedOptions(Map<String, String> options) {
        Set<String> supported = new TreeSet<>();
        supported.add(FactoryUtil.CONNECTOR.key());
        requiredOptions().forEach(option -> supported.add(option.key()));
        optionalOptions().forEach(option -> supported.add(option.key()));
        List<String> unknown =
                options.keySet().stream()
                        .filter(key -> !supported.contains(key))
                        .sorted()
                        .collect(Collectors.toList());
        if (unknown.isEmpty()) {
            return List.of();
        }
        return List.of(
                "Unsupported option(s) "
                        + unknown.stream()
                                .map(key -> "'" + key + "'")
                                .collect(Collectors.joining(", "))
                        + ". Supported options are: "
                        + String.join(", ", supported)
                        + ".");
    }

    /**
     * Flink's own sink options, read as Flink will read them: a bad value here would otherwise
     * throw inside the factory, where Flink's message shows every option.
     */
    private List<String> unreadableFlinkOptions(Map<String, String> options) {
        List<String> problems = new ArrayList<>();
        Set<ConfigOption<?>> flinkOptions = new HashSet<>(super.optionalOptions());
        flinkOptions.add(FactoryUtil.SINK_PARALLELISM);
        for (ConfigOption<?> option : flinkOptions) {
            String raw = options.get(option.key());
            if (raw == null) {
                continue;
            }
            try {
                Configuration.fromMap(Map.of(option.key(), raw)).get(option);
            } catch (IllegalArgumentException e) {
                problems.add(
                        "Option '"
                                + option.key()
                                + "' is '"
                                + raw
                                + "', which Flink cannot read: "
                                + e.getMessage());
            }
        }
        problems.sort(String::compareTo);
        if (problems.isEmpty()) {
            problems.addAll(conflictingFlinkOptions(Configuration.fromMap(options)));
        }
        return problems;
    }

    /** Combinations the AsyncSink refuses only when every task starts, restarting in a loop. */
    private static List<String> conflictingFlinkOptions(Configuration config) {
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
                    "Option 'sink.requests.max-buffered' ("
                            + buffered
                            + ") must be greater than 'sink.batch.max-size' ("
                            + batch
                            + ").");
        }
        if (bytes < CosmosSinkBuilder.DEFAULT_MAX_RECORD_SIZE_IN_BYTES) {
            problems.add(
                    "Option 'sink.flush-buffer.size' is "
                            + bytes
                            + ", but it must be at least "
                            + CosmosSinkBuilder.DEFAULT_MAX_RECORD_SIZE_IN_BYTES
                            + " bytes, the largest Cosmos DB document.");
        }
        return problems;
    }
}
