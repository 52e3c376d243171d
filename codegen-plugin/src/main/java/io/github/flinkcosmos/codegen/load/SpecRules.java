package io.github.flinkcosmos.codegen.load;

import io.github.flinkcosmos.codegen.spec.ConnectorSpec;

import java.util.List;
import java.util.function.Consumer;

/**
 * The rules a spec must follow that the JSON Schema cannot express, because they relate one entry
 * to another or to what Flink does: unique keys, defaults that fit their own validation,
 * cross-option rules that can hold, status codes classified once, sensitive values that are masked
 * by someone. Each group of rules is a class of its own.
 */
final class SpecRules {

    private static final List<Consumer<RuleContext>> GROUPS =
            List.of(
                    OptionKeyRules::check,
                    OptionRules::check,
                    OptionValidationRules::check,
                    CrossOptionRules::check,
                    RetryBackoffRules::check,
                    StatusCodeRules::check,
                    StatusOverrideRules::check,
                    DdlConstraintRules::check,
                    UniqueNameRules::check);

    private SpecRules() {}

    static List<SpecProblem> check(ConnectorSpec spec, LocatedYaml yaml) {
        RuleContext context = new RuleContext(spec, yaml);
        GROUPS.forEach(group -> group.accept(context));
        return context.problems();
    }
}
