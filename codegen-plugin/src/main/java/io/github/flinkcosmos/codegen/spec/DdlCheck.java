package io.github.flinkcosmos.codegen.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The vocabulary of DDL checks the generator can turn into code. Each check offers a fixed set of
 * placeholders its message may use, such as {@code {primaryKey}}.
 */
public enum DdlCheck {
    /** The table has the column. */
    COLUMN_EXISTS(List.of("column")),
    /** The column, when present, has a type of one of the families. */
    COLUMN_TYPE(List.of("column", "type")),
    /** Every column is physical. */
    PHYSICAL_COLUMNS_ONLY(List.of("columns")),
    /** The PRIMARY KEY exists and includes the id column. */
    PRIMARY_KEY_INCLUDES(List.of("primaryKey")),
    /** The PRIMARY KEY is (id) or (id, all PARTITIONED BY columns). */
    PRIMARY_KEY_IS_ID_AND_PARTITION_KEY(List.of("primaryKey", "partitionKey", "expected")),
    /** A PARTITIONED BY clause exists when a boolean option is true. */
    PARTITIONED_BY_REQUIRED(List.of("option")),
    /** The partition key has at most so many columns. */
    PARTITION_KEY_MAX_COLUMNS(List.of("partitionKey", "count", "max")),
    /** Every partition key column has a type of one of the families. */
    PARTITION_KEY_COLUMN_TYPES(List.of("column", "type"));

    private final List<String> placeholders;

    DdlCheck(List<String> placeholders) {
        this.placeholders = List.copyOf(placeholders);
    }

    /** The names a message of this check may write in braces. */
    public List<String> placeholders() {
        return placeholders;
    }

    /** The spec's name, for example {@code column-exists}. */
    public String specName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static DdlCheck fromSpecName(String specName) {
        return Arrays.stream(values())
                .filter(check -> check.specName().equals(specName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown check " + specName));
    }
}
