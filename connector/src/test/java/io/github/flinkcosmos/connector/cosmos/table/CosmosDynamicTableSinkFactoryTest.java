package io.github.flinkcosmos.connector.cosmos.table;

import io.github.flinkcosmos.connector.cosmos.client.ConnectionMode;
import io.github.flinkcosmos.connector.cosmos.sink.CosmosSink;
import io.github.flinkcosmos.connector.cosmos.sink.CosmosSinkBuilder;
import io.github.flinkcosmos.connector.cosmos.sink.DeleteMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ObjectIdentifier;
import org.apache.flink.table.catalog.ResolvedCatalogTable;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.catalog.UniqueConstraint;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The factory builds the sink a DataStream user would build with the same settings: the two are
 * compared in the serialized form Flink ships to the task managers, so every setting counts.
 */
class CosmosDynamicTableSinkFactoryTest {

    private static final ResolvedSchema SCHEMA =
            new ResolvedSchema(
                    List.of(
                            Column.physical("id", DataTypes.STRING().notNull()),
                            Column.physical("tenant", DataTypes.STRING().notNull()),
                            Column.physical("amount", DataTypes.DOUBLE())),
                    List.of(),
                    UniqueConstraint.primaryKey("pk", List.of("id", "tenant")));

    private static final RowType ROW = (RowType) SCHEMA.toPhysicalRowDataType().getLogicalType();

    private static Map<String, String> options(Map<String, String> more) {
        Map<String, String> options = new HashMap<>();
        options.put("connector", "cosmos");
        options.put("cosmos.endpoint", "https://account.documents.azure.com:443/");
        options.put("cosmos.key", "c2VjcmV0LWtleS12YWx1ZQ==");
        options.put("cosmos.database", "shop");
        options.put("cosmos.container", "orders");
        options.put("cosmos.auto-create", "true");
        options.putAll(more);
        return options;
    }

    private static CosmosSink<RowData> sinkOf(Map<String, String> options) {
        return tableSinkOf(options, SCHEMA).sink();
    }

    private static CosmosDynamicTableSink tableSinkOf(
            Map<String, String> options, ResolvedSchema schema) {
        ResolvedCatalogTable table =
                new ResolvedCatalogTable(
                        CatalogTable.newBuilder()
                                .schema(Schema.newBuilder().fromResolvedSchema(schema).build())
                                .partitionKeys(List.of("tenant"))
                                .options(options)
                                .build(),
                        schema);
        DynamicTableSink sink =
                FactoryUtil.createDynamicTableSink(
                        null,
                        ObjectIdentifier.of("default", "default", "orders"),
                        table,
                        Map.of(),
                        new Configuration(),
                        CosmosDynamicTableSinkFactoryTest.class.getClassLoader(),
                        false);
        assertThat(sink).isInstanceOf(CosmosDynamicTableSink.class);
        return (CosmosDynamicTableSink) sink;
    }

    private static CosmosSinkBuilder<RowData> builder() {
        return CosmosSink.<RowData>builder()
                .setEndpoint("https://account.documents.azure.com:443/")
                .setAccountKey("c2VjcmV0LWtleS12YWx1ZQ==")
                .setDatabase("shop")
                .setContainer("orders")
                .setAutoCreate(true)
                .setSinkName("default.default.orders")
                .setPartitionKeyPaths("/tenant")
                .setDocumentConverter(RowDataToCosmosDocument.of(ROW, "id", List.of("/tenant")));
    }

    private static byte[] serialized(CosmosSink<RowData> sink) throws Exception {
        return InstantiationUtil.serializeObject(sink);
    }

    @Test
    void defaultOptionsBuildTheBuildersDefaultSink() throws Exception {
        assertThat(serialized(sinkOf(options(Map.of())))).isEqualTo(serialized(builder().build()));
    }

