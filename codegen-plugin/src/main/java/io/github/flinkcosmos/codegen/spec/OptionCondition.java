package io.github.flinkcosmos.codegen.spec;

/**
 * "Option {@code option} has the value {@code equals}", the condition of a {@code required-when} or
 * {@code allowed-only-when} rule.
 *
 * @param equals the value as the spec writes it, one the other option accepts
 */
public record OptionCondition(String option, String equals) {}
