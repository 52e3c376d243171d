package io.github.flinkcosmos.codegen.load;

import io.github.flinkcosmos.codegen.spec.DdlCheck;
import io.github.flinkcosmos.codegen.spec.DdlConstraint;
import io.github.flinkcosmos.codegen.spec.OptionType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.stream.Collectors;

/**
 * DDL constraints have unique ids, only the fields their check reads, and messages whose braces are
 * placeholders that check offers.
 */
final class DdlConstraintRules {

    private DdlConstraintRules() {}

    static void check(RuleContext context) {
        Map<String, Integer> firstById = new HashMap<>();
        List<DdlConstraint> constraints = context.spec().ddl().constraints();
        for (int i = 0; i < constraints.size(); i++) {
            DdlConstraint constraint = constraints.get(i);
            SpecPath path = SpecPath.of("ddl", "constraints", i);
            Integer earlier = firstById.putIfAbsent(constraint.id(), i);
            if (earlier != null) {
                context.report(
                        path.field("id"),
                        "duplicate constraint id '%s'; it is already used by ddl.constraints[%d]"
                                .formatted(constraint.id(), earlier));
            }
            constraint
                    .whenOption()
                    .ifPresent(
                            key ->
                                    context.requireOptionOfType(
                                            key,
                                            path.field("when-option"),
                                            Set.of(OptionType.BOOLEAN)));
            checkFieldsApply(context, constraint, path);
            checkPlaceholders(context, constraint, path.field("message"));
        }
    }

    private static void checkPlaceholders(
            RuleContext context, DdlConstraint constraint, SpecPath path) {
        Matcher placeholders = DdlConstraint.PLACEHOLDER.matcher(constraint.message());
        String withoutPlaceholders = placeholders.replaceAll("");
        if (withoutPlaceholders.indexOf('{') >= 0 || withoutPlaceholders.indexOf('}') >= 0) {
            context.report(
                    path,
                    """
                    a brace that opens or closes no placeholder; braces mark placeholders such as \
                    {column}""");
        }
        DdlCheck check = constraint.check();
        placeholders.reset();
        while (placeholders.find()) {
            String name = placeholders.group(1);
            if (!check.placeholders().contains(name)) {
                context.report(
                        path,
                        "unknown placeholder {%s}; a %s message may use: %s"
                                .formatted(
                                        name,
                                        check.specName(),
                                        check.placeholders().stream()
                                                .map("{%s}"::formatted)
                                                .collect(Collectors.joining(", "))));
            }
        }
    }

    /** Fields that a check does not read are mistakes, not decoration. */
    private static void checkFieldsApply(
            RuleContext context, DdlConstraint constraint, SpecPath path) {
        DdlCheck check = constraint.check();
        boolean columnCheck = check == DdlCheck.COLUMN_EXISTS || check == DdlCheck.COLUMN_TYPE;
        boolean typeCheck =
                check == DdlCheck.COLUMN_TYPE || check == DdlCheck.PARTITION_KEY_COLUMN_TYPES;
        if (!columnCheck && context.yaml().has(path.field("column"))) {
            reportUnused(context, path.field("column"), check);
        }
        if (!typeCheck && !constraint.typeFamilies().isEmpty()) {
            reportUnused(context, path.field("type-families"), check);
        }
        if (check != DdlCheck.PARTITIONED_BY_REQUIRED && constraint.whenOption().isPresent()) {
            reportUnused(context, path.field("when-option"), check);
        }
        if (check != DdlCheck.PARTITION_KEY_MAX_COLUMNS && constraint.maxColumns().isPresent()) {
            reportUnused(context, path.field("max-columns"), check);
        }
    }

    private static void reportUnused(RuleContext context, SpecPath path, DdlCheck check) {
        context.report(
                path,
                "'%s' does not apply to check %s"
                        .formatted(path.lastFieldName(), check.specName()));
    }
}