    @Test
    void everyOptionReachesTheSinkAsItsBuilderSetter() throws Exception {
        Map<String, String> set =
                Map.ofEntries(
                        Map.entry("cosmos.connection-mode", "gateway"),
                        Map.entry("cosmos.preferred-regions", "West Europe, North Europe"),
                        Map.entry("cosmos.max-microbatch-concurrency", "3"),
                        Map.entry("cosmos.async.bulk.request-timeout-ms", "7000"),
                        Map.entry("cosmos.retry.max-attempts", "9"),
                        Map.entry("cosmos.retry.backoff.initial-delay-ms", "100"),
                        Map.entry("cosmos.retry.backoff.max-delay-ms", "800"),
                        Map.entry("cosmos.retry.backoff.multiplier", "2.0"),
                        Map.entry("sink.batch.max-size", "50"),
                        Map.entry("sink.requests.max-inflight", "2"),
                        Map.entry("sink.requests.max-buffered", "1000"),
                        Map.entry("sink.flush-buffer.size", "5000000"),
                        Map.entry("sink.flush-buffer.timeout", "250"));
        CosmosSink<RowData> expected =
                builder()
                        .setConnectionMode(ConnectionMode.GATEWAY)
                        .setPreferredRegions(List.of("West Europe", "North Europe"))
                        .setMaxMicroBatchConcurrency(3)
                        .setBulkRequestTimeout(Duration.ofMillis(7000))
                        .setRetryBackoff(9, Duration.ofMillis(100), Duration.ofMillis(800), 2.0)
                        .setMaxBatchSize(50)
                        .setMaxInFlightRequests(2)
                        .setMaxBufferedRequests(1000)
                        .setMaxBatchSizeInBytes(5_000_000)
                        .setMaxTimeInBufferMS(250)
                        .build();

        assertThat(serialized(sinkOf(options(set)))).isEqualTo(serialized(expected));
        assertThat(serialized(sinkOf(options(set))))
                .isNotEqualTo(serialized(sinkOf(options(Map.of()))));
    }

    @Test
    void deleteModeReachesTheSinkAsItsBuilderSetterAndTheRowConverter() throws Exception {
        CosmosSink<RowData> expected =
                builder()
                        .setDeleteMode(DeleteMode.DELETE)
                        .setDocumentConverter(
                                RowDataToCosmosDocument.of(
                                        ROW,
                                        "id",
                                        List.of("/tenant"),
                                        DeleteMode.DELETE,
                                        TimestampLayout.ISO_8601))
                        .build();

        assertThat(serialized(sinkOf(options(Map.of("cosmos.write.delete-mode", "delete")))))
                .isEqualTo(serialized(expected));
        assertThat(serialized(sinkOf(options(Map.of("cosmos.write.delete-mode", "upsert")))))
                .isEqualTo(serialized(builder().build()));
    }

    @Test
    void insertOnlyInputStaysInsertOnlyInEveryDeleteMode() {
        for (String mode : List.of("upsert", "delete")) {
            assertThat(
                            tableSinkOf(options(Map.of("cosmos.write.delete-mode", mode)), SCHEMA)
                                    .getChangelogMode(ChangelogMode.insertOnly()))
                    .isEqualTo(ChangelogMode.insertOnly());
        }
    }

    @Test
    void upsertModeAsksForFullDeleteRowsWhoseValuesItUpserts() {
        ChangelogMode mode =
                tableSinkOf(options(Map.of()), SCHEMA).getChangelogMode(ChangelogMode.all());

        assertThat(mode.keyOnlyDeletes()).isFalse();
        assertThat(mode.containsOnly(RowKind.INSERT)).isFalse();
        assertThat(mode.contains(RowKind.UPDATE_BEFORE)).isFalse();
    }

    @Test
    void deleteModeTakesKeyOnlyDeletesWhenThePrimaryKeyHoldsThePartitionKey() {
        assertThat(
                        tableSinkOf(options(Map.of("cosmos.write.delete-mode", "delete")), SCHEMA)
                                .getChangelogMode(ChangelogMode.all()))
                .isEqualTo(ChangelogMode.upsert());
    }

