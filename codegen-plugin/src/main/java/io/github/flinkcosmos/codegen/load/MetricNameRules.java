package io.github.flinkcosmos.codegen.load;

import java.util.HashMap;
import java.util.Map;

/** Metric names are unique. */
final class MetricNameRules {

    private MetricNameRules() {}

    static void check(RuleContext context) {
        Map<String, Integer> firstByName = new HashMap<>();
        for (int i = 0; i < context.spec().metrics().size(); i++) {
            String name = context.spec().metrics().get(i).name();
            Integer earlier = firstByName.putIfAbsent(name, i);
            if (earlier != null) {
                context.report(
                        SpecPath.of("metrics", i, "name"),
                        "duplicate metric name '%s'; it is already used by metrics[%d]"
                                .formatted(name, earlier));
            }
        }
    }
}
