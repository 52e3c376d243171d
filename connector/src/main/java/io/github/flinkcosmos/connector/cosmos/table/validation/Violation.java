package io.github.flinkcosmos.connector.cosmos.table.validation;

import org.apache.flink.annotation.Internal;

import java.util.Objects;

/**
 * One broken rule.
 *
 * @param rule the option key or the DDL constraint id
 * @param message what is wrong and what to write instead; never contains a sensitive value
 */
@Internal
public record Violation(String rule, String message) {

    private static final String NOT_SHOWN = "(not shown: the option is sensitive)";

    public Violation {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }

    static Violation missingOption(OptionRule rule) {
        return new Violation(
                rule.key(),
                "Option '%s' is required but not set. Set it to %s."
                        .formatted(rule.key(), allowedWithExample(rule)));
    }

    static Violation badOption(OptionRule rule, String raw) {
        String value =
                rule.isSensitive()
                        ? "has a value that is not allowed %s".formatted(NOT_SHOWN)
                        : "is '%s'".formatted(abbreviate(raw));
        return new Violation(
                rule.key(),
                "Option '%s' %s, but it must be %s.".formatted(rule.key(), value, rule.allowed()));
    }

    static Violation lessThanOption(
            OptionRule rule, Object value, boolean set, String boundKey, Object bound) {
        return new Violation(
                rule.key(),
                """
                Option '%1$s' is %2$s%3$s, but it must not be less than '%4$s', which is %5$s. \
                Set '%1$s' to at least %5$s."""
                        .formatted(
                                rule.key(), value, set ? "" : " (its default)", boundKey, bound));
    }

    /**
     * @param conditionSet whether the user set the condition's option, or its default holds
     */
    static Violation requiredWhen(OptionRule rule, Condition when, boolean conditionSet) {
        return new Violation(
                rule.key(),
                """
                Option '%1$s' is required when '%2$s' is %3$s%4$s, but it is not set. Set \
                '%1$s' to %5$s, or set '%2$s' to another value."""
                        .formatted(
                                rule.key(),
                                when.option().key(),
                                when.describeValues(),
                                conditionSet ? "" : " (its default)",
                                allowedWithExample(rule)));
    }

    static Violation allowedOnlyWhen(OptionRule rule, String raw, Condition when, String actual) {
        return new Violation(
                rule.key(),
                """
                Option '%1$s' %2$s, but it is only allowed when '%3$s' is %4$s, and '%3$s' is \
                %5$s. Remove '%1$s', or set '%3$s' to %4$s."""
                        .formatted(
                                rule.key(),
                                shown(rule, raw),
                                when.option().key(),
                                when.describeValues(),
                                actual));
    }

    static Violation conflict(OptionRule rule, String raw, String otherKey) {
        return new Violation(
                rule.key(),
                """
                Option '%1$s' %2$s, but it cannot be used together with '%3$s', which is set \
                too. Remove '%1$s' or '%3$s'."""
                        .formatted(rule.key(), shown(rule, raw), otherKey));
    }

    private static String shown(OptionRule rule, String raw) {
        return rule.isSensitive()
                ? "is set %s".formatted(NOT_SHOWN)
                : "is '%s'".formatted(abbreviate(raw));
    }

    private static String allowedWithExample(OptionRule rule) {
        return rule.allowed() + rule.example().map(", for example '%s'"::formatted).orElse("");
    }

    /** Long values are cut, so a message stays one readable line. */
    private static String abbreviate(String value) {
        return value.length() <= 80 ? value : "%s...".formatted(value.substring(0, 77));
    }
}
