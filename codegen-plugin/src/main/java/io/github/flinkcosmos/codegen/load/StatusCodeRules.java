package io.github.flinkcosmos.codegen.load;

import io.github.flinkcosmos.codegen.spec.StatusCodeRange;
import io.github.flinkcosmos.codegen.spec.StatusRule;

import java.util.ArrayList;
import java.util.List;

/** Every status code range is written low to high, and no code is classified twice. */
final class StatusCodeRules {

    private StatusCodeRules() {}

    static void check(RuleContext context) {
        List<StatusRule> rules = context.spec().statusClassification().rules();
        List<int[]> seen = new ArrayList<>(); // {rule index, code index}
        for (int r = 0; r < rules.size(); r++) {
            List<StatusCodeRange> codes = rules.get(r).codes();
            for (int c = 0; c < codes.size(); c++) {
                StatusCodeRange range = codes.get(c);
                SpecPath path = codesPath(r, c, codes.size() == 1 && !range.isSingleCode());
                if (range.first() > range.last()) {
                    context.report(
                            path,
                            "the range %d-%d is empty; write the lower code first"
                                    .formatted(range.first(), range.last()));
                    continue;
                }
                for (int[] earlier : seen) {
                    StatusRule earlierRule = rules.get(earlier[0]);
                    StatusCodeRange earlierRange = earlierRule.codes().get(earlier[1]);
                    if (earlierRange.overlaps(range)) {
                        String where =
                                earlier[0] == r
                                        ? "earlier in this rule"
                                        : "by status-classification.rules[%d] (line %d)"
                                                .formatted(
                                                        earlier[0],
                                                        context.yaml()
                                                                .lineOf(
                                                                        codesPath(
                                                                                earlier[0],
                                                                                earlier[1],
                                                                                false)));
                        context.report(
                                path,
                                "status %d is covered twice: it is already classified %s %s; give each code one rule"
                                        .formatted(
                                                Math.max(earlierRange.first(), range.first()),
                                                earlierRule.statusClass(),
                                                where));
                    }
                }
                seen.add(new int[] {r, c});
            }
        }
    }

    private static SpecPath codesPath(int rule, int code, boolean wholeRange) {
        SpecPath codes = SpecPath.of("status-classification", "rules", rule, "codes");
        return wholeRange ? codes : codes.index(code);
    }
}
