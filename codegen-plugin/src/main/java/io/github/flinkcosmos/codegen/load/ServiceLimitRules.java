package io.github.flinkcosmos.codegen.load;

import java.util.HashMap;
import java.util.Map;

/** Service limit names are unique, so each has one constant. */
final class ServiceLimitRules {

    private ServiceLimitRules() {}

    static void check(RuleContext context) {
        Map<String, Integer> firstByName = new HashMap<>();
        for (int i = 0; i < context.spec().serviceLimits().size(); i++) {
            String name = context.spec().serviceLimits().get(i).name();
            Integer earlier = firstByName.putIfAbsent(name, i);
            if (earlier != null) {
                context.report(
                        SpecPath.of("service-limits", i, "name"),
                        "duplicate service limit name '%s'; it is already used by service-limits[%d]"
                                .formatted(name, earlier));
            }
        }
    }
}
