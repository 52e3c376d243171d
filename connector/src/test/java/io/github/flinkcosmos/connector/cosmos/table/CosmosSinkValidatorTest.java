package io.github.flinkcosmos.connector.cosmos.table;

import io.github.flinkcosmos.connector.cosmos.table.validation.Column;
import io.github.flinkcosmos.connector.cosmos.table.validation.TableDefinition;
import io.github.flinkcosmos.connector.cosmos.table.validation.Violation;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.BooleanType;
import org.apache.flink.table.types.logical.DoubleType;
import org.apache.flink.table.types.logical.IntType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.VarCharType;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.github.flinkcosmos.connector.cosmos.table.CosmosSinkRules.RULES;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules generated from the project's spec, checked by the validation engine, enforce the
 * contract's options and DDL rules.
 */
class CosmosSinkValidatorTest {

    private static final String KEY = "c2VjcmV0LWFjY291bnQta2V5";

    private static final TableDefinition BASIC_TABLE =
            new TableDefinition(
                    List.of(
                            physical("id", string()),
                            physical("pk", string()),
                            physical("value", new DoubleType())),
                    List.of("id", "pk"),
                    List.of());

    private static Map<String, String> validOptions() {
        Map<String, String> options = new HashMap<>();
        options.put("connector", "cosmos");
        options.put("cosmos.endpoint", "https://myaccount.documents.azure.com:443/");
        options.put("cosmos.key", KEY);
        options.put("cosmos.database", "myDatabase");
        options.put("cosmos.container", "myContainer");
        return options;
    }

    @Test
    void acceptsTheContractsBasicTable() {
        assertThat(RULES.validate(validOptions(), BASIC_TABLE)).isEmpty();
    }

    @Test
    void acceptsEveryOptionSetWithinItsRange() {
        Map<String, String> options = validOptions();
        options.put("cosmos.preferred-regions", "West Europe,North Europe");
        options.put("cosmos.max-microbatch-concurrency", "5");
        options.put("cosmos.async.bulk.request-timeout-ms", "30000");
        options.put("cosmos.auto-create", "false");
        options.put("cosmos.fail.detector", "my-detector");
        options.put("cosmos.retry.max-attempts", "10");
        options.put("cosmos.retry.backoff.initial-delay-ms", "0");
        options.put("cosmos.retry.backoff.max-delay-ms", "60000");
        options.put("cosmos.retry.backoff.multiplier", "2.5");
        options.put("cosmos.connection-mode", "gateway");

        assertThat(RULES.validateOptions(options)).isEmpty();
    }

    @Test
    void reportsEveryBadOptionAtOnceNamingValueAndWhatIsAllowed() {
        Map<String, String> options = validOptions();
        options.put("cosmos.endpoint", "myaccount.documents.azure.com");
        options.remove("cosmos.database");
        options.put("cosmos.container", "orders/2024");
        options.put("cosmos.preferred-regions", "West Europe,,North Europe");
        options.put("cosmos.max-microbatch-concurrency", "6");
        options.put("cosmos.auto-create", "yes");
        options.put("cosmos.retry.max-attempts", "0");
        options.put("cosmos.retry.backoff.multiplier", "0.5");
        options.put("cosmos.connection-mode", "tcp");

        assertThat(messages(RULES.validateOptions(options)))
                .containsExactly(
                        "Option 'cosmos.endpoint' is 'myaccount.documents.azure.com', but it must be"
                                + " an absolute https or http URL.",
                        "Option 'cosmos.database' is required but not set. Set it to 1 to 255"
                                + " characters, none of them '/', '\\', '?' or '#', and not ending"
                                + " in a space, for example 'myDatabase'.",
                        "Option 'cosmos.container' is 'orders/2024', but it must be 1 to 255"
                                + " characters, none of them '/', '\\', '?' or '#', and not ending"
                                + " in a space.",
                        "Option 'cosmos.connection-mode' is 'tcp', but it must be one of: direct,"
                                + " gateway.",
                        "Option 'cosmos.preferred-regions' is 'West Europe,,North Europe', but it"
                                + " must be a comma-separated list of non-blank items.",
                        "Option 'cosmos.auto-create' is 'yes', but it must be true or false.",
                        "Option 'cosmos.max-microbatch-concurrency' is '6', but it must be an"
                                + " integer from 1 to 5.",
                        "Option 'cosmos.retry.max-attempts' is '0', but it must be an integer of at"
                                + " least 1.",
                        "Option 'cosmos.retry.backoff.multiplier' is '0.5', but it must be a finite"
                                + " number of at least 1.0.");
    }

    @Test
    void rejectsAMultiplierThatIsNotAFiniteNumber() {
        for (String notFinite : new String[] {"NaN", "Infinity"}) {
            Map<String, String> options = validOptions();
            options.put("cosmos.retry.backoff.multiplier", notFinite);

            assertThat(messages(RULES.validateOptions(options)))
                    .as(notFinite)
                    .containsExactly(
                            "Option 'cosmos.retry.backoff.multiplier' is '"
                                    + notFinite
                                    + "', but it must be a finite number of at least 1.0.");
        }
    }

