package io.github.flinkcosmos.codegen.load;

import io.github.flinkcosmos.codegen.spec.AllowedValues;
import io.github.flinkcosmos.codegen.spec.ConnectorSpec;
import io.github.flinkcosmos.codegen.spec.DdlCheck;
import io.github.flinkcosmos.codegen.spec.DdlConstraint;
import io.github.flinkcosmos.codegen.spec.DurationValue;
import io.github.flinkcosmos.codegen.spec.EnumValue;
import io.github.flinkcosmos.codegen.spec.OptionSpec;
import io.github.flinkcosmos.codegen.spec.OptionType;
import io.github.flinkcosmos.codegen.spec.OptionValidation;
import io.github.flinkcosmos.codegen.spec.Redaction;
import io.github.flinkcosmos.codegen.spec.StatusCodeRange;
import io.github.flinkcosmos.codegen.spec.StatusRule;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * The rules a spec must follow that the JSON Schema cannot express, because they relate one entry
 * to another or to what Flink does: unique keys, defaults that fit their own validation, status
 * codes classified once, sensitive values that are masked by someone.
 */
final class SpecRules {

    private final ConnectorSpec spec;
    private final LocatedYaml yaml;
    private final List<SpecProblem> problems = new ArrayList<>();

    private SpecRules(ConnectorSpec spec, LocatedYaml yaml) {
        this.spec = spec;
        this.yaml = yaml;
    }

    static List<SpecProblem> check(ConnectorSpec spec, LocatedYaml yaml) {
        SpecRules rules = new SpecRules(spec, yaml);
        rules.checkOptionKeys();
        for (int i = 0; i < spec.options().size(); i++) {
            rules.checkOption(spec.options().get(i), SpecPath.of("options", i));
        }
        rules.checkRetryBackoff();
        rules.checkStatusCodes();
        rules.checkDdlConstraints();
        rules.checkMetricNames();
        return rules.problems;
    }

    // ---- option keys -----------------------------------------------------------------------

    private void checkOptionKeys() {
        Map<String, Integer> firstByKey = new HashMap<>();
        Map<String, Integer> firstByConstant = new HashMap<>();
        Map<String, Integer> firstByEnumClass = new HashMap<>();
        List<OptionSpec> options = spec.options();
        for (int i = 0; i < options.size(); i++) {
            OptionSpec option = options.get(i);
            SpecPath keyPath = SpecPath.of("options", i, "key");
            Integer earlier = firstByKey.putIfAbsent(option.key(), i);
            if (earlier != null) {
                report(
                        keyPath,
                        "duplicate option key '"
                                + option.key()
                                + "'; it is already declared at line "
                                + yaml.lineOf(SpecPath.of("options", earlier, "key"))
                                + " (options["
                                + earlier
                                + "])");
                continue;
            }
            if (!option.key().startsWith(spec.connector().keyPrefix())) {
                report(
                        keyPath,
                        "option key '"
                                + option.key()
                                + "' must start with '"
                                + spec.connector().keyPrefix()
                                + "', the connector's identifier");
            }
            if (option.type() == OptionType.ENUM) {
                Integer enumClash = firstByEnumClass.putIfAbsent(option.enumClassName(), i);
                if (enumClash != null) {
                    report(
                            keyPath,
                            "enum option '"
                                    + option.key()
                                    + "' gets the Java enum "
                                    + option.enumClassName()
                                    + ", like '"
                                    + options.get(enumClash).key()
                                    + "' (options["
                                    + enumClash
                                    + "]); make the last segments of their keys differ");
                }
            }
            String constant = option.constantName(spec.connector());
            Integer clash = firstByConstant.putIfAbsent(constant, i);
            if (clash != null) {
                report(
                        keyPath,
                        "option key '"
                                + option.key()
                                + "' becomes the Java constant "
                                + constant
                                + ", like '"
                                + options.get(clash).key()
                                + "' (options["
                                + clash
                                + "]); rename one of them");
            }
            for (int j = 0; j < options.size(); j++) {
                String other = options.get(j).key();
                if (other.startsWith(option.key() + ".")) {
                    report(
                            keyPath,
                            "option key '"
                                    + option.key()
                                    + "' is a dotted prefix of '"
                                    + other
                                    + "' (options["
                                    + j
                                    + "]); Flink's configuration would read one as a nested"
                                    + " part of the other, so rename one of them");
                }
            }
        }
    }

