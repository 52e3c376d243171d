package io.github.flinkcosmos.codegen.generate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.github.flinkcosmos.codegen.spec.AllowedValues;
import io.github.flinkcosmos.codegen.spec.ConnectorSpec;
import io.github.flinkcosmos.codegen.spec.DdlConstraint;
import io.github.flinkcosmos.codegen.spec.OptionCondition;
import io.github.flinkcosmos.codegen.spec.OptionSpec;
import io.github.flinkcosmos.codegen.spec.OptionValidation;
import io.github.flinkcosmos.codegen.spec.PlainText;
import io.github.flinkcosmos.codegen.spec.TypeFamily;

import javax.lang.model.element.Modifier;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static javax.lang.model.element.Modifier.FINAL;
import static javax.lang.model.element.Modifier.PRIVATE;
import static javax.lang.model.element.Modifier.PUBLIC;
import static javax.lang.model.element.Modifier.STATIC;

/**
 * Generates the validator as data: a table with one rule per option (presence, type, range, format,
 * cross-option rules) and one per DDL constraint. The connector's hand-written engine, in {@code
 * table.validation}, checks a table against it and reports every violation at once.
 */
public final class ValidatorGenerator {

    /** Where the table's elements start; a call chain that fits in 100 columns stays on a line. */
    private static final int ELEMENT_INDENT = 12;

    private static final int LINE_LIMIT = 100;

    private final ConnectorSpec spec;
    private final JavaTargets targets;
    private final ClassName optionRule;
    private final ClassName ddlRule;
    private final ClassName valueType;

    public ValidatorGenerator(ConnectorSpec spec, JavaTargets targets) {
        this.spec = spec;
        this.targets = targets;
        this.optionRule = targets.validationType("OptionRule");
        this.ddlRule = targets.validationType("DdlRule");
        this.valueType = targets.validationType("ValueType");
    }

    public GeneratedFile generate() {
        ClassName sinkRules = targets.validationType("SinkRules");
        List<CodeBlock> options = spec.options().stream().map(this::optionRule).toList();
        List<CodeBlock> constraints = spec.ddl().constraints().stream().map(this::ddlRule).toList();
        TypeSpec type =
                TypeSpec.classBuilder(targets.rulesClass())
                        .addJavadoc(
                                "The option and DDL rules of a {@code '$L'} sink table, as the spec"
                                        + " declares them;\n{@link $T} checks a table against"
                                        + " them.\n",
                                spec.connector().identifier(),
                                sinkRules)
                        .addAnnotation(Flink.INTERNAL)
                        .addModifiers(PUBLIC, FINAL)
                        .addField(
                                field(ClassName.get(String.class), "ID_COLUMN", PUBLIC)
                                        .addJavadoc("The column holding each document's id.\n")
                                        .initializer("$S", spec.ddl().idColumn())
                                        .build())
                        .addField(
                                field(listOf(optionRule), "OPTIONS", PRIVATE)
                                        .initializer(list(options))
                                        .build())
                        .addField(
                                field(listOf(ddlRule), "CONSTRAINTS", PRIVATE)
                                        .initializer(list(constraints))
                                        .build())
                        .addField(
                                field(sinkRules, "RULES", PUBLIC)
                                        .addJavadoc(
                                                "Every rule, in spec order; see {@link $T#validate}.\n",
                                                sinkRules)
                                        .initializer(
                                                "new $T(ID_COLUMN, OPTIONS, CONSTRAINTS)",
                                                sinkRules)
                                        .build())
                        .addMethod(MethodSpec.constructorBuilder().addModifiers(PRIVATE).build())
                        .build();
        return JavaFiles.write(
                spec,
                targets.rulesClass().packageName(),
                type,
                new JavaFiles.StaticImport(optionRule, "option"),
                new JavaFiles.StaticImport(ddlRule, "constraint"),
                new JavaFiles.StaticImport(valueType, "*"));
    }

    private static FieldSpec.Builder field(TypeName type, String name, Modifier visibility) {
        return FieldSpec.builder(type, name, visibility, STATIC, FINAL);
    }

    private static TypeName listOf(ClassName element) {
        return ParameterizedTypeName.get(ClassName.get(List.class), element);
    }

    private static CodeBlock list(List<CodeBlock> elements) {
        return CodeBlock.of("$T.of(\n$>$>$L$<$<)", List.class, CodeBlock.join(elements, ",\n"));
    }

    // ---- options ---------------------------------------------------------------------------

    private CodeBlock optionRule(OptionSpec option) {
        OptionValidation validation = option.validation();
        List<CodeBlock> calls = new ArrayList<>();
        addIf(calls, option.required(), "required");
        addIf(calls, option.sensitive(), "sensitive");
        option.example().ifPresent(example -> calls.add(call("example", text(example))));
        validation.min().ifPresent(min -> calls.add(call("min", number(option, min))));
        validation.max().ifPresent(max -> calls.add(call("max", number(option, max))));
        validation.pattern().ifPresent(pattern -> calls.add(call("pattern", text(pattern))));
        if (!validation.urlSchemes().isEmpty()) {
            calls.add(call("urlSchemes", strings(validation.urlSchemes())));
        }
        addIf(calls, validation.commaSeparatedList(), "commaSeparatedList");
        validation.notLessThan().ifPresent(key -> calls.add(call("notLessThan", option(key))));
        validation.requiredWhen().ifPresent(when -> calls.add(condition("requiredWhen", when)));
        validation
                .allowedOnlyWhen()
                .ifPresent(when -> calls.add(condition("allowedOnlyWhen", when)));
        validation.conflictsWith().forEach(key -> calls.add(call("conflictsWith", option(key))));
        CodeBlock type = CodeBlock.of("$T." + option.type().name(), valueType);
        CodeBlock start = CodeBlock.of("$T.option($L, $L,", optionRule, option(option.key()), type);
        return chain(head(start, PlainText.of(AllowedValues.describe(option))), calls);
    }

