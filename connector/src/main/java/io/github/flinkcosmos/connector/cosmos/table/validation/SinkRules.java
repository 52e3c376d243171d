package io.github.flinkcosmos.connector.cosmos.table.validation;

import org.apache.flink.annotation.Internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A table of option and DDL rules, generated from the spec, and the one place that checks a sink
 * table against them. Every violation is reported at once, options first, each in table order.
 *
 * @param idColumn the column holding each document's id; the PRIMARY KEY's other columns are the
 *     partition key
 */
@Internal
public record SinkRules(String idColumn, List<OptionRule> options, List<DdlRule> constraints) {

    public SinkRules {
        options = List.copyOf(options);
        constraints = List.copyOf(constraints);
        for (DdlRule constraint : constraints) {
            if (!DdlChecks.implemented().contains(constraint.check())) {
                throw new IllegalArgumentException(
                        "Constraint '%s' uses check '%s', which DdlChecks does not implement"
                                .formatted(constraint.id(), constraint.check()));
            }
        }
    }

    /** Checks the table's options and DDL; every violation, or none when the table is valid. */
    public List<Violation> validate(Map<String, String> options, TableDefinition table) {
        List<Violation> all = new ArrayList<>(validateOptions(options));
        all.addAll(validateTable(options, table));
        return List.copyOf(all);
    }

    /**
     * Checks the options alone, as written in the table's WITH clause; keys this connector does not
     * know are left to the factory.
     */
    public List<Violation> validateOptions(Map<String, String> options) {
        List<Violation> found = new ArrayList<>();
        for (OptionRule rule : this.options) {
            OptionChecks.check(rule, options, found);
        }
        return List.copyOf(found);
    }

    /** Checks the table's DDL; the options decide the rules that depend on them. */
    public List<Violation> validateTable(Map<String, String> options, TableDefinition table) {
        DdlChecks.Subject subject = new DdlChecks.Subject(options, table, idColumn);
        List<Violation> found = new ArrayList<>();
        for (DdlRule constraint : constraints) {
            found.addAll(DdlChecks.run(constraint, subject));
        }
        return List.copyOf(found);
    }
}