    // ---- one option ------------------------------------------------------------------------

    private void checkOption(OptionSpec option, SpecPath path) {
        checkEnumValues(option, path);
        checkValidationFitsType(option, path.field("validation"));
        checkSensitivity(option, path);
        if (option.required() && option.defaultValue().isPresent()) {
            report(
                    path.field("default"),
                    "required option '"
                            + option.key()
                            + "' has a default; drop the default or make the option optional");
        }
        if (option.defaultValue().isPresent() && option.defaultDescription().isPresent()) {
            report(
                    path.field("default-description"),
                    "option '"
                            + option.key()
                            + "' has both a default and a default-description; the docs show the"
                            + " default, so drop the description");
        }
        option.defaultValue()
                .flatMap(value -> problemWithValue(option, value))
                .ifPresent(
                        problem ->
                                report(
                                        path.field("default"),
                                        "default '"
                                                + option.defaultValue().get()
                                                + "' of option '"
                                                + option.key()
                                                + "' "
                                                + problem));
    }

    private void checkEnumValues(OptionSpec option, SpecPath path) {
        if (option.type() == OptionType.ENUM && option.values().isEmpty()) {
            report(
                    path.field("type"),
                    "enum option '" + option.key() + "' needs a 'values' list of its values");
        }
        if (option.type() != OptionType.ENUM && !option.values().isEmpty()) {
            report(
                    path.field("values"),
                    "only enum options have 'values'; option '"
                            + option.key()
                            + "' has type "
                            + option.type().specName());
        }
        Set<String> seen = new HashSet<>();
        for (int v = 0; v < option.values().size(); v++) {
            String name = option.values().get(v).name();
            if (!seen.add(name)) {
                report(
                        path.field("values").index(v).field("name"),
                        "duplicate value '" + name + "' of enum option '" + option.key() + "'");
            }
        }
    }

    private void checkValidationFitsType(OptionSpec option, SpecPath path) {
        OptionValidation validation = option.validation();
        boolean numeric = option.type().isNumeric();
        boolean string = option.type() == OptionType.STRING;
        requireType(option, validation.min().isPresent(), numeric, path.field("min"), "numeric");
        requireType(option, validation.max().isPresent(), numeric, path.field("max"), "numeric");
        requireType(
                option,
                validation.notLessThan().isPresent(),
                numeric,
                path.field("not-less-than"),
                "numeric");
        requireType(
                option,
                !validation.urlSchemes().isEmpty(),
                string,
                path.field("url-schemes"),
                "string");
        requireType(option, validation.commaSeparatedList(), string, path.field("list"), "string");
        requireType(
                option, validation.pattern().isPresent(), string, path.field("pattern"), "string");
        validation.min().ifPresent(min -> checkBoundFitsType(option, min, path.field("min")));
        validation.max().ifPresent(max -> checkBoundFitsType(option, max, path.field("max")));
        if (validation.min().isPresent()
                && validation.max().isPresent()
                && validation.min().get().compareTo(validation.max().get()) > 0) {
            report(
                    path.field("min"),
                    "min "
                            + validation.min().get().toPlainString()
                            + " is greater than max "
                            + validation.max().get().toPlainString());
        }
        validation.pattern().ifPresent(pattern -> checkPattern(pattern, path.field("pattern")));
        validation
                .notLessThan()
                .ifPresent(other -> checkNotLessThan(option, other, path.field("not-less-than")));
    }

    /** A bound of an integer or long option is a whole number within the type's range. */
    private void checkBoundFitsType(OptionSpec option, BigDecimal bound, SpecPath path) {
        if (option.type() != OptionType.INTEGER && option.type() != OptionType.LONG) {
            return;
        }
        if (!fitsWholeType(option.type(), bound.toPlainString())) {
            report(
                    path,
                    "bound "
                            + bound.toPlainString()
                            + " of "
                            + option.type().specName()
                            + " option '"
                            + option.key()
                            + "' must be a whole number that fits its type");
        }
    }

    private void requireType(
            OptionSpec option, boolean used, boolean typeFits, SpecPath path, String kind) {
        if (used && !typeFits) {
            report(
                    path,
                    "'"
                            + path.lastFieldName()
                            + "' applies to "
                            + kind
                            + " options, but option '"
                            + option.key()
                            + "' has type "
                            + option.type().specName());
        }
    }

