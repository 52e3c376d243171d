package io.github.flinkcosmos.codegen.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Says in words which values an option accepts, for example "an integer from 1 to 5". The same
 * phrase ends every validation message and every option's row in the reference docs, so users read
 * one wording everywhere.
 */
public final class AllowedValues {

    private AllowedValues() {}

    public static String describe(OptionSpec option) {
        OptionValidation validation = option.validation();
        List<String> conditions = new ArrayList<>();
        String base;
        switch (option.type()) {
            case INTEGER:
                base = "an integer";
                break;
            case LONG:
                base = "a whole number";
                break;
            case DOUBLE:
                base = "a finite number";
                break;
            case BOOLEAN:
                return "true or false";
            case DURATION:
                base = "a duration such as 500 ms, 30 s or 5 min";
                break;
            case ENUM:
                return "one of: "
                        + option.values().stream()
                                .map(EnumValue::name)
                                .collect(Collectors.joining(", "));
            case STRING:
            default:
                base = describeString(validation);
                break;
        }
        if (validation.min().isPresent() && validation.max().isPresent()) {
            conditions.add(
                    "from "
                            + validation.min().get().toPlainString()
                            + " to "
                            + validation.max().get().toPlainString());
        } else {
            validation.min().ifPresent(min -> conditions.add("of at least " + min.toPlainString()));
            validation.max().ifPresent(max -> conditions.add("of at most " + max.toPlainString()));
        }
        validation
                .notLessThan()
                .ifPresent(other -> conditions.add("not less than '" + other + "'"));
        return conditions.isEmpty() ? base : base + " " + String.join(", ", conditions);
    }

    private static String describeString(OptionValidation validation) {
        if (!validation.urlSchemes().isEmpty()) {
            return "an absolute " + String.join(" or ", validation.urlSchemes()) + " URL";
        }
        if (validation.commaSeparatedList()) {
            return "a comma-separated list of non-blank items";
        }
        if (validation.patternDescription().isPresent()) {
            return validation.patternDescription().get();
        }
        return "a non-blank string";
    }
}
