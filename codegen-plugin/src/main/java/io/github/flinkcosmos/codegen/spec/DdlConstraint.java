package io.github.flinkcosmos.codegen.spec;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * A rule the sink table's DDL must satisfy, checked at job start.
 *
 * @param column the column a column check is about; the id column when the spec names none
 * @param message the error text, with the check's placeholders in braces
 * @param docs the sentence the reference docs list among the schema requirements
 */
public record DdlConstraint(
        String id,
        DdlCheck check,
        Optional<String> column,
        List<TypeFamily> typeFamilies,
        Optional<String> whenOption,
        OptionalInt maxColumns,
        String message,
        String docs) {

    /** A placeholder in a message: anything in braces; the loader rejects unknown names. */
    public static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

    public DdlConstraint {
        typeFamilies = List.copyOf(typeFamilies);
    }
}