    private void checkPattern(String pattern, SpecPath path) {
        try {
            Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            report(path, "not a valid regular expression: " + e.getDescription());
        }
    }

    private void checkNotLessThan(OptionSpec option, String otherKey, SpecPath path) {
        Optional<OptionSpec> other = spec.option(otherKey);
        if (other.isEmpty()) {
            report(path, "no option has the key '" + otherKey + "'");
            return;
        }
        if (option.sensitive() || other.get().sensitive()) {
            report(
                    path,
                    "'not-less-than' cannot relate sensitive options: its message quotes both"
                            + " values");
            return;
        }
        if (other.get().type() != option.type()) {
            report(
                    path,
                    "option '"
                            + option.key()
                            + "' ("
                            + option.type().specName()
                            + ") cannot be compared with '"
                            + otherKey
                            + "' ("
                            + other.get().type().specName()
                            + "); both must have the same numeric type");
            return;
        }
        if (option.defaultValue().isPresent() && other.get().defaultValue().isPresent()) {
            Optional<BigDecimal> value = decimal(option.defaultValue().get());
            Optional<BigDecimal> bound = decimal(other.get().defaultValue().get());
            if (value.isPresent() && bound.isPresent() && value.get().compareTo(bound.get()) < 0) {
                report(
                        path,
                        "the default of '"
                                + option.key()
                                + "' ("
                                + option.defaultValue().get()
                                + ") is less than the default of '"
                                + otherKey
                                + "' ("
                                + other.get().defaultValue().get()
                                + "), so the defaults break this rule");
            }
        }
    }

    private void checkSensitivity(OptionSpec option, SpecPath path) {
        boolean flinkMasks = FlinkMasking.masks(option.key());
        Optional<Redaction> redaction = option.redaction();
        if (!option.sensitive()) {
            if (redaction.isPresent()) {
                report(
                        path.field("redaction"),
                        "option '"
                                + option.key()
                                + "' declares a redaction but is not sensitive; add"
                                + " 'sensitive: true' or drop 'redaction'");
            }
            return;
        }
        if (option.defaultValue().isPresent()) {
            report(
                    path.field("default"),
                    "sensitive option '" + option.key() + "' must not have a default");
        }
        if (redaction.isEmpty() && !flinkMasks) {
            report(
                    path.field("sensitive"),
                    "sensitive option '"
                            + option.key()
                            + "' is not masked by Flink, which masks only keys containing one of: "
                            + String.join(", ", FlinkMasking.SENSITIVE_WORDS)
                            + ". Add 'redaction: connector' to declare that the connector keeps"
                            + " the value out of messages, logs and plans itself (the generated"
                            + " validator never quotes it, and SENSITIVE_OPTIONS lists it for the"
                            + " connector to redact), or rename the key to contain one of those"
                            + " words");
        } else if (redaction.isEmpty()) {
            report(
                    path.field("sensitive"),
                    "sensitive option '"
                            + option.key()
                            + "' needs 'redaction: flink' to record that Flink masks its value");
        } else if (redaction.get() == Redaction.FLINK && !flinkMasks) {
            report(
                    path.field("redaction"),
                    "option '"
                            + option.key()
                            + "' says Flink masks it, but Flink masks only keys containing one"
                            + " of: "
                            + String.join(", ", FlinkMasking.SENSITIVE_WORDS)
                            + "; use 'redaction: connector'");
        }
    }

    /** What is wrong with a value of this option, or empty when the option would accept it. */
    private static Optional<String> problemWithValue(OptionSpec option, String value) {
        OptionValidation validation = option.validation();
        switch (option.type()) {
            case INTEGER:
            case LONG:
            case DOUBLE:
                return problemWithNumber(option, value);
            case BOOLEAN:
                return value.equals("true") || value.equals("false")
                        ? Optional.empty()
                        : Optional.of("is not a boolean; use true or false");
            case DURATION:
                return DurationValue.parse(value).isPresent()
                        ? Optional.empty()
                        : Optional.of("is not a duration; write it like 500 ms, 30 s or 5 min");
            case ENUM:
                return option.values().stream().map(EnumValue::name).anyMatch(value::equals)
                        ? Optional.empty()
                        : Optional.of(
                                "is not one of its values; use " + AllowedValues.describe(option));
            case STRING:
            default:
                if (value.isBlank()
                        || (validation.pattern().isPresent()
                                && !value.matches(validation.pattern().get()))
                        || (!validation.urlSchemes().isEmpty()
                                && !isUrl(value, validation.urlSchemes()))
                        || (validation.commaSeparatedList() && !isList(value))) {
                    return Optional.of(
                            "is outside the option's own validation; it must be "
                                    + AllowedValues.describe(option));
                }
                return Optional.empty();
        }
    }

