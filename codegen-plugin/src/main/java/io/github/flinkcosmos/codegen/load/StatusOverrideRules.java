package io.github.flinkcosmos.codegen.load;

import io.github.flinkcosmos.codegen.spec.StatusClass;
import io.github.flinkcosmos.codegen.spec.StatusClassification;
import io.github.flinkcosmos.codegen.spec.StatusOverride;
import io.github.flinkcosmos.codegen.spec.StatusRule;

import java.util.List;

/**
 * Overrides per operation name a kind the connector has, FALLBACK only where an operation has a
 * fallback (and has an effect to document), no status is overridden twice for one operation, and
 * the table's own rules never say FALLBACK, which depends on the operation.
 */
final class StatusOverrideRules {

    private StatusOverrideRules() {}

    static void check(RuleContext context) {
        StatusClassification classification = context.spec().statusClassification();
        List<StatusRule> rules = classification.rules();
        for (int r = 0; r < rules.size(); r++) {
            if (rules.get(r).statusClass() == StatusClass.FALLBACK) {
                context.report(
                        SpecPath.of("status-classification", "rules", r, "class"),
                        "FALLBACK depends on the operation; give it in operation-overrides");
            }
        }
        if (classification.defaultClass() == StatusClass.FALLBACK) {
            context.report(
                    SpecPath.of("status-classification", "default"),
                    "FALLBACK depends on the operation; give it in operation-overrides");
        }
        List<StatusOverride> overrides = classification.overrides();
        for (int o = 0; o < overrides.size(); o++) {
            StatusOverride override = overrides.get(o);
            SpecPath path = SpecPath.of("status-classification", "operation-overrides", o);
            if (!StatusOverride.OPERATIONS.contains(override.operation())) {
                context.report(
                        path.field("operation"),
                        "unknown operation '%s'; the connector's operations are %s"
                                .formatted(
                                        override.operation(),
                                        String.join(", ", StatusOverride.OPERATIONS)));
            }
            if (override.statusClass() == StatusClass.FALLBACK) {
                if (!StatusOverride.WITH_FALLBACK.contains(override.operation())) {
                    context.report(
                            path.field("class"),
                            "a %s has no fallback; FALLBACK applies to %s only"
                                    .formatted(
                                            override.operation(),
                                            String.join(" and ", StatusOverride.WITH_FALLBACK)));
                }
                if (!classification.effects().containsKey(StatusClass.FALLBACK)) {
                    context.report(
                            path.field("class"),
                            "FALLBACK is used, so status-classification.effects needs a FALLBACK"
                                    + " entry for the docs");
                }
            }
            for (int earlier = 0; earlier < o; earlier++) {
                StatusOverride other = overrides.get(earlier);
                if (other.operation().equals(override.operation()) && overlaps(other, override)) {
                    context.report(
                            path.field("codes"),
                            "status %s of a %s is already overridden by operation-overrides[%d]"
                                            .formatted(
                                                    override.codes().get(0),
                                                    override.operation(),
                                                    earlier)
                                    + " (line %d); give each status one override"
                                            .formatted(
                                                    context.yaml()
                                                            .lineOf(
                                                                    SpecPath.of(
                                                                            "status-classification",
                                                                            "operation-overrides",
                                                                            earlier))));
                }
            }
        }
    }

    private static boolean overlaps(StatusOverride a, StatusOverride b) {
        boolean subStatuses =
                a.subStatus().isEmpty()
                        || b.subStatus().isEmpty()
                        || a.subStatus().equals(b.subStatus());
        return subStatuses
                && a.codes().stream().anyMatch(x -> b.codes().stream().anyMatch(x::overlaps));
    }
}
