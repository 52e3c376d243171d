package io.github.flinkcosmos.connector.cosmos.table.validation;

import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * What the spec says one option's value must be. A rule starts as {@link #option} and each method
 * returns a copy with one more constraint, so a generated table reads like the spec entry.
 *
 * @param isSensitive whether the value is kept out of every message
 * @param allowed the values the option accepts, in words; every message about it ends with this
 * @param example a value to suggest when the option is missing
 * @param min inclusive lower bound, of the option's own Java type
 * @param max inclusive upper bound, of the option's own Java type
 * @param notLessThan a numeric option of the same type this value must not be less than
 * @param requiredWhen the option must be set while this condition holds
 * @param allowedOnlyWhen the option may only be set while this condition holds
 * @param conflictsWith options that must not be set together with this one
 */
@Internal
public record OptionRule(
        ConfigOption<?> option,
        ValueType type,
        String allowed,
        boolean isRequired,
        boolean isSensitive,
        Optional<String> example,
        Optional<Number> min,
        Optional<Number> max,
        Optional<Pattern> pattern,
        List<String> urlSchemes,
        boolean isCommaSeparatedList,
        Optional<ConfigOption<?>> notLessThan,
        Optional<Condition> requiredWhen,
        Optional<Condition> allowedOnlyWhen,
        List<ConfigOption<?>> conflictsWith) {

    public OptionRule {
        Objects.requireNonNull(option, "option");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(allowed, "allowed");
        urlSchemes = List.copyOf(urlSchemes);
        conflictsWith = List.copyOf(conflictsWith);
    }

    /** An optional option of this type that any readable value satisfies. */
    public static OptionRule option(ConfigOption<?> option, ValueType type, String allowed) {
        return new OptionRule(
                option,
                type,
                allowed,
                false,
                false,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                false,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of());
    }

    public String key() {
        return option.key();
    }

    public OptionRule required() {
        return copy(rule -> rule.required = true);
    }

    /** Keeps the value out of every message. */
    public OptionRule sensitive() {
        return copy(rule -> rule.sensitive = true);
    }

    public OptionRule example(String example) {
        return copy(rule -> rule.example = Optional.of(example));
    }

    public OptionRule min(Number min) {
        return copy(rule -> rule.min = Optional.of(min));
    }

    public OptionRule max(Number max) {
        return copy(rule -> rule.max = Optional.of(max));
    }

    /** The whole value must match this regular expression. */
    public OptionRule pattern(String regex) {
        return copy(rule -> rule.pattern = Optional.of(Pattern.compile(regex)));
    }

    /** The value is an absolute URL with a host and one of these schemes. */
    public OptionRule urlSchemes(String... schemes) {
        return copy(rule -> rule.urlSchemes = List.of(schemes));
    }

    /** The value is a comma-separated list of non-blank items. */
    public OptionRule commaSeparatedList() {
        return copy(rule -> rule.commaSeparatedList = true);
    }

    /** The effective value, default included, is not less than that of {@code other}. */
    public OptionRule notLessThan(ConfigOption<?> other) {
        return copy(rule -> rule.notLessThan = Optional.of(other));
    }

    /** Required while {@code other} has one of these values. */
    public OptionRule requiredWhen(ConfigOption<?> other, String... values) {
        return copy(rule -> rule.requiredWhen = Optional.of(new Condition(other, values)));
    }

    /** Allowed only while {@code other} has one of these values. */
    public OptionRule allowedOnlyWhen(ConfigOption<?> other, String... values) {
        return copy(rule -> rule.allowedOnlyWhen = Optional.of(new Condition(other, values)));
    }

    public OptionRule conflictsWith(ConfigOption<?> other) {
        return copy(rule -> rule.conflictsWith.add(other));
    }

    private OptionRule copy(Consumer<Draft> change) {
        Draft draft = new Draft(this);
        change.accept(draft);
        return draft.build();
    }

    /** The mutable state of one copy while it is made. */
    private static final class Draft {
        private final ConfigOption<?> option;
        private final ValueType type;
        private final String allowed;
        private boolean required;
        private boolean sensitive;
        private Optional<String> example;
        private Optional<Number> min;
        private Optional<Number> max;
        private Optional<Pattern> pattern;
        private List<String> urlSchemes;
        private boolean commaSeparatedList;
        private Optional<ConfigOption<?>> notLessThan;
        private Optional<Condition> requiredWhen;
        private Optional<Condition> allowedOnlyWhen;
        private final List<ConfigOption<?>> conflictsWith;

        Draft(OptionRule rule) {
            option = rule.option;
            type = rule.type;
            allowed = rule.allowed;
            required = rule.isRequired;
            sensitive = rule.isSensitive;
            example = rule.example;
            min = rule.min;
            max = rule.max;
            pattern = rule.pattern;
            urlSchemes = rule.urlSchemes;
            commaSeparatedList = rule.isCommaSeparatedList;
            notLessThan = rule.notLessThan;
            requiredWhen = rule.requiredWhen;
            allowedOnlyWhen = rule.allowedOnlyWhen;
            conflictsWith = new ArrayList<>(rule.conflictsWith);
        }

        OptionRule build() {
            return new OptionRule(
                    option,
                    type,
                    allowed,
                    required,
                    sensitive,
                    example,
                    min,
                    max,
                    pattern,
                    urlSchemes,
                    commaSeparatedList,
                    notLessThan,
                    requiredWhen,
                    allowedOnlyWhen,
                    conflictsWith);
        }
    }
}