    private CodeBlock option(String key) {
        return CodeBlock.of(
                "$T.$N",
                targets.optionsClass(),
                spec.requireOption(key).constantName(spec.connector()));
    }

    private CodeBlock condition(String method, OptionCondition when) {
        CodeBlock values =
                when.equals().stream()
                        .map(value -> CodeBlock.of("$S", value))
                        .collect(CodeBlock.joining(",$W"));
        // $W wraps a long list of values, so no line of the table runs past 100 columns.
        return CodeBlock.of(".$N($L,$W$L)", method, option(when.option()), values);
    }

    /** A bound as a Java literal of the option's type, so the engine compares like Java does. */
    private static CodeBlock number(OptionSpec option, BigDecimal value) {
        return switch (option.type()) {
            case LONG -> CodeBlock.of("$LL", value.longValueExact());
            case DOUBLE -> CodeBlock.of("$L", value.doubleValue());
            default -> CodeBlock.of("$L", value.intValueExact());
        };
    }

    // ---- DDL constraints -------------------------------------------------------------------

    private CodeBlock ddlRule(DdlConstraint constraint) {
        List<CodeBlock> calls = new ArrayList<>();
        constraint.column().ifPresent(column -> calls.add(call("column", text(column))));
        if (!constraint.typeFamilies().isEmpty()) {
            List<String> families =
                    constraint.typeFamilies().stream().map(TypeFamily::specName).toList();
            calls.add(call("typeFamilies", strings(families)));
        }
        constraint.whenOption().ifPresent(key -> calls.add(call("whenOption", option(key))));
        constraint.maxColumns().ifPresent(max -> calls.add(CodeBlock.of(".maxColumns($L)", max)));
        CodeBlock start =
                CodeBlock.of(
                        "$T.constraint($S, $S,",
                        ddlRule,
                        constraint.id(),
                        constraint.check().specName());
        return chain(head(start, PlainText.of(constraint.message())), calls);
    }

    // ---- layout ----------------------------------------------------------------------------

    private static CodeBlock call(String method, CodeBlock argument) {
        return CodeBlock.of(".$N($L)", method, argument);
    }

    private static void addIf(List<CodeBlock> calls, boolean condition, String method) {
        if (condition) {
            calls.add(CodeBlock.of(".$N()", method));
        }
    }

    private static CodeBlock strings(List<String> values) {
        return values.stream()
                .map(value -> CodeBlock.of("$S", value))
                .collect(CodeBlock.joining(", "));
    }

    /**
     * A factory call whose last argument is {@code text}: on one line when it fits, else with the
     * text on a line of its own, or as a text block.
     */
    private CodeBlock head(CodeBlock start, String text) {
        CodeBlock literal = text(text);
        CodeBlock oneLine = CodeBlock.of("$L $L)", start, literal);
        if (literal.toString().startsWith("\"\"\"") || fits(ELEMENT_INDENT, oneLine)) {
            return oneLine;
        }
        return CodeBlock.of("$L\n$>$>$L)$<$<", start, literal);
    }

    /**
     * {@code head} and its calls: on one line when it fits, else the calls on one continuation
     * line, else one call per line.
     */
    private CodeBlock chain(CodeBlock head, List<CodeBlock> calls) {
        CodeBlock joined = CodeBlock.join(calls, "");
        if (calls.isEmpty()) {
            return head;
        }
        if (fits(ELEMENT_INDENT, head, joined)) {
            return CodeBlock.of("$L$L", head, joined);
        }
        if (fits(ELEMENT_INDENT + 8, joined)) {
            return CodeBlock.of("$L\n$>$>$L$<$<", head, joined);
        }
        return CodeBlock.of("$L\n$>$>$L$<$<", head, CodeBlock.join(calls, "\n"));
    }

    /** Whether the blocks fit on one line, written with simple type names as JavaPoet imports. */
    private boolean fits(int indent, CodeBlock... blocks) {
        int length = indent + 1; // the trailing comma
        for (CodeBlock block : blocks) {
            String code = block.toString();
            if (code.contains("\n")) {
                return false;
            }
            code =
                    code.replace(
                            targets.optionsClass().canonicalName(),
                            targets.optionsClass().simpleName());
            for (ClassName imported : List.of(optionRule, ddlRule, valueType)) {
                code = code.replace(imported.canonicalName() + ".", "");
            }
            length += code.length();
        }
        return length <= LINE_LIMIT;
    }

    /** A string literal that fits after a call on a continuation line. */
    private static CodeBlock text(String value) {
        return JavaFiles.stringLiteral(value, LINE_LIMIT - ELEMENT_INDENT - 8 - 2);
    }
}
