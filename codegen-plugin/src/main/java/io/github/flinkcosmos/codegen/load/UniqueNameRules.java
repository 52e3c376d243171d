package io.github.flinkcosmos.codegen.load;

import io.github.flinkcosmos.codegen.spec.MetricSpec;
import io.github.flinkcosmos.codegen.spec.ServiceLimit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Metric names are unique, and so are service limit names: each gives one constant. */
final class UniqueNameRules {

    private UniqueNameRules() {}

    static void check(RuleContext context) {
        requireUnique(
                context,
                "metrics",
                "metric",
                context.spec().metrics().stream().map(MetricSpec::name).toList());
        requireUnique(
                context,
                "service-limits",
                "service limit",
                context.spec().serviceLimits().stream().map(ServiceLimit::name).toList());
    }

    private static void requireUnique(
            RuleContext context, String section, String what, List<String> names) {
        Map<String, Integer> firstByName = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            Integer earlier = firstByName.putIfAbsent(names.get(i), i);
            if (earlier != null) {
                context.report(
                        SpecPath.of(section, i, "name"),
                        "duplicate %s name '%s'; it is already used by %s[%d]"
                                .formatted(what, names.get(i), section, earlier));
            }
        }
    }
}