    @Test
    void reportsAMaxDelayBelowTheInitialDelayEvenWhenItIsTheDefault() {
        Map<String, String> options = validOptions();
        options.put("cosmos.retry.backoff.initial-delay-ms", "1000");

        assertThat(messages(RULES.validateOptions(options)))
                .containsExactly(
                        "Option 'cosmos.retry.backoff.max-delay-ms' is 500 (its default), but it"
                                + " must not be less than 'cosmos.retry.backoff.initial-delay-ms',"
                                + " which is 1000. Set 'cosmos.retry.backoff.max-delay-ms' to at"
                                + " least 1000.");
    }

    @Test
    void reportsABlankAccountKeyAsMissingWithoutQuotingIt() {
        Map<String, String> options = validOptions();
        options.put("cosmos.key", "   ");

        assertThat(messages(RULES.validateOptions(options)))
                .containsExactly(
                        "Option 'cosmos.key' is required when 'cosmos.auth.type' is 'key' (its"
                                + " default), but it is not set. Set 'cosmos.key' to a non-blank"
                                + " string, for example '${secret_values.cosmos_key}', or set"
                                + " 'cosmos.auth.type' to another value.");
    }

    @Test
    void refusesTheKeyWithAnEntraIdTypeNamingBothOptions() {
        Map<String, String> options = validOptions();
        options.put("cosmos.auth.type", "managed-identity");

        assertThat(messages(RULES.validateOptions(options)))
                .containsExactly(
                        "Option 'cosmos.key' is set (not shown: the option is sensitive), but it is only allowed when"
                                + " 'cosmos.auth.type' is 'key', and 'cosmos.auth.type' is"
                                + " 'managed-identity'. Remove 'cosmos.key', or set"
                                + " 'cosmos.auth.type' to 'key'.");
    }

    @Test
    void requiresTenantAndClientOfAServicePrincipal() {
        Map<String, String> options = validOptions();
        options.remove("cosmos.key");
        options.put("cosmos.auth.type", "service-principal");
        options.put("cosmos.auth.client-secret", "s3cr3t-value");

        assertThat(messages(RULES.validateOptions(options)))
                .containsExactly(
                        "Option 'cosmos.auth.tenant-id' is required when 'cosmos.auth.type' is"
                                + " 'service-principal', but it is not set. Set"
                                + " 'cosmos.auth.tenant-id' to a non-blank string, for example"
                                + " '72f988bf-86f1-41af-91ab-2d7cd011db47', or set"
                                + " 'cosmos.auth.type' to another value.",
                        "Option 'cosmos.auth.client-id' is required when 'cosmos.auth.type' is"
                                + " 'service-principal', but it is not set. Set"
                                + " 'cosmos.auth.client-id' to a non-blank string, for example"
                                + " '00000000-0000-0000-0000-000000000000', or set"
                                + " 'cosmos.auth.type' to another value.")
                .allSatisfy(message -> assertThat(message).doesNotContain("s3cr3t-value"));
    }

    @Test
    void refusesATenantWithManagedIdentityAmongSeveralAllowedTypes() {
        Map<String, String> options = validOptions();
        options.remove("cosmos.key");
        options.put("cosmos.auth.type", "managed-identity");
        options.put("cosmos.auth.tenant-id", "t1");

        assertThat(messages(RULES.validateOptions(options)))
                .containsExactly(
                        "Option 'cosmos.auth.tenant-id' is 't1', but it is only allowed when"
                                + " 'cosmos.auth.type' is one of 'service-principal',"
                                + " 'workload-identity', and 'cosmos.auth.type' is"
                                + " 'managed-identity'. Remove 'cosmos.auth.tenant-id', or set"
                                + " 'cosmos.auth.type' to one of 'service-principal',"
                                + " 'workload-identity'.");
    }

    @Test
    void refusesASecretTogetherWithACertificateWithoutQuotingIt() {
        Map<String, String> options = validOptions();
        options.remove("cosmos.key");
        options.put("cosmos.auth.type", "service-principal");
        options.put("cosmos.auth.tenant-id", "t1");
        options.put("cosmos.auth.client-id", "app");
        options.put("cosmos.auth.client-secret", "s3cr3t-value");
        options.put("cosmos.auth.client-certificate-path", "/etc/app.pem");

        assertThat(messages(RULES.validateOptions(options)))
                .containsExactly(
                        "Option 'cosmos.auth.client-secret' is set (not shown: the option is sensitive), but it"
                                + " cannot be used together with"
                                + " 'cosmos.auth.client-certificate-path', which is set too."
                                + " Remove 'cosmos.auth.client-secret' or"
                                + " 'cosmos.auth.client-certificate-path'.");
    }

