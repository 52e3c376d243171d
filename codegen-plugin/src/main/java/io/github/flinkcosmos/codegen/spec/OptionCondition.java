package io.github.flinkcosmos.codegen.spec;

import java.util.List;

/**
 * "Option {@code option} has the value {@code equals}" (or one of several), the condition of a
 * {@code required-when} or {@code allowed-only-when} rule.
 *
 * @param equals the values as the spec writes them, each one the other option accepts; the
 *     condition holds when the option has any of them
 */
public record OptionCondition(String option, List<String> equals) {

    public OptionCondition {
        equals = List.copyOf(equals);
    }

    /** The values for a sentence: {@code `a`}, {@code `a` or `b`}, {@code `a`, `b` or `c`}. */
    public String describeValues(String quote) {
        List<String> quoted = equals.stream().map(value -> quote + value + quote).toList();
        if (quoted.size() == 1) {
            return quoted.get(0);
        }
        return String.join(", ", quoted.subList(0, quoted.size() - 1))
                + " or "
                + quoted.get(quoted.size() - 1);
    }
}
