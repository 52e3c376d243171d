package io.github.flinkcosmos.codegen.load;

import io.github.flinkcosmos.codegen.spec.OptionSpec;
import io.github.flinkcosmos.codegen.spec.OptionType;
import io.github.flinkcosmos.codegen.spec.Redaction;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One option on its own: enum values, a default that fits the option, and sensitive values that
 * someone masks.
 */
final class OptionRules {

    private OptionRules() {}

    static void check(RuleContext context) {
        List<OptionSpec> options = context.spec().options();
        for (int i = 0; i < options.size(); i++) {
            checkOption(context, options.get(i), SpecPath.of("options", i));
        }
    }

    private static void checkOption(RuleContext context, OptionSpec option, SpecPath path) {
        String key = option.key();
        checkEnumValues(context, option, path);
        checkSensitivity(context, option, path);
        if (option.required() && option.defaultValue().isPresent()) {
            context.report(
                    path.field("default"),
                    "required option '%s' has a default; drop the default or make the option optional"
                            .formatted(key));
        }
        if (option.defaultValue().isPresent() && option.defaultDescription().isPresent()) {
            context.report(
                    path.field("default-description"),
                    """
                    option '%s' has both a default and a default-description; the docs show the \
                    default, so drop the description"""
                            .formatted(key));
        }
        option.defaultValue()
                .ifPresent(
                        value ->
                                SpecValues.problemWithValue(option, value)
                                        .ifPresent(
                                                problem ->
                                                        context.report(
                                                                path.field("default"),
                                                                "default '%s' of option '%s' %s"
                                                                        .formatted(
                                                                                value, key,
                                                                                problem))));
    }

    private static void checkEnumValues(RuleContext context, OptionSpec option, SpecPath path) {
        if (option.type() == OptionType.ENUM && option.values().isEmpty()) {
            context.report(
                    path.field("type"),
                    "enum option '%s' needs a 'values' list of its values".formatted(option.key()));
        }
        if (option.type() != OptionType.ENUM && !option.values().isEmpty()) {
            context.report(
                    path.field("values"),
                    "only enum options have 'values'; option '%s' has type %s"
                            .formatted(option.key(), option.type().specName()));
        }
        if (option.type() != OptionType.ENUM && option.enumClass().isPresent()) {
            context.report(
                    path.field("enum-class"),
                    "only enum options have an 'enum-class'; option '%s' has type %s"
                            .formatted(option.key(), option.type().specName()));
        }
        Set<String> seen = new HashSet<>();
        for (int v = 0; v < option.values().size(); v++) {
            String name = option.values().get(v).name();
            if (!seen.add(name)) {
                context.report(
                        path.field("values").index(v).field("name"),
                        "duplicate value '%s' of enum option '%s'".formatted(name, option.key()));
            }
        }
    }

    private static void checkSensitivity(RuleContext context, OptionSpec option, SpecPath path) {
        String key = option.key();
        boolean flinkMasks = FlinkMasking.masks(key);
        String words = String.join(", ", FlinkMasking.SENSITIVE_WORDS);
        Optional<Redaction> redaction = option.redaction();
        if (!option.sensitive()) {
            if (redaction.isPresent()) {
                context.report(
                        path.field("redaction"),
                        """
                        option '%s' declares a redaction but is not sensitive; add \
                        'sensitive: true' or drop 'redaction'"""
                                .formatted(key));
            }
            return;
        }
        if (option.defaultValue().isPresent()) {
            context.report(
                    path.field("default"),
                    "sensitive option '%s' must not have a default".formatted(key));
        }
        if (redaction.isEmpty() && !flinkMasks) {
            context.report(
                    path.field("sensitive"),
                    """
                    sensitive option '%s' is not masked by Flink, which masks only keys containing \
                    one of: %s. Add 'redaction: connector' to declare that the connector keeps the \
                    value out of messages, logs and plans itself (the generated validator never \
                    quotes it, and SENSITIVE_OPTIONS lists it for the connector to redact), or \
                    rename the key to contain one of those words"""
                            .formatted(key, words));
        } else if (redaction.isEmpty()) {
            context.report(
                    path.field("sensitive"),
                    "sensitive option '%s' needs 'redaction: flink' to record that Flink masks its value"
                            .formatted(key));
        } else if (redaction.get() == Redaction.FLINK && !flinkMasks) {
            context.report(
                    path.field("redaction"),
                    """
                    option '%s' says Flink masks it, but Flink masks only keys containing one of: \
                    %s; use 'redaction: connector'"""
                            .formatted(key, words));
        }
    }
}
