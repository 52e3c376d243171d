package io.github.flinkcosmos.codegen.load;

import io.github.flinkcosmos.codegen.spec.OptionCondition;
import io.github.flinkcosmos.codegen.spec.OptionSpec;
import io.github.flinkcosmos.codegen.spec.OptionValidation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Rules that relate an option to another: {@code not-less-than}, {@code required-when}, {@code
 * allowed-only-when} and {@code conflicts-with} name an existing option other than their own, with
 * a value it accepts, and can hold at all.
 */
final class CrossOptionRules {

    private CrossOptionRules() {}

    static void check(RuleContext context) {
        List<OptionSpec> options = context.spec().options();
        for (int i = 0; i < options.size(); i++) {
            OptionSpec option = options.get(i);
            OptionValidation validation = option.validation();
            SpecPath path = SpecPath.of("options", i, "validation");
            validation
                    .notLessThan()
                    .ifPresent(
                            other ->
                                    checkNotLessThan(
                                            context, option, other, path.field("not-less-than")));
            validation
                    .requiredWhen()
                    .ifPresent(
                            when ->
                                    checkRequiredWhen(
                                            context, option, when, path.field("required-when")));
            validation
                    .allowedOnlyWhen()
                    .ifPresent(
                            when ->
                                    checkAllowedOnlyWhen(
                                            context,
                                            option,
                                            when,
                                            path.field("allowed-only-when")));
            for (int c = 0; c < validation.conflictsWith().size(); c++) {
                checkConflict(
                        context,
                        option,
                        validation.conflictsWith().get(c),
                        path.field("conflicts-with").index(c));
            }
        }
    }

    private static void checkNotLessThan(
            RuleContext context, OptionSpec option, String otherKey, SpecPath path) {
        Optional<OptionSpec> found = context.requireOption(otherKey, path);
        if (found.isEmpty()) {
            return;
        }
        OptionSpec other = found.get();
        if (option.sensitive() || other.sensitive()) {
            context.report(
                    path,
                    "'not-less-than' cannot relate sensitive options: its message quotes both values");
        } else if (other.type() != option.type()) {
            context.report(
                    path,
                    "option '%s' (%s) cannot be compared with '%s' (%s); both must have the same numeric type"
                            .formatted(
                                    option.key(),
                                    option.type().specName(),
                                    otherKey,
                                    other.type().specName()));
        } else if (option.defaultValue().isPresent() && other.defaultValue().isPresent()) {
            Optional<BigDecimal> value = SpecValues.decimal(option.defaultValue().get());
            Optional<BigDecimal> bound = SpecValues.decimal(other.defaultValue().get());
            if (value.isPresent() && bound.isPresent() && value.get().compareTo(bound.get()) < 0) {
                context.report(
                        path,
                        """
                        the default of '%s' (%s) is less than the default of '%s' (%s), so the \
                        defaults break this rule"""
                                .formatted(
                                        option.key(),
                                        option.defaultValue().get(),
                                        otherKey,
                                        other.defaultValue().get()));
            }
        }
    }

    private static void checkRequiredWhen(
            RuleContext context, OptionSpec option, OptionCondition when, SpecPath path) {
        if (option.required()) {
            context.report(
                    path,
                    "option '%s' is already required; drop 'required-when' or 'required: true'"
                            .formatted(option.key()));
        } else if (option.defaultValue().isPresent()) {
            context.report(
                    path,
                    "option '%s' has a default, so it is never missing; drop 'required-when' or the default"
                            .formatted(option.key()));
        }
        checkCondition(context, option, when, path);
    }

    private static void checkAllowedOnlyWhen(
            RuleContext context, OptionSpec option, OptionCondition when, SpecPath path) {
        if (option.required()) {
            context.report(
                    path,
                    """
                    required option '%s' must always be set, so it cannot be allowed only when \
                    '%s' is %s; drop 'required: true' or 'allowed-only-when'"""
                            .formatted(option.key(), when.option(), when.describeValues("'")));
        }
        checkCondition(context, option, when, path);
    }

    /** The condition names another, non-sensitive option and a value that option accepts. */
    private static void checkCondition(
            RuleContext context, OptionSpec option, OptionCondition when, SpecPath path) {
        SpecPath optionPath = path.field("option");
        if (when.option().equals(option.key())) {
            context.report(
                    optionPath,
                    "option '%s' cannot depend on itself; name another option"
                            .formatted(option.key()));
            return;
        }
        Optional<OptionSpec> found = context.requireOption(when.option(), optionPath);
        if (found.isEmpty()) {
            return;
        }
        OptionSpec other = found.get();
        if (other.sensitive()) {
            context.report(
                    optionPath,
                    "option '%s' cannot depend on sensitive option '%s': its messages quote that value"
                            .formatted(option.key(), other.key()));
            return;
        }
        for (int v = 0; v < when.equals().size(); v++) {
            String value = when.equals().get(v);
            SpecPath valuePath =
                    when.equals().size() == 1
                            ? path.field("equals")
                            : path.field("equals").index(v);
            SpecValues.problemWithValue(other, value)
                    .ifPresent(
                            problem ->
                                    context.report(
                                            valuePath,
                                            "value '%s' of option '%s' %s"
                                                    .formatted(value, other.key(), problem)));
        }
    }

    private static void checkConflict(
            RuleContext context, OptionSpec option, String otherKey, SpecPath path) {
        if (otherKey.equals(option.key())) {
            context.report(
                    path,
                    "option '%s' cannot conflict with itself; name another option"
                            .formatted(option.key()));
            return;
        }
        Optional<OptionSpec> found = context.requireOption(otherKey, path);
        if (found.isEmpty()) {
            return;
        }
        OptionSpec other = found.get();
        if (option.required() || other.required()) {
            OptionSpec required = option.required() ? option : other;
            context.report(
                    path,
                    """
                    option '%s' is required, so '%s' and '%s' would always conflict; drop \
                    'conflicts-with' or 'required: true'"""
                            .formatted(required.key(), option.key(), otherKey));
        }
        if (other.validation().conflictsWith().contains(option.key())
                && context.spec().options().indexOf(other)
                        < context.spec().options().indexOf(option)) {
            context.report(
                    path,
                    "'%s' already declares that it conflicts with '%s'; declare each pair once"
                            .formatted(otherKey, option.key()));
        }
    }
}