    @Test
    void deleteModeAsksForFullDeleteRowsWhenThePartitionKeyIsOutsideThePrimaryKey() {
        ResolvedSchema idOnly =
                new ResolvedSchema(
                        SCHEMA.getColumns(),
                        List.of(),
                        UniqueConstraint.primaryKey("pk", List.of("id")));

        assertThat(
                        tableSinkOf(options(Map.of("cosmos.write.delete-mode", "delete")), idOnly)
                                .getChangelogMode(ChangelogMode.all()))
                .isEqualTo(ChangelogMode.upsert(false));
    }

    @Test
    void theBuildersDefaultsAreTheSpecsDefaults() {
        assertThat(CosmosSinkBuilder.DEFAULT_RETRY_MAX_ATTEMPTS)
                .isEqualTo(CosmosConnectorOptions.RETRY_MAX_ATTEMPTS.defaultValue());
        assertThat(CosmosSinkBuilder.DEFAULT_RETRY_INITIAL_DELAY.toMillis())
                .isEqualTo(CosmosConnectorOptions.RETRY_BACKOFF_INITIAL_DELAY_MS.defaultValue());
        assertThat(CosmosSinkBuilder.DEFAULT_RETRY_MAX_DELAY.toMillis())
                .isEqualTo(CosmosConnectorOptions.RETRY_BACKOFF_MAX_DELAY_MS.defaultValue());
        assertThat(CosmosSinkBuilder.DEFAULT_RETRY_MULTIPLIER)
                .isEqualTo(CosmosConnectorOptions.RETRY_BACKOFF_MULTIPLIER.defaultValue());
        assertThat(CosmosSinkBuilder.DEFAULT_MAX_MICRO_BATCH_CONCURRENCY)
                .isEqualTo(CosmosConnectorOptions.MAX_MICROBATCH_CONCURRENCY.defaultValue());
        assertThat(CosmosSinkBuilder.DEFAULT_CONNECTION_MODE.name())
                .isEqualTo(CosmosConnectorOptions.CONNECTION_MODE.defaultValue().name());
        assertThat(CosmosConnectorOptions.AUTO_CREATE.defaultValue()).isFalse();
        assertThat(CosmosSinkBuilder.DEFAULT_DELETE_MODE.name())
                .isEqualToIgnoringCase(
                        CosmosConnectorOptions.WRITE_DELETE_MODE.defaultValue().name());
        assertThat(CosmosSinkBuilder.DEFAULT_WRITE_MODE.name())
                .isEqualToIgnoringCase(CosmosConnectorOptions.WRITE_MODE.defaultValue().name());
        assertThat(CosmosSinkBuilder.DEFAULT_PATCH_SKIP_NULL_FIELDS)
                .isEqualTo(CosmosConnectorOptions.WRITE_PATCH_SKIP_NULL_COLUMNS.defaultValue());
        assertThat(CosmosSinkBuilder.DEFAULT_SOFT_DELETE_MARKER_FIELD)
                .isEqualTo(CosmosConnectorOptions.WRITE_SOFT_DELETE_MARKER_FIELD.defaultValue());
        assertThat(CosmosSinkBuilder.DEFAULT_SOFT_DELETE_TTL_SECONDS)
                .isEqualTo(CosmosConnectorOptions.WRITE_SOFT_DELETE_TTL_SECONDS.defaultValue());
    }

    @Test
    void everyDeleteModeOfTheSpecIsOneOfTheSinks() {
        for (CosmosConnectorOptions.DeleteMode mode : CosmosConnectorOptions.DeleteMode.values()) {
            assertThat(DeleteMode.valueOf(mode.name())).isNotNull();
        }
    }

    @Test
    void everyConnectionModeOfTheSpecIsOneOfTheClients() {
        for (CosmosConnectorOptions.ConnectionMode mode :
                CosmosConnectorOptions.ConnectionMode.values()) {
            assertThat(ConnectionMode.valueOf(mode.name())).isNotNull();
        }
    }
}
