package io.github.flinkcosmos.codegen.generate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import io.github.flinkcosmos.codegen.spec.AllowedValues;
import io.github.flinkcosmos.codegen.spec.ConnectorSpec;
import io.github.flinkcosmos.codegen.spec.DdlConstraint;
import io.github.flinkcosmos.codegen.spec.OptionSpec;
import io.github.flinkcosmos.codegen.spec.OptionType;
import io.github.flinkcosmos.codegen.spec.OptionValidation;
import io.github.flinkcosmos.codegen.spec.PlainText;
import io.github.flinkcosmos.codegen.spec.TypeFamily;

import javax.lang.model.element.Modifier;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.stream.Collectors;

/**
 * Generates the validator: one check per option (presence, type, range, format, cross-option rules)
 * and one per DDL constraint, all run together so that a user sees every violation at once.
 * Messages name the option or column, the offending value (never a sensitive one) and what is
 * allowed.
 */
public final class ValidatorGenerator {

    private static final ClassName STRING = ClassName.get(String.class);
    private static final TypeName OPTIONS_MAP =
            ParameterizedTypeName.get(ClassName.get(Map.class), STRING, STRING);

    private final ConnectorSpec spec;
    private final JavaTargets targets;
    private final ClassName validator;
    private final ClassName violation;
    private final ClassName tableDefinition;
    private final ClassName column;
    private final TypeName violations;

    public ValidatorGenerator(ConnectorSpec spec, JavaTargets targets) {
        this.spec = spec;
        this.targets = targets;
        this.validator = targets.validatorClass();
        this.violation = validator.nestedClass("Violation");
        this.tableDefinition = validator.nestedClass("TableDefinition");
        this.column = validator.nestedClass("Column");
        this.violations = ParameterizedTypeName.get(ClassName.get(List.class), violation);
    }

    public GeneratedFile generate() {
        TypeSpec.Builder type =
                TypeSpec.classBuilder(validator)
                        .addJavadoc(
                                "Checks the options and the DDL of a {@code '$L'} sink table and"
                                        + " reports every violation at once.\n",
                                spec.connector().identifier())
                        .addAnnotation(Flink.INTERNAL)
                        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                        .addField(
                                FieldSpec.builder(
                                                STRING,
                                                "ID_COLUMN",
                                                Modifier.PUBLIC,
                                                Modifier.STATIC,
                                                Modifier.FINAL)
                                        .addJavadoc(
                                                "The column holding each document's id; the"
                                                        + " PRIMARY KEY's other columns are the"
                                                        + " partition key.\n")
                                        .initializer("$S", spec.ddl().idColumn())
                                        .build())
                        .addMethod(
                                MethodSpec.constructorBuilder()
                                        .addModifiers(Modifier.PRIVATE)
                                        .build())
                        .addMethod(validateMethod())
                        .addMethod(validateOptionsMethod())
                        .addMethod(validateTableMethod());
        for (OptionSpec option : spec.options()) {
            type.addMethod(optionCheck(option));
        }
        for (DdlConstraint constraint : spec.ddl().constraints()) {
            type.addMethod(new DdlCheckWriter(constraint).method());
        }
        SupportCode support = new SupportCode();
        support.methods().forEach(type::addMethod);
        type.addType(support.violationRecord());
        type.addType(support.columnRecord());
        type.addType(support.tableDefinitionRecord());
        return JavaFiles.write(spec, validator.packageName(), type.build());
    }

    // ---- entry points ----------------------------------------------------------------------

