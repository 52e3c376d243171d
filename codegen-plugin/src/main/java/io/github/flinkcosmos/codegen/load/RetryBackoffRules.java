package io.github.flinkcosmos.codegen.load;

import io.github.flinkcosmos.codegen.spec.OptionType;
import io.github.flinkcosmos.codegen.spec.RetryBackoff;

import java.util.Set;

/** The retry-backoff section names existing options of the types the writer reads. */
final class RetryBackoffRules {

    private RetryBackoffRules() {}

    static void check(RuleContext context) {
        RetryBackoff backoff = context.spec().retryBackoff();
        SpecPath path = SpecPath.of("retry-backoff");
        Set<OptionType> whole = Set.of(OptionType.INTEGER, OptionType.LONG);
        context.requireOptionOfType(
                backoff.maxAttemptsKey(), path.field("max-attempts"), Set.of(OptionType.INTEGER));
        context.requireOptionOfType(backoff.initialDelayKey(), path.field("initial-delay"), whole);
        context.requireOptionOfType(backoff.maxDelayKey(), path.field("max-delay"), whole);
        context.requireOptionOfType(
                backoff.multiplierKey(), path.field("multiplier"), Set.of(OptionType.DOUBLE));
    }
}
