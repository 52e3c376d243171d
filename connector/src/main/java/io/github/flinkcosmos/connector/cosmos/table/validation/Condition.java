package io.github.flinkcosmos.connector.cosmos.table.validation;

import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

import java.util.Map;
import java.util.Objects;

/**
 * "Option {@code option} has the value {@code value}", compared as Flink reads both, so {@code
 * 'KEY'} matches an enum value {@code key} and an unset option matches its default.
 *
 * @param value the value as the spec writes it
 */
@Internal
public record Condition(ConfigOption<?> option, String value) {

    public Condition {
        Objects.requireNonNull(option, "option");
        Objects.requireNonNull(value, "value");
    }

    /** Whether the table's options meet the condition; an unreadable value meets none. */
    boolean holds(Map<String, String> options) {
        return OptionValues.effective(options, option)
                .map(
                        actual ->
                                actual.equals(
                                        Configuration.fromMap(Map.of(option.key(), value))
                                                .get(option)))
                .orElse(false);
    }

    /** The option's value as the user sees it: as written, or its default when unset. */
    String describeActual(Map<String, String> options) {
        String raw = options.get(option.key());
        if (raw != null) {
            return "'%s'".formatted(raw);
        }
        return option.hasDefaultValue()
                ? "'%s' (its default)".formatted(option.defaultValue())
                : "not set";
    }
}
