package io.github.flinkcosmos.connector.cosmos.table.validation;

import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * "Option {@code option} has the value {@code value}" (or one of several), compared as Flink reads
 * both, so {@code 'KEY'} matches an enum value {@code key} and an unset option matches its default.
 *
 * @param values the values as the spec writes them; the condition holds for any of them
 */
@Internal
public record Condition(ConfigOption<?> option, List<String> values) {

    public Condition {
        Objects.requireNonNull(option, "option");
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("A condition needs at least one value");
        }
    }

    public Condition(ConfigOption<?> option, String... values) {
        this(option, List.of(values));
    }

    /** Whether the table's options meet the condition; an unreadable value meets none. */
    boolean holds(Map<String, String> options) {
        return OptionValues.effective(options, option)
                .map(
                        actual ->
                                values.stream()
                                        .anyMatch(
                                                value ->
                                                        actual.equals(
                                                                Configuration.fromMap(
                                                                                Map.of(
                                                                                        option
                                                                                                .key(),
                                                                                        value))
                                                                        .get(option))))
                .orElse(false);
    }

    /** The values for a message: {@code 'a'}, or {@code one of 'a', 'b'}. */
    String describeValues() {
        String quoted = values.stream().map("'%s'"::formatted).collect(Collectors.joining(", "));
        return values.size() == 1 ? quoted : "one of " + quoted;
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
