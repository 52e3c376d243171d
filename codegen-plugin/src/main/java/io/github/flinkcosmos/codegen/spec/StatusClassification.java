package io.github.flinkcosmos.codegen.spec;

import java.util.List;
import java.util.Map;

/**
 * The table that maps an operation's HTTP status code to what the writer does with it.
 *
 * @param defaultClass the class of every code no rule covers
 * @param effects what the writer does for each class, in words, for the docs
 * @param overrides classifications per operation kind, applied before the rules
 */
public record StatusClassification(
        StatusClass defaultClass,
        List<StatusRule> rules,
        Map<StatusClass, String> effects,
        List<StatusOverride> overrides) {

    public StatusClassification {
        rules = List.copyOf(rules);
        effects = Map.copyOf(effects);
        overrides = List.copyOf(overrides);
    }

    /** A table without overrides per operation kind. */
    public StatusClassification(
            StatusClass defaultClass, List<StatusRule> rules, Map<StatusClass, String> effects) {
        this(defaultClass, rules, effects, List.of());
    }
}
