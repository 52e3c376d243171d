package io.github.flinkcosmos.connector.cosmos.table.validation;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeFamily;
import org.apache.flink.table.types.logical.LogicalTypeRoot;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The DDL checks, one method per check kind of the spec, looked up by its spec name. A check
 * returns the placeholder values of each violation it finds; the rule's message template turns them
 * into text.
 */
@Internal
public final class DdlChecks {

    /** A check: the placeholder values of each violation, none when the table passes. */
    @FunctionalInterface
    interface Check {
        List<Map<String, String>> find(DdlRule rule, Subject subject);
    }

    /** What a check looks at. */
    record Subject(Map<String, String> options, TableDefinition table, String idColumn) {}

    private static final Map<String, Check> CHECKS =
            Map.of(
                    "column-exists", DdlChecks::columnExists,
                    "column-type", DdlChecks::columnType,
                    "physical-columns-only", DdlChecks::physicalColumnsOnly,
                    "primary-key-includes", DdlChecks::primaryKeyIncludes,
                    "primary-key-is-id-and-partition-key", DdlChecks::primaryKeyIsIdAndPartitionKey,
                    "partitioned-by-required", DdlChecks::partitionedByRequired,
                    "partition-key-max-columns", DdlChecks::partitionKeyMaxColumns,
                    "partition-key-column-types", DdlChecks::partitionKeyColumnTypes);

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

    private DdlChecks() {}

    /** The spec names of every implemented check. */
    public static Set<String> implemented() {
        return Set.copyOf(CHECKS.keySet());
    }

    static List<Violation> run(DdlRule rule, Subject subject) {
        Check check = CHECKS.get(rule.check());
        if (check == null) {
            throw new IllegalArgumentException(
                    "No DDL check '%s' (constraint '%s')".formatted(rule.check(), rule.id()));
        }
        return check.find(rule, subject).stream()
                .map(values -> new Violation(rule.id(), render(rule.message(), values)))
                .toList();
    }

    // ---- the checks ------------------------------------------------------------------------

    private static List<Map<String, String>> columnExists(DdlRule rule, Subject subject) {
        String name = column(rule, subject);
        return subject.table().column(name).isEmpty() ? List.of(Map.of("column", name)) : List.of();
    }

    private static List<Map<String, String>> columnType(DdlRule rule, Subject subject) {
        return subject
                .table()
                .column(column(rule, subject))
                .filter(column -> !hasFamily(column.type(), rule.typeFamilies()))
                .map(DdlChecks::columnAndType)
                .stream()
                .toList();
    }

    private static List<Map<String, String>> physicalColumnsOnly(DdlRule rule, Subject subject) {
        List<String> columns =
                subject.table().columns().stream()
                        .filter(column -> !column.physical())
                        .map(Column::name)
                        .toList();
        return columns.isEmpty()
                ? List.of()
                : List.of(Map.of("columns", String.join(", ", columns)));
    }

    private static List<Map<String, String>> primaryKeyIncludes(DdlRule rule, Subject subject) {
        List<String> primaryKey = subject.table().primaryKey();
        return primaryKey.contains(subject.idColumn())
                ? List.of()
                : List.of(Map.of("primaryKey", describe(primaryKey)));
    }

    private static List<Map<String, String>> primaryKeyIsIdAndPartitionKey(
            DdlRule rule, Subject subject) {
        TableDefinition table = subject.table();
        String id = subject.idColumn();
        List<String> keyColumns = table.primaryKeyColumnsBeyond(id);
        if (!table.primaryKey().contains(id)
                || table.partitionedBy().isEmpty()
                || keyColumns.isEmpty()
                || new HashSet<>(keyColumns).equals(new HashSet<>(table.partitionedBy()))) {
            return List.of();
        }
        String expected =
                "PRIMARY KEY (%1$s) NOT ENFORCED or PRIMARY KEY (%1$s, %2$s) NOT ENFORCED"
                        .formatted(id, String.join(", ", table.partitionedBy()));
        return List.of(
                Map.of(
                        "primaryKey", describe(table.primaryKey()),
                        "partitionKey", describe(table.partitionedBy()),
                        "expected", expected));
    }

    private static List<Map<String, String>> partitionedByRequired(DdlRule rule, Subject subject) {
        boolean on =
                rule.whenOption()
                        .flatMap(option -> OptionValues.effective(subject.options(), option))
                        .orElse(false);
        return on && subject.table().partitionedBy().isEmpty()
                ? List.of(Map.of("option", rule.whenOption().get().key()))
                : List.of();
    }

    private static List<Map<String, String>> partitionKeyMaxColumns(DdlRule rule, Subject subject) {
        List<String> partitionKey = subject.table().partitionKeyColumns(subject.idColumn());
        int max = rule.maxColumns().orElseThrow();
        return partitionKey.size() <= max
                ? List.of()
                : List.of(
                        Map.of(
                                "partitionKey", describe(partitionKey),
                                "count", Integer.toString(partitionKey.size()),
                                "max", Integer.toString(max)));
    }

    private static List<Map<String, String>> partitionKeyColumnTypes(
            DdlRule rule, Subject subject) {
        TableDefinition table = subject.table();
        return table.partitionKeyColumns(subject.idColumn()).stream()
                .map(table::column)
                .flatMap(Optional::stream)
                .filter(column -> !hasFamily(column.type(), rule.typeFamilies()))
                .map(DdlChecks::columnAndType)
                .toList();
    }

    // ---- helpers ---------------------------------------------------------------------------

    /** The column a column check is about: the rule's, or the id column. */
    private static String column(DdlRule rule, Subject subject) {
        return rule.column().orElse(subject.idColumn());
    }

    private static Map<String, String> columnAndType(Column column) {
        return Map.of("column", column.name(), "type", column.type().asSummaryString());
    }

    private static boolean hasFamily(LogicalType type, List<String> families) {
        return families.stream()
                .anyMatch(
                        family ->
                                family.equals("boolean")
                                        // BOOLEAN is a type root in Flink, not a family.
                                        ? type.is(LogicalTypeRoot.BOOLEAN)
                                        : type.is(
                                                LogicalTypeFamily.valueOf(
                                                        family.toUpperCase(Locale.ROOT)
                                                                .replace('-', '_'))));
    }

    /** {@code (id, pk)}, or {@code not declared} for no columns. */
    private static String describe(List<String> columns) {
        return columns.isEmpty() ? "not declared" : "(%s)".formatted(String.join(", ", columns));
    }

    private static String render(String template, Map<String, String> values) {
        Matcher placeholder = PLACEHOLDER.matcher(template);
        return placeholder.replaceAll(
                match ->
                        Matcher.quoteReplacement(
                                values.getOrDefault(match.group(1), match.group())));
    }
}