    @Test
    void reportsEveryBrokenDdlRuleAtOnce() {
        TableDefinition table =
                new TableDefinition(
                        List.of(
                                physical("ID", string()),
                                physical("pk", string()),
                                new Column("ts", false, new IntType())),
                        List.of("pk"),
                        List.of());

        assertThat(rules(RULES.validateTable(validOptions(), table)))
                .containsExactly("id-column", "physical-columns-only", "id-in-primary-key");
        assertThat(messages(RULES.validateTable(validOptions(), table)))
                .containsExactly(
                        "The table has no column named 'id'. Add a column 'id STRING', the id of"
                                + " each Cosmos DB document.",
                        "Columns ts are computed or metadata columns, which this sink cannot"
                                + " write. Remove them from the sink table.",
                        "The PRIMARY KEY must include 'id', but it is (pk). Declare PRIMARY KEY"
                                + " (id) NOT ENFORCED, or PRIMARY KEY (id, <partition key"
                                + " columns>) NOT ENFORCED.");
    }

    @Test
    void requiresACharacterStringId() {
        TableDefinition table =
                new TableDefinition(
                        List.of(physical("id", new IntType())), List.of("id"), List.of());

        assertThat(messages(RULES.validateTable(validOptions(), table)))
                .containsExactly(
                        "Column 'id' has type INT, but Cosmos DB document ids are strings. Declare"
                                + " it as 'id STRING'.");
    }

    @Test
    void reportsAMissingPrimaryKey() {
        TableDefinition table =
                new TableDefinition(List.of(physical("id", string())), List.of(), List.of());

        assertThat(messages(RULES.validateTable(validOptions(), table)))
                .singleElement()
                .asString()
                .startsWith("The PRIMARY KEY must include 'id', but it is not declared.");
    }

    @Test
    void requiresThePrimaryKeyToBeIdPlusThePartitionedByColumns() {
        TableDefinition table =
                new TableDefinition(
                        List.of(
                                physical("id", string()),
                                physical("tenant", string()),
                                physical("region", string())),
                        List.of("id", "region"),
                        List.of("tenant"));

        assertThat(messages(RULES.validateTable(validOptions(), table)))
                .containsExactly(
                        "The PRIMARY KEY (id, region) must be (id) or (id, <all partition key"
                                + " columns>), but the partition key is (tenant). Write PRIMARY KEY"
                                + " (id) NOT ENFORCED or PRIMARY KEY (id, tenant) NOT ENFORCED.");
    }

    @Test
    void acceptsPrimaryKeyIdAloneOrWithThePartitionedByColumnsInAnyOrder() {
        List<Column> columns =
                List.of(
                        physical("id", string()),
                        physical("a", string()),
                        physical("b", new IntType()));
        Map<String, String> autoCreate = validOptions();
        autoCreate.put("cosmos.auto-create", "true");

        assertThat(
                        RULES.validateTable(
                                autoCreate,
                                new TableDefinition(columns, List.of("id"), List.of("a", "b"))))
                .isEmpty();
        assertThat(
                        RULES.validateTable(
                                autoCreate,
                                new TableDefinition(
                                        columns, List.of("id", "b", "a"), List.of("a", "b"))))
                .isEmpty();
    }

    @Test
    void autoCreateRequiresPartitionedBy() {
        Map<String, String> options = validOptions();
        options.put("cosmos.auto-create", "TRUE");

        assertThat(messages(RULES.validateTable(options, BASIC_TABLE)))
                .containsExactly(
                        "Option 'cosmos.auto-create' is true, but the table has no PARTITIONED BY"
                                + " clause to derive the container's partition key from. Add"
                                + " PARTITIONED BY (<partition key columns>), or set"
                                + " 'cosmos.auto-create' = 'false'.");
    }

    @Test
    void limitsThePartitionKeyToThreeScalarColumns() {
        TableDefinition table =
                new TableDefinition(
                        List.of(
                                physical("id", string()),
                                physical("a", string()),
                                physical("b", new BooleanType()),
                                physical("c", new DoubleType()),
                                physical("d", new ArrayType(new IntType()))),
                        List.of("id", "a", "b", "c", "d"),
                        List.of());

        assertThat(messages(RULES.validateTable(validOptions(), table)))
                .containsExactly(
                        "The partition key (a, b, c, d) has 4 columns, but Cosmos DB allows at most"
                                + " 3 levels. Use at most 3 partition key columns.",
                        "Partition key column d has type ARRAY<INT>; Cosmos DB partition key values"
                                + " are strings, numbers or booleans. Use a column of one of those"
                                + " types.");
    }

    private static Column physical(String name, LogicalType type) {
        return new Column(name, true, type);
    }

    private static LogicalType string() {
        return new VarCharType(VarCharType.MAX_LENGTH);
    }

    private static List<String> messages(List<Violation> violations) {
        return violations.stream().map(Violation::message).collect(Collectors.toList());
    }

    private static List<String> rules(List<Violation> violations) {
        return violations.stream().map(Violation::rule).collect(Collectors.toList());
    }
}
