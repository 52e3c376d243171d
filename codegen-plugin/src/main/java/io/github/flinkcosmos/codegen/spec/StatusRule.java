package io.github.flinkcosmos.codegen.spec;

import java.util.List;

/** Status codes that share one classification. */
public record StatusRule(List<StatusCodeRange> codes, StatusClass statusClass) {

    public StatusRule {
        codes = List.copyOf(codes);
    }
}