    private MethodSpec validateMethod() {
        return MethodSpec.methodBuilder("validate")
                .addJavadoc(
                        "Checks the table's options and DDL; returns every violation, or an empty"
                                + " list when the table is valid.\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(violations)
                .addParameter(OPTIONS_MAP, "options")
                .addParameter(tableDefinition, "table")
                .addStatement(
                        "$T all = new $T<>(validateOptions(options))", violations, ArrayList.class)
                .addStatement("all.addAll(validateTable(options, table))")
                .addStatement("return $T.copyOf(all)", List.class)
                .build();
    }

    private MethodSpec validateOptionsMethod() {
        MethodSpec.Builder method =
                MethodSpec.methodBuilder("validateOptions")
                        .addJavadoc(
                                "Checks the options alone, as written in the table's WITH clause;"
                                        + " keys this connector does not know are left to the"
                                        + " factory.\n")
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .returns(violations)
                        .addParameter(OPTIONS_MAP, "options")
                        .addStatement("$T found = new $T<>()", violations, ArrayList.class);
        for (OptionSpec option : spec.options()) {
            method.addStatement("$N(options, found)", checkMethodName(option));
        }
        return method.addStatement("return $T.copyOf(found)", List.class).build();
    }

    private MethodSpec validateTableMethod() {
        MethodSpec.Builder method =
                MethodSpec.methodBuilder("validateTable")
                        .addJavadoc(
                                "Checks the table's DDL; the options decide the rules that depend"
                                        + " on them.\n")
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .returns(violations)
                        .addParameter(OPTIONS_MAP, "options")
                        .addParameter(tableDefinition, "table")
                        .addStatement("$T found = new $T<>()", violations, ArrayList.class);
        for (DdlConstraint constraint : spec.ddl().constraints()) {
            if (readsOptions(constraint)) {
                method.addStatement("$N(options, table, found)", ddlMethodName(constraint));
            } else {
                method.addStatement("$N(table, found)", ddlMethodName(constraint));
            }
        }
        return method.addStatement("return $T.copyOf(found)", List.class).build();
    }

    // ---- one option ------------------------------------------------------------------------

    private String checkMethodName(OptionSpec option) {
        String key = option.key().substring(spec.connector().keyPrefix().length());
        return "check" + JavaFiles.upperCamel(key);
    }

    private MethodSpec optionCheck(OptionSpec option) {
        CodeBlock constant =
                CodeBlock.of(
                        "$T.$N", targets.optionsClass(), option.constantName(spec.connector()));
        MethodSpec.Builder method =
                MethodSpec.methodBuilder(checkMethodName(option))
                        .addJavadoc(
                                "$L",
                                JavaFiles.javadoc(
                                        "`"
                                                + option.key()
                                                + "`: "
                                                + AllowedValues.describe(option)
                                                + "."))
                        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                        .addParameter(OPTIONS_MAP, "options")
                        .addParameter(violations, "found")
                        .addStatement("String raw = options.get($L.key())", constant);
        CodeBlock valueChecks = valueChecks(option, constant);
        Optional<String> notLessThan = option.validation().notLessThan();
        if (option.required()) {
            String hint =
                    option.example().map(example -> ", for example '" + example + "'").orElse("");
            method.beginControlFlow("if (raw == null || raw.isBlank())")
                    .addStatement(
                            "found.add($T.missingOption($L.key(), $S))",
                            violation,
                            constant,
                            PlainText.of(AllowedValues.describe(option)) + hint);
            if (valueChecks.isEmpty()) {
                method.endControlFlow();
            } else {
                method.addStatement("return").endControlFlow().addCode(valueChecks);
            }
        } else if (notLessThan.isPresent()) {
            // The cross-option rule holds for the default too, so an unset value is checked.
            method.beginControlFlow("if (raw != null)").addCode(valueChecks).endControlFlow();
        } else {
            method.beginControlFlow("if (raw == null)")
                    .addStatement("return")
                    .endControlFlow()
                    .addCode(valueChecks);
        }
        notLessThan.ifPresent(other -> addNotLessThan(method, option, constant, other));
        return method.build();
    }

    /** Checks of a set value: it parses as Flink reads it, and fits range, pattern and format. */
    private CodeBlock valueChecks(OptionSpec option, CodeBlock constant) {
        String allowed = PlainText.of(AllowedValues.describe(option));
        String show = option.sensitive() ? "null" : "raw";
        CodeBlock reject =
                CodeBlock.of(
                        "found.add($T.badOption($L.key(), $L, $S))",
                        violation,
                        constant,
                        show,
                        allowed);
        CodeBlock.Builder code = CodeBlock.builder();
        if (option.type() == OptionType.STRING) {
            List<CodeBlock> broken = brokenStringConditions(option);
            if (!broken.isEmpty()) {
                code.beginControlFlow("if ($L)", CodeBlock.join(broken, " || "))
                        .addStatement(reject)
                        .endControlFlow();
            }
            return code.build();
        }
        OptionValidation validation = option.validation();
        List<CodeBlock> outOfRange = new ArrayList<>();
        if (option.type() == OptionType.DOUBLE) {
            // Flink reads "NaN" and "Infinity" as doubles, and NaN fails no comparison.
            outOfRange.add(CodeBlock.of("!Double.isFinite(value.get())"));
        }
        validation
                .min()
                .ifPresent(
                        min ->
                                outOfRange.add(
                                        CodeBlock.of(
                                                "value.get() < $L",
                                                literal(option, min.toPlainString()))));
        validation
                .max()
                .ifPresent(
                        max ->
                                outOfRange.add(
                                        CodeBlock.of(
                                                "value.get() > $L",
                                                literal(option, max.toPlainString()))));
        if (outOfRange.isEmpty()) {
            return code.addStatement("parse(options, $L, $L, $S, found)", constant, show, allowed)
                    .build();
        }
        return code.addStatement(
                        "$T<$T> value = parse(options, $L, $L, $S, found)",
                        Optional.class,
                        targets.optionValueType(option),
                        constant,
                        show,
                        allowed)
                .beginControlFlow(
                        "if (value.isPresent() && ($L))", CodeBlock.join(outOfRange, " || "))
                .addStatement(reject)
                .endControlFlow()
                .build();
    }

    private void addNotLessThan(
            MethodSpec.Builder method, OptionSpec option, CodeBlock constant, String otherKey) {
        OptionSpec other = spec.requireOption(otherKey);
        CodeBlock otherConstant =
                CodeBlock.of("$T.$N", targets.optionsClass(), other.constantName(spec.connector()));
        // Compared as effective values, so a default that falls below a set bound is caught too.
        method.addStatement(
                        "$T<$T> effective = effectiveValue(options, $L)",
                        Optional.class,
                        targets.optionValueType(option),
                        constant)
                .addStatement(
                        "$T<$T> bound = effectiveValue(options, $L)",
                        Optional.class,
                        targets.optionValueType(other),
                        otherConstant)
                .beginControlFlow(
                        "if (effective.isPresent() && bound.isPresent() && effective.get() <"
                                + " bound.get())")
                .addStatement(
                        "found.add(\n$T.lessThanOption(\n$>$>$L.key(),\neffective.get(),\noptions.containsKey($L.key()),\n$L.key(),\nbound.get()$<$<))",
                        violation,
                        constant,
                        constant,
                        otherConstant)
                .endControlFlow();
    }

    /** Conditions under which a set string value is rejected; blank is handled for required. */
    private static List<CodeBlock> brokenStringConditions(OptionSpec option) {
        OptionValidation validation = option.validation();
        List<CodeBlock> broken = new ArrayList<>();
        if (!option.required()) {
            broken.add(CodeBlock.of("raw.isBlank()"));
        }
        if (!validation.urlSchemes().isEmpty()) {
            broken.add(
                    CodeBlock.of(
                            "!isUrl(raw, $T.of($L))",
                            List.class,
                            validation.urlSchemes().stream()
                                    .map(scheme -> CodeBlock.of("$S", scheme))
                                    .collect(CodeBlock.joining(", "))));
        }
        if (validation.commaSeparatedList()) {
            broken.add(CodeBlock.of("!isCommaSeparatedList(raw)"));
        }
        validation
                .pattern()
                .ifPresent(pattern -> broken.add(CodeBlock.of("!raw.matches($S)", pattern)));
        return broken;
    }

    /** A bound as a Java literal of the option's type; the loader checked that it fits. */
    private static String literal(OptionSpec option, String number) {
        BigDecimal value = new BigDecimal(number);
        switch (option.type()) {
            case LONG:
                return value.longValueExact() + "L";
            case DOUBLE:
                return Double.toString(value.doubleValue());
            default:
                return Integer.toString(value.intValueExact());
        }
    }

    // ---- DDL constraints -------------------------------------------------------------------

    private static boolean readsOptions(DdlConstraint constraint) {
        return constraint.whenOption().isPresent();
    }

    private static String ddlMethodName(DdlConstraint constraint) {
        return "check" + JavaFiles.upperCamel(constraint.id());
    }

    /** Writes the method for one DDL constraint, turning its message template into code. */
    private final class DdlCheckWriter {

        private final DdlConstraint constraint;

        DdlCheckWriter(DdlConstraint constraint) {
            this.constraint = constraint;
        }

        MethodSpec method() {
            MethodSpec.Builder method =
                    MethodSpec.methodBuilder(ddlMethodName(constraint))
                            .addJavadoc(
                                    "$L",
                                    JavaFiles.javadoc(
                                            "`" + constraint.id() + "`: " + constraint.docs()))
                            .addModifiers(Modifier.PRIVATE, Modifier.STATIC);
            if (readsOptions(constraint)) {
                method.addParameter(OPTIONS_MAP, "options");
            }
            method.addParameter(tableDefinition, "table").addParameter(violations, "found");
            method.addCode(body());
            return method.build();
        }

        private CodeBlock body() {
            switch (constraint.check()) {
                case COLUMN_EXISTS:
                    return CodeBlock.builder()
                            .beginControlFlow(
                                    "if (table.column($S).isEmpty())", constraint.column().get())
                            .addStatement(add(message()))
                            .endControlFlow()
                            .build();
                case COLUMN_TYPE:
                    return CodeBlock.builder()
                            .addStatement(
                                    "table.column($S)\n.filter(column -> !($>$>$L$<$<))\n.ifPresent(column -> $L)",
                                    constraint.column().get(),
                                    typeTest(),
                                    add(message()))
                            .build();
                case PHYSICAL_COLUMNS_ONLY:
                    return CodeBlock.builder()
                            .addStatement(
                                    "$T<String> columns = table.columns().stream()\n.filter(column -> !column.physical())\n.map($T::name)\n.collect($T.toList())",
                                    List.class,
                                    column,
                                    Collectors.class)
                            .beginControlFlow("if (!columns.isEmpty())")
                            .addStatement(add(message()))
                            .endControlFlow()
                            .build();
                case PRIMARY_KEY_INCLUDES:
                    return CodeBlock.builder()
                            .beginControlFlow("if (!table.primaryKey().contains(ID_COLUMN))")
                            .addStatement(add(message()))
                            .endControlFlow()
                            .build();
                case PRIMARY_KEY_IS_ID_AND_PARTITION_KEY:
                    return CodeBlock.builder()
                            .addStatement(
                                    "$T<String> keyColumns = table.primaryKeyColumnsBeyondId()",
                                    List.class)
                            .beginControlFlow(
                                    "if (table.primaryKey().contains(ID_COLUMN)\n$>$>&& !table.partitionedBy().isEmpty()\n&& !keyColumns.isEmpty()\n&& !new $T<>(keyColumns).equals(new $T<>(table.partitionedBy()))$<$<)",
                                    HashSet.class,
                                    HashSet.class)
                            .addStatement(add(message()))
                            .endControlFlow()
                            .build();
                case PARTITIONED_BY_REQUIRED:
                    OptionSpec option = spec.requireOption(constraint.whenOption().get());
                    return CodeBlock.builder()
                            .beginControlFlow(
                                    "if (effectiveValue(options, $T.$N).orElse(false) && table.partitionedBy().isEmpty())",
                                    targets.optionsClass(),
                                    option.constantName(spec.connector()))
                            .addStatement(add(message()))
                            .endControlFlow()
                            .build();
                case PARTITION_KEY_MAX_COLUMNS:
                    return CodeBlock.builder()
                            .addStatement(
                                    "$T<String> partitionKey = table.partitionKeyColumns()",
                                    List.class)
                            .beginControlFlow(
                                    "if (partitionKey.size() > $L)",
                                    constraint.maxColumns().getAsInt())
                            .addStatement(add(message()))
                            .endControlFlow()
                            .build();
                case PARTITION_KEY_COLUMN_TYPES:
                default:
                    return CodeBlock.builder()
                            .beginControlFlow("for (String name : table.partitionKeyColumns())")
                            .addStatement(
                                    "table.column(name)\n.filter(column -> !($>$>$L$<$<))\n.ifPresent(column -> $L)",
                                    typeTest(),
                                    add(message()))
                            .endControlFlow()
                            .build();
            }
        }

        private CodeBlock add(CodeBlock message) {
            return CodeBlock.of("found.add(new $T($S, $L))", violation, constraint.id(), message);
        }

        /** Whether {@code column} has a type the constraint allows. */
        private CodeBlock typeTest() {
            return constraint.typeFamilies().stream()
                    .map(
                            family ->
                                    family == TypeFamily.BOOLEAN
                                            // BOOLEAN is a type root in Flink, not a family.
                                            ? CodeBlock.of(
                                                    "column.type().is($T.BOOLEAN)",
                                                    Flink.LOGICAL_TYPE_ROOT)
                                            : CodeBlock.of(
                                                    "column.type().is($T.$L)",
                                                    Flink.LOGICAL_TYPE_FAMILY,
                                                    family.name()))
                    .collect(CodeBlock.joining("\n|| "));
        }

        /** The message template as a string concatenation, each placeholder an expression. */
        private CodeBlock message() {
            String template = PlainText.of(constraint.message());
            Matcher placeholder = DdlConstraint.PLACEHOLDER.matcher(template);
            List<CodeBlock> parts = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            int textStart = 0;
            while (placeholder.find()) {
                text.append(template, textStart, placeholder.start());
                textStart = placeholder.end();
                Optional<String> constant = constantPlaceholder(placeholder.group(1));
                if (constant.isPresent()) {
                    text.append(constant.get());
                    continue;
                }
                if (text.length() > 0) {
                    parts.add(CodeBlock.of("$S", text.toString()));
                    text.setLength(0);
                }
                parts.add(expressionPlaceholder(placeholder.group(1)));
            }
            text.append(template.substring(textStart));
            if (text.length() > 0 || parts.isEmpty()) {
                parts.add(CodeBlock.of("$S", text.toString()));
            }
            return CodeBlock.join(parts, "\n+ ");
        }

        /** Placeholders whose value is known when generating, inlined into the text. */
        private Optional<String> constantPlaceholder(String name) {
            switch (name) {
                case "max":
                    return Optional.of(Integer.toString(constraint.maxColumns().getAsInt()));
                case "option":
                    return constraint.whenOption();
                case "column":
                    return constraint.column();
                default:
                    return Optional.empty();
            }
        }

        private CodeBlock expressionPlaceholder(String name) {
            switch (name) {
                case "column":
                    return CodeBlock.of("column.name()");
                case "type":
                    return CodeBlock.of("column.type().asSummaryString()");
                case "columns":
                    return CodeBlock.of("String.join($S, columns)", ", ");
                case "primaryKey":
                    return CodeBlock.of("describeColumns(table.primaryKey())");
                case "partitionKey":
                    return constraint.check().name().startsWith("PRIMARY_KEY")
                            ? CodeBlock.of("describeColumns(table.partitionedBy())")
                            : CodeBlock.of("describeColumns(partitionKey)");
                case "expected":
                    return CodeBlock.of("expectedPrimaryKeys(table.partitionedBy())");
                case "count":
                    return CodeBlock.of("partitionKey.size()");
                default:
                    throw new IllegalStateException(
                            "The spec loader lets no unknown placeholder through: " + name);
            }
        }
    }

    // ---- code that does not depend on the spec ---------------------------------------------

    /** The records and helpers every generated validator has. */
    private final class SupportCode {

        List<MethodSpec> methods() {
            TypeVariableName t = TypeVariableName.get("T");
            TypeName optionOfT = ParameterizedTypeName.get(Flink.CONFIG_OPTION, t);
            TypeName optionalOfT = ParameterizedTypeName.get(ClassName.get(Optional.class), t);
            return List.of(
                    MethodSpec.methodBuilder("parse")
                            .addJavadoc(
                                    "Parses a set value exactly as Flink will, reporting a value"
                                            + " Flink cannot read.\n\n@param shown the value to"
                                            + " quote in a message, or null for a sensitive"
                                            + " option\n")
                            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                            .addTypeVariable(t)
                            .returns(optionalOfT)
                            .addParameter(OPTIONS_MAP, "options")
                            .addParameter(optionOfT, "option")
                            .addParameter(STRING, "shown")
                            .addParameter(STRING, "allowed")
                            .addParameter(violations, "found")
                            .beginControlFlow("try")
                            .addStatement(
                                    "return $T.of($T.fromMap($T.of(option.key(), options.get(option.key()))).get(option))",
                                    Optional.class,
                                    Flink.CONFIGURATION,
                                    Map.class)
                            .nextControlFlow("catch ($T e)", IllegalArgumentException.class)
                            .addComment(
                                    "Flink's own message quotes the value; ours does not when it is sensitive.")
                            .addStatement(
                                    "found.add($T.badOption(option.key(), shown, allowed))",
                                    violation)
                            .addStatement("return $T.empty()", Optional.class)
                            .endControlFlow()
                            .build(),
                    MethodSpec.methodBuilder("effectiveValue")
                            .addJavadoc(
                                    "The value Flink will use, the default when unset; empty when"
                                            + " the set value cannot be read.\n")
                            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                            .addTypeVariable(t)
                            .returns(optionalOfT)
                            .addParameter(OPTIONS_MAP, "options")
                            .addParameter(optionOfT, "option")
                            .beginControlFlow("try")
                            .addStatement(
                                    "return $T.ofNullable($T.fromMap(options).get(option))",
                                    Optional.class,
                                    Flink.CONFIGURATION)
                            .nextControlFlow("catch ($T e)", IllegalArgumentException.class)
                            .addStatement("return $T.empty()", Optional.class)
                            .endControlFlow()
                            .build(),
                    MethodSpec.methodBuilder("isUrl")
                            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                            .returns(boolean.class)
                            .addParameter(STRING, "value")
                            .addParameter(
                                    ParameterizedTypeName.get(List.class, String.class), "schemes")
                            .beginControlFlow("try")
                            .addStatement(
                                    "$T uri = new $T(value)",
                                    java.net.URI.class,
                                    java.net.URI.class)
                            .addStatement(
                                    "return uri.isAbsolute() && schemes.contains(uri.getScheme()) && uri.getHost() != null")
                            .nextControlFlow("catch ($T e)", java.net.URISyntaxException.class)
                            .addStatement("return false")
                            .endControlFlow()
                            .build(),
                    MethodSpec.methodBuilder("isCommaSeparatedList")
                            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                            .returns(boolean.class)
                            .addParameter(STRING, "value")
                            .addStatement(
                                    "return $T.stream(value.split($S, -1)).noneMatch(String::isBlank)",
                                    Arrays.class,
                                    ",")
                            .build(),
                    MethodSpec.methodBuilder("describeColumns")
                            .addJavadoc(
                                    "{@code (id, pk)}, or {@code not declared} for no columns.\n")
                            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                            .returns(STRING)
                            .addParameter(
                                    ParameterizedTypeName.get(List.class, String.class), "columns")
                            .addStatement(
                                    "return columns.isEmpty() ? $S : \"(\" + String.join($S, columns) + \")\"",
                                    "not declared",
                                    ", ")
                            .build(),
                    MethodSpec.methodBuilder("expectedPrimaryKeys")
                            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                            .returns(STRING)
                            .addParameter(
                                    ParameterizedTypeName.get(List.class, String.class),
                                    "partitionKey")
                            .addStatement(
                                    "return \"PRIMARY KEY (\" + ID_COLUMN + \") NOT ENFORCED or PRIMARY KEY (\"\n+ ID_COLUMN + \", \" + String.join($S, partitionKey) + \") NOT ENFORCED\"",
                                    ", ")
                            .build());
        }

        TypeSpec violationRecord() {
            ClassName objects = ClassName.get(java.util.Objects.class);
            return TypeSpec.recordBuilder(violation)
                    .addJavadoc(
                            "One broken rule.\n\n@param rule the option key or the DDL"
                                    + " constraint id\n@param message what is wrong and what to"
                                    + " write instead; never contains a sensitive value\n")
                    .addModifiers(Modifier.PUBLIC)
                    .recordConstructor(
                            MethodSpec.compactConstructorBuilder()
                                    .addModifiers(Modifier.PUBLIC)
                                    .addParameter(STRING, "rule")
                                    .addParameter(STRING, "message")
                                    .addStatement("$T.requireNonNull(rule, $S)", objects, "rule")
                                    .addStatement(
                                            "$T.requireNonNull(message, $S)", objects, "message")
                                    .build())
                    .addMethod(
                            MethodSpec.methodBuilder("missingOption")
                                    .addModifiers(Modifier.STATIC)
                                    .returns(violation)
                                    .addParameter(STRING, "key")
                                    .addParameter(STRING, "allowed")
                                    .addStatement(
                                            "return new $T(key, \"Option '\" + key + \"' is required but not set. Set it to \" + allowed + \".\")",
                                            violation)
                                    .build())
                    .addMethod(
                            MethodSpec.methodBuilder("badOption")
                                    .addJavadoc(
                                            "@param shown the value, or null to keep a sensitive value out of the message\n")
                                    .addModifiers(Modifier.STATIC)
                                    .returns(violation)
                                    .addParameter(STRING, "key")
                                    .addParameter(STRING, "shown")
                                    .addParameter(STRING, "allowed")
                                    .addStatement(
                                            "String value = shown == null ? $S : \"is '\" + abbreviate(shown) + \"'\"",
                                            "has a value that is not allowed (not shown: the option is sensitive)")
                                    .addStatement(
                                            "return new $T(key, \"Option '\" + key + \"' \" + value + \", but it must be \" + allowed + \".\")",
                                            violation)
                                    .build())
                    .addMethod(
                            MethodSpec.methodBuilder("lessThanOption")
                                    .addModifiers(Modifier.STATIC)
                                    .returns(violation)
                                    .addParameter(STRING, "key")
                                    .addParameter(Object.class, "value")
                                    .addParameter(boolean.class, "set")
                                    .addParameter(STRING, "boundKey")
                                    .addParameter(Object.class, "bound")
                                    .addStatement(
                                            "return new $T(key, \"Option '\" + key + \"' is \" + value + (set ? \"\" : \" (its default)\")\n+ \", but it must not be less than '\" + boundKey + \"', which is \" + bound\n+ \". Set '\" + key + \"' to at least \" + bound + \".\")",
                                            violation)
                                    .build())
                    .addMethod(
                            MethodSpec.methodBuilder("abbreviate")
                                    .addJavadoc(
                                            "Long values are cut, so a message stays one readable line.\n")
                                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                                    .returns(STRING)
                                    .addParameter(STRING, "value")
                                    .addStatement(
                                            "return value.length() <= 80 ? value : value.substring(0, 77) + \"...\"")
                                    .build())
                    .build();
        }

        TypeSpec columnRecord() {
            return TypeSpec.recordBuilder(column)
                    .addJavadoc(
                            "A column of the table.\n\n@param physical false for computed and"
                                    + " metadata columns\n")
                    .addModifiers(Modifier.PUBLIC)
                    .recordConstructor(
                            MethodSpec.constructorBuilder()
                                    .addModifiers(Modifier.PUBLIC)
                                    .addParameter(STRING, "name")
                                    .addParameter(boolean.class, "physical")
                                    .addParameter(Flink.LOGICAL_TYPE, "type")
                                    .build())
                    .build();
        }

        TypeSpec tableDefinitionRecord() {
            TypeName names = ParameterizedTypeName.get(List.class, String.class);
            TypeName columns = ParameterizedTypeName.get(ClassName.get(List.class), column);
            return TypeSpec.recordBuilder(tableDefinition)
                    .addJavadoc(
                            "What the validator needs to know of a table's DDL.\n\n@param"
                                    + " primaryKey the PRIMARY KEY columns in declared order, empty"
                                    + " when there is none\n@param partitionedBy the PARTITIONED BY"
                                    + " columns, empty when there is no such clause\n")
                    .addModifiers(Modifier.PUBLIC)
                    .recordConstructor(
                            MethodSpec.compactConstructorBuilder()
                                    .addModifiers(Modifier.PUBLIC)
                                    .addParameter(columns, "columns")
                                    .addParameter(names, "primaryKey")
                                    .addParameter(names, "partitionedBy")
                                    .addStatement("columns = $T.copyOf(columns)", List.class)
                                    .addStatement("primaryKey = $T.copyOf(primaryKey)", List.class)
                                    .addStatement(
                                            "partitionedBy = $T.copyOf(partitionedBy)", List.class)
                                    .build())
                    .addMethod(
                            MethodSpec.methodBuilder("column")
                                    .addJavadoc("The column with exactly this name.\n")
                                    .addModifiers(Modifier.PUBLIC)
                                    .returns(
                                            ParameterizedTypeName.get(
                                                    ClassName.get(Optional.class), column))
                                    .addParameter(STRING, "name")
                                    .addStatement(
                                            "return columns.stream().filter(column -> column.name().equals(name)).findFirst()")
                                    .build())
                    .addMethod(
                            MethodSpec.methodBuilder("primaryKeyColumnsBeyondId")
                                    .addJavadoc(
                                            "The PRIMARY KEY columns other than the id column, in declared order.\n")
                                    .addModifiers(Modifier.PUBLIC)
                                    .returns(names)
                                    .addStatement(
                                            "return primaryKey.stream().filter(name -> !name.equals(ID_COLUMN)).collect($T.toUnmodifiableList())",
                                            Collectors.class)
                                    .build())
                    .addMethod(
                            MethodSpec.methodBuilder("partitionKeyColumns")
                                    .addJavadoc(
                                            "The partition key columns the DDL declares: PARTITIONED BY when present,"
                                                    + " otherwise the PRIMARY KEY beyond the id column. Empty when only"
                                                    + " the live container knows the partition key.\n")
                                    .addModifiers(Modifier.PUBLIC)
                                    .returns(names)
                                    .addStatement(
                                            "return partitionedBy.isEmpty() ? primaryKeyColumnsBeyondId() : partitionedBy")
                                    .build())
                    .build();
        }
    }
}
