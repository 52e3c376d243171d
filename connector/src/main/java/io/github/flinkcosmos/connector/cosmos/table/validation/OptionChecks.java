package io.github.flinkcosmos.connector.cosmos.table.validation;

import org.apache.flink.configuration.ConfigOption;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks one option's value against its rule: presence, a value Flink can read, range and format,
 * then the rules that relate it to other options.
 */
final class OptionChecks {

    private OptionChecks() {}

    static void check(OptionRule rule, Map<String, String> options, List<Violation> found) {
        String raw = options.get(rule.key());
        boolean required =
                rule.isRequired()
                        || rule.requiredWhen().map(when -> when.holds(options)).orElse(false);
        if (required && (raw == null || raw.isBlank())) {
            found.add(
                    rule.isRequired()
                            ? Violation.missingOption(rule)
                            : Violation.requiredWhen(
                                    rule,
                                    rule.requiredWhen().get(),
                                    options.containsKey(rule.requiredWhen().get().option().key())));
            return;
        }
        if (raw != null) {
            checkValue(rule, raw, required, options, found);
        }
        rule.notLessThan().ifPresent(other -> checkNotLessThan(rule, other, options, found));
        if (raw == null) {
            return;
        }
        rule.allowedOnlyWhen()
                .filter(when -> !when.holds(options))
                .ifPresent(
                        when ->
                                found.add(
                                        Violation.allowedOnlyWhen(
                                                rule, raw, when, when.describeActual(options))));
        for (ConfigOption<?> other : rule.conflictsWith()) {
            if (options.containsKey(other.key())) {
                found.add(Violation.conflict(rule, raw, other.key()));
            }
        }
    }

    /** A set value parses as Flink reads it, and fits range, pattern and format. */
    private static void checkValue(
            OptionRule rule,
            String raw,
            boolean required,
            Map<String, String> options,
            List<Violation> found) {
        if (rule.type() == ValueType.STRING) {
            boolean broken =
                    (!required && raw.isBlank())
                            || (!rule.urlSchemes().isEmpty()
                                    && !OptionValues.isUrl(raw, rule.urlSchemes()))
                            || (rule.isCommaSeparatedList()
                                    && !OptionValues.isCommaSeparatedList(raw))
                            || rule.pattern().filter(p -> !p.matcher(raw).matches()).isPresent();
            if (broken) {
                found.add(Violation.badOption(rule, raw));
            }
            return;
        }
        // Flink's own message quotes the value; ours does not when it is sensitive.
        Optional<?> value = OptionValues.parse(options, rule.option());
        if (value.isEmpty()) {
            found.add(Violation.badOption(rule, raw));
        } else if (value.get() instanceof Number number && outOfRange(rule, number)) {
            found.add(Violation.badOption(rule, raw));
        }
    }

    private static boolean outOfRange(OptionRule rule, Number value) {
        // Flink reads "NaN" and "Infinity" as doubles, and NaN fails no comparison.
        return (value instanceof Double number && !Double.isFinite(number))
                || rule.min().filter(min -> OptionValues.lessThan(value, min)).isPresent()
                || rule.max().filter(max -> OptionValues.lessThan(max, value)).isPresent();
    }

    /** Compared as effective values, so a default that falls below a set bound is caught too. */
    private static void checkNotLessThan(
            OptionRule rule,
            ConfigOption<?> other,
            Map<String, String> options,
            List<Violation> found) {
        Optional<?> effective = OptionValues.effective(options, rule.option());
        Optional<?> bound = OptionValues.effective(options, other);
        if (effective.isPresent()
                && bound.isPresent()
                && OptionValues.lessThan((Number) effective.get(), (Number) bound.get())) {
            found.add(
                    Violation.lessThanOption(
                            rule,
                            effective.get(),
                            options.containsKey(rule.key()),
                            other.key(),
                            bound.get()));
        }
    }
}