    private static Optional<String> problemWithNumber(OptionSpec option, String value) {
        Optional<BigDecimal> number = decimal(value);
        boolean whole = option.type() != OptionType.DOUBLE;
        if (number.isEmpty() || (whole && !fitsWholeType(option.type(), value))) {
            return Optional.of(
                    "is not "
                            + (option.type() == OptionType.INTEGER
                                    ? "an integer"
                                    : whole ? "a whole number" : "a number"));
        }
        OptionValidation validation = option.validation();
        boolean belowMin =
                validation.min().isPresent() && number.get().compareTo(validation.min().get()) < 0;
        boolean aboveMax =
                validation.max().isPresent() && number.get().compareTo(validation.max().get()) > 0;
        return belowMin || aboveMax
                ? Optional.of(
                        "is outside the option's own validation; it must be "
                                + AllowedValues.describe(option))
                : Optional.empty();
    }

    private static boolean fitsWholeType(OptionType type, String value) {
        try {
            if (type == OptionType.INTEGER) {
                Integer.parseInt(value);
            } else {
                Long.parseLong(value);
            }
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Optional<BigDecimal> decimal(String value) {
        try {
            return Optional.of(new BigDecimal(value));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isUrl(String value, List<String> schemes) {
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() && schemes.contains(uri.getScheme()) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean isList(String value) {
        for (String item : value.split(",", -1)) {
            if (item.isBlank()) {
                return false;
            }
        }
        return true;
    }

    // ---- retry backoff ---------------------------------------------------------------------

    private void checkRetryBackoff() {
        SpecPath path = SpecPath.of("retry-backoff");
        requireOptionOfType(
                spec.retryBackoff().maxAttemptsKey(),
                path.field("max-attempts"),
                Set.of(OptionType.INTEGER));
        requireOptionOfType(
                spec.retryBackoff().initialDelayKey(),
                path.field("initial-delay"),
                Set.of(OptionType.INTEGER, OptionType.LONG));
        requireOptionOfType(
                spec.retryBackoff().maxDelayKey(),
                path.field("max-delay"),
                Set.of(OptionType.INTEGER, OptionType.LONG));
        requireOptionOfType(
                spec.retryBackoff().multiplierKey(),
                path.field("multiplier"),
                Set.of(OptionType.DOUBLE));
    }

    private void requireOptionOfType(String key, SpecPath path, Set<OptionType> types) {
        Optional<OptionSpec> option = spec.option(key);
        if (option.isEmpty()) {
            report(path, "no option has the key '" + key + "'");
        } else if (!types.contains(option.get().type())) {
            report(
                    path,
                    "option '"
                            + key
                            + "' has type "
                            + option.get().type().specName()
                            + ", but this needs "
                            + types.stream()
                                    .map(OptionType::specName)
                                    .sorted()
                                    .collect(Collectors.joining(" or ")));
        }
    }

    // ---- status classification -------------------------------------------------------------

    private void checkStatusCodes() {
        List<StatusRule> rules = spec.statusClassification().rules();
        List<int[]> seen = new ArrayList<>(); // {rule index, code index}
        for (int r = 0; r < rules.size(); r++) {
            List<StatusCodeRange> codes = rules.get(r).codes();
            for (int c = 0; c < codes.size(); c++) {
                StatusCodeRange range = codes.get(c);
                SpecPath path = codesPath(r, c, codes.size() == 1 && !range.isSingleCode());
                if (range.first() > range.last()) {
                    report(
                            path,
                            "the range "
                                    + range.first()
                                    + "-"
                                    + range.last()
                                    + " is empty; write the lower code first");
                    continue;
                }
                for (int[] earlier : seen) {
                    StatusRule earlierRule = rules.get(earlier[0]);
                    StatusCodeRange earlierRange = earlierRule.codes().get(earlier[1]);
                    if (earlierRange.overlaps(range)) {
                        int code = Math.max(earlierRange.first(), range.first());
                        String where =
                                earlier[0] == r
                                        ? "earlier in this rule"
                                        : "by status-classification.rules["
                                                + earlier[0]
                                                + "] (line "
                                                + yaml.lineOf(
                                                        codesPath(earlier[0], earlier[1], false))
                                                + ")";
                        report(
                                path,
                                "status "
                                        + code
                                        + " is covered twice: it is already classified "
                                        + earlierRule.statusClass()
                                        + " "
                                        + where
                                        + "; give each code one rule");
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

    // ---- DDL constraints -------------------------------------------------------------------

    private void checkDdlConstraints() {
        Map<String, Integer> firstById = new HashMap<>();
        List<DdlConstraint> constraints = spec.ddl().constraints();
        for (int i = 0; i < constraints.size(); i++) {
            DdlConstraint constraint = constraints.get(i);
            SpecPath path = SpecPath.of("ddl", "constraints", i);
            Integer earlier = firstById.putIfAbsent(constraint.id(), i);
            if (earlier != null) {
                report(
                        path.field("id"),
                        "duplicate constraint id '"
                                + constraint.id()
                                + "'; it is already used by ddl.constraints["
                                + earlier
                                + "]");
            }
            constraint
                    .whenOption()
                    .ifPresent(
                            key ->
                                    requireOptionOfType(
                                            key,
                                            path.field("when-option"),
                                            Set.of(OptionType.BOOLEAN)));
            checkFieldsApply(constraint, path);
            Matcher placeholders = DdlConstraint.PLACEHOLDER.matcher(constraint.message());
            String withoutPlaceholders = placeholders.replaceAll("");
            if (withoutPlaceholders.indexOf('{') >= 0 || withoutPlaceholders.indexOf('}') >= 0) {
                report(
                        path.field("message"),
                        "a brace that opens or closes no placeholder; braces mark placeholders"
                                + " such as {column}");
            }
            placeholders.reset();
            while (placeholders.find()) {
                String name = placeholders.group(1);
                if (!constraint.check().placeholders().contains(name)) {
                    report(
                            path.field("message"),
                            "unknown placeholder {"
                                    + name
                                    + "}; a "
                                    + constraint.check().specName()
                                    + " message may use: "
                                    + constraint.check().placeholders().stream()
                                            .map(known -> "{" + known + "}")
                                            .collect(Collectors.joining(", ")));
                }
            }
        }
    }

    private void checkMetricNames() {
        Map<String, Integer> firstByName = new HashMap<>();
        for (int i = 0; i < spec.metrics().size(); i++) {
            Integer earlier = firstByName.putIfAbsent(spec.metrics().get(i).name(), i);
            if (earlier != null) {
                report(
                        SpecPath.of("metrics", i, "name"),
                        "duplicate metric name '"
                                + spec.metrics().get(i).name()
                                + "'; it is already used by metrics["
                                + earlier
                                + "]");
            }
        }
    }

    /** Fields that a check does not read are mistakes, not decoration. */
    private void checkFieldsApply(DdlConstraint constraint, SpecPath path) {
        DdlCheck check = constraint.check();
        boolean columnCheck = check == DdlCheck.COLUMN_EXISTS || check == DdlCheck.COLUMN_TYPE;
        boolean typeCheck =
                check == DdlCheck.COLUMN_TYPE || check == DdlCheck.PARTITION_KEY_COLUMN_TYPES;
        if (!columnCheck && yaml.has(path.field("column"))) {
            reportUnused(path.field("column"), check);
        }
        if (!typeCheck && !constraint.typeFamilies().isEmpty()) {
            reportUnused(path.field("type-families"), check);
        }
        if (check != DdlCheck.PARTITIONED_BY_REQUIRED && constraint.whenOption().isPresent()) {
            reportUnused(path.field("when-option"), check);
        }
        if (check != DdlCheck.PARTITION_KEY_MAX_COLUMNS && constraint.maxColumns().isPresent()) {
            reportUnused(path.field("max-columns"), check);
        }
    }

    private void reportUnused(SpecPath path, DdlCheck check) {
        report(path, "'" + path.lastFieldName() + "' does not apply to check " + check.specName());
    }

    private void report(SpecPath path, String message) {
        problems.add(yaml.problem(path, message));
    }
}
