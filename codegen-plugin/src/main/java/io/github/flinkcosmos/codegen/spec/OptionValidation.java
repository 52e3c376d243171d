package io.github.flinkcosmos.codegen.spec;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The rules an option's value must satisfy beyond its type. Every part is optional.
 *
 * @param min inclusive lower bound of a numeric value
 * @param max inclusive upper bound of a numeric value
 * @param notLessThan key of another numeric option this value must not be less than
 * @param urlSchemes when not empty, the value is an absolute URL with one of these schemes
 * @param commaSeparatedList whether the value is a comma-separated list of non-blank items
 * @param pattern a regular expression the whole value must match
 * @param patternDescription what {@code pattern} allows, in words, for messages and docs
 * @param requiredWhen the option must be set while this condition holds
 * @param allowedOnlyWhen the option may only be set while this condition holds
 * @param conflictsWith keys of options that must not be set together with this one
 */
public record OptionValidation(
        Optional<BigDecimal> min,
        Optional<BigDecimal> max,
        Optional<String> notLessThan,
        List<String> urlSchemes,
        boolean commaSeparatedList,
        Optional<String> pattern,
        Optional<String> patternDescription,
        Optional<OptionCondition> requiredWhen,
        Optional<OptionCondition> allowedOnlyWhen,
        List<String> conflictsWith) {

    public static final OptionValidation NONE =
            new OptionValidation(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    List.of(),
                    false,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    List.of());

    public OptionValidation {
        urlSchemes = List.copyOf(urlSchemes);
        conflictsWith = List.copyOf(conflictsWith);
    }
}
