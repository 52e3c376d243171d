package io.github.flinkcosmos.codegen.load;

import io.github.flinkcosmos.codegen.spec.OptionSpec;
import io.github.flinkcosmos.codegen.spec.OptionType;
import io.github.flinkcosmos.codegen.spec.OptionValidation;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** An option's own validation fits its type: bounds for numbers, formats for strings. */
final class OptionValidationRules {

    private OptionValidationRules() {}

    static void check(RuleContext context) {
        List<OptionSpec> options = context.spec().options();
        for (int i = 0; i < options.size(); i++) {
            checkFitsType(context, options.get(i), SpecPath.of("options", i, "validation"));
        }
    }

    private static void checkFitsType(RuleContext context, OptionSpec option, SpecPath path) {
        OptionValidation validation = option.validation();
        boolean numeric = option.type().isNumeric();
        boolean string = option.type() == OptionType.STRING;
        for (var rule :
                List.of(
                        new Use("min", validation.min().isPresent(), numeric, "numeric"),
                        new Use("max", validation.max().isPresent(), numeric, "numeric"),
                        new Use(
                                "not-less-than",
                                validation.notLessThan().isPresent(),
                                numeric,
                                "numeric"),
                        new Use(
                                "url-schemes",
                                !validation.urlSchemes().isEmpty(),
                                string,
                                "string"),
                        new Use("list", validation.commaSeparatedList(), string, "string"),
                        new Use("pattern", validation.pattern().isPresent(), string, "string"))) {
            if (rule.used() && !rule.typeFits()) {
                context.report(
                        path.field(rule.field()),
                        "'%s' applies to %s options, but option '%s' has type %s"
                                .formatted(
                                        rule.field(),
                                        rule.kind(),
                                        option.key(),
                                        option.type().specName()));
            }
        }
        validation.min().ifPresent(min -> checkBound(context, option, min, path.field("min")));
        validation.max().ifPresent(max -> checkBound(context, option, max, path.field("max")));
        if (validation.min().isPresent()
                && validation.max().isPresent()
                && validation.min().get().compareTo(validation.max().get()) > 0) {
            context.report(
                    path.field("min"),
                    "min %s is greater than max %s"
                            .formatted(
                                    validation.min().get().toPlainString(),
                                    validation.max().get().toPlainString()));
        }
        validation
                .pattern()
                .ifPresent(pattern -> checkPattern(context, pattern, path.field("pattern")));
    }

    /** Whether a validation field is used, and whether the option's type admits it. */
    private record Use(String field, boolean used, boolean typeFits, String kind) {}

    /** A bound of an integer or long option is a whole number within the type's range. */
    private static void checkBound(
            RuleContext context, OptionSpec option, BigDecimal bound, SpecPath path) {
        boolean whole = option.type() == OptionType.INTEGER || option.type() == OptionType.LONG;
        if (whole && !SpecValues.fitsWholeType(option.type(), bound.toPlainString())) {
            context.report(
                    path,
                    "bound %s of %s option '%s' must be a whole number that fits its type"
                            .formatted(
                                    bound.toPlainString(), option.type().specName(), option.key()));
        }
    }

    private static void checkPattern(RuleContext context, String pattern, SpecPath path) {
        try {
            Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            context.report(
                    path, "not a valid regular expression: %s".formatted(e.getDescription()));
        }
    }
}
