package io.github.flinkcosmos.connector.cosmos.table;

import io.github.flinkcosmos.connector.cosmos.client.CosmosConfigurationException;
import io.github.flinkcosmos.connector.cosmos.client.PartitionKeyResolver;
import io.github.flinkcosmos.connector.cosmos.client.Secret;
import io.github.flinkcosmos.connector.cosmos.sink.DeleteMode;
import io.github.flinkcosmos.connector.cosmos.sink.WriteMode;
import io.github.flinkcosmos.connector.cosmos.status.StatusDetectorFactories;
import io.github.flinkcosmos.connector.cosmos.table.validation.TableDefinition;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.table.AsyncDynamicTableSinkFactory;
import org.apache.flink.table.catalog.ResolvedCatalogTable;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.logical.RowType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
        Set<ConfigOption<?>> options = flinkOptions();
        options.addAll(CosmosConnectorOptions.OPTIONAL_OPTIONS);
        return options;
    }

    @Override
    public DynamicTableSink createDynamicTableSink(Context context) {
        ResolvedCatalogTable table = context.getCatalogTable();
        String tableName = context.getObjectIdentifier().asSummaryString();
        try {
            return create(table, tableName, context.getClassLoader());
        } catch (CosmosConfigurationException e) {
            return new InvalidCosmosTableSink(tableName, e.problems());
        } catch (RuntimeException | LinkageError e) {
            // Whatever fails here must not reach Flink's wrapper, which would list the key.
            return new InvalidCosmosTableSink(
                    tableName,
                    List.of(
                            "The sink cannot be created: "
                                    + redactSecrets(table.getOptions(), e.toString())));
        }
    }

    private DynamicTableSink create(
            ResolvedCatalogTable table, String tableName, ClassLoader classLoader) {
        Map<String, String> options = table.getOptions();
        TableDefinition definition = TableDefinitions.of(table);
        List<String> problems = new ArrayList<>(FlinkSinkOptions.unsupported(options, keys()));
        problems.addAll(FlinkSinkOptions.unreadableOrConflicting(options, flinkOptions()));
        CosmosSinkRules.RULES
                .validate(options, definition)
                .forEach(violation -> problems.add(violation.message()));
        problems.addAll(CosmosTableConfig.deadLetterOptionsWithoutContainer(options));
        if (!problems.isEmpty()) {
            throw new CosmosConfigurationException(problems);
        }
        CosmosTableConfig config =
                CosmosTableConfig.read(Configuration.fromMap(options), tableName);
        config.credentialProblem()
                .ifPresent(
                        problem -> {
                            throw new CosmosConfigurationException(problem);
                        });
        checkDetector(config, classLoader);
        checkModes(config);
        List<String> partitionKeyPaths =
                PartitionKeyResolver.derive(
                        config.autoCreate(),
                        FieldPath.pathsOfColumns(definition.partitionedBy()),
                        FieldPath.pathsOfColumns(
                                definition.primaryKeyColumnsBeyond(CosmosSinkRules.ID_COLUMN)),
                        config.connection());
        RowType rowType =
                (RowType) table.getResolvedSchema().toPhysicalRowDataType().getLogicalType();
        RowDataToCosmosDocument converter =
                RowDataToCosmosDocument.of(
                        rowType,
                        CosmosSinkRules.ID_COLUMN,
                        partitionKeyPaths,
                        config.deleteMode(),
                        config.timestampLayout(),
                        config.versionColumn());
        // A key-only DELETE row carries the PRIMARY KEY's columns and nothing else: enough for a
        // delete only when every partition-key path is one of those columns.
        // A versioned delete needs its row's version too, never a key column.
        boolean keyOnlyDeletesSuffice =
                config.versionColumn() == null
                        && FieldPath.pathsOfColumns(
                                        definition.primaryKeyColumnsBeyond(
                                                CosmosSinkRules.ID_COLUMN))
                                .containsAll(partitionKeyPaths);
        return new CosmosDynamicTableSink(
                config, converter, partitionKeyPaths, keyOnlyDeletesSuffice);
    }

    /** Every sensitive option's value replaced, in a text that might quote one. */
    private static String redactSecrets(Map<String, String> options, String text) {
        String redacted = text;
        for (ConfigOption<?> sensitive : CosmosConnectorOptions.SENSITIVE_OPTIONS) {
            String value = options.get(sensitive.key());
            if (value != null && !value.isEmpty()) {
                redacted = new Secret(value).redact(redacted);
            }
        }
        return redacted;
    }

    /** Checked when planning, so a typo fails the statement, not every task at start. */
    private static void checkDetector(CosmosTableConfig config, ClassLoader classLoader) {
        try {
            StatusDetectorFactories.find(Optional.ofNullable(config.failDetector()), classLoader);
        } catch (IllegalArgumentException e) {
            throw new CosmosConfigurationException(e.getMessage());
        }
    }

    /**
     * A soft-deleted document still exists until its ttl runs out: a later create would be skipped
     * (409) and a later patch would leave the marker, so the document would vanish after all.
     */
    private static void checkModes(CosmosTableConfig config) {
        if (config.deleteMode() == DeleteMode.SOFT_DELETE
                && config.writeMode() != WriteMode.UPSERT) {
            String mode = config.writeMode().name().toLowerCase(Locale.ROOT);
            throw new CosmosConfigurationException(
                    """
                    Option 'cosmos.write.delete-mode' = 'soft-delete' needs 'cosmos.write.mode' = \
                    'upsert', but it is '%s': a later %s of a soft-deleted document would leave \
                    it marked, and it would expire. Use 'cosmos.write.delete-mode' = 'delete', or \
                    'cosmos.write.mode' = 'upsert'."""
                            .formatted(
                                    mode,
                                    mode.equals("create")
                                            ? "create (skipped, the document exists)"
                                            : "patch"));
        }
    }

    /** Flink's AsyncSink options and {@code sink.parallelism}, which this sink also takes. */
    private Set<ConfigOption<?>> flinkOptions() {
        Set<ConfigOption<?>> options = new HashSet<>(super.optionalOptions());
        options.add(FactoryUtil.SINK_PARALLELISM);
        return options;
    }

    private Set<String> keys() {
        Set<String> keys = new HashSet<>(Set.of(FactoryUtil.CONNECTOR.key()));
        requiredOptions().forEach(option -> keys.add(option.key()));
        optionalOptions().forEach(option -> keys.add(option.key()));
        return keys;
    }
}
