package io.github.flinkcosmos.connector.cosmos.table.validation;

import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A rule the table's DDL must satisfy: which check of {@link DdlChecks} runs, with what parameters,
 * and the message it reports. Like {@link OptionRule}, each method returns a copy with one more
 * parameter.
 *
 * @param check the check's spec name, for example {@code column-exists}
 * @param message the error text, with the check's placeholders in braces, such as {@code {column}}
 * @param typeFamilies spec names of the allowed type families, for example {@code numeric}
 * @param whenOption a boolean option that turns the check on
 */
@Internal
public record DdlRule(
        String id,
        String check,
        String message,
        Optional<String> column,
        List<String> typeFamilies,
        Optional<ConfigOption<Boolean>> whenOption,
        OptionalInt maxColumns) {

    public DdlRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(message, "message");
        typeFamilies = List.copyOf(typeFamilies);
    }

    public static DdlRule constraint(String id, String check, String message) {
        return new DdlRule(
                id,
                check,
                message,
                Optional.empty(),
                List.of(),
                Optional.empty(),
                OptionalInt.empty());
    }

    public DdlRule column(String name) {
        return new DdlRule(
                id, check, message, Optional.of(name), typeFamilies, whenOption, maxColumns);
    }

    public DdlRule typeFamilies(String... families) {
        return new DdlRule(id, check, message, column, List.of(families), whenOption, maxColumns);
    }

    public DdlRule whenOption(ConfigOption<Boolean> option) {
        return new DdlRule(
                id, check, message, column, typeFamilies, Optional.of(option), maxColumns);
    }

    public DdlRule maxColumns(int max) {
        return new DdlRule(
                id, check, message, column, typeFamilies, whenOption, OptionalInt.of(max));
    }
}
