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
        TypeSpec type =
                TypeSpec.classBuilder(targets.rulesClass())
                        .addJavadoc(
                                "The option and DDL rules of a {@code '$L'} sink table, as the spec"
                                        + " declares them;\n{@link $T} checks a table against"
                                        + " them.\n",
                                spec.connector().identifier(),
                                sinkRules)
                        .addAnnotation(Flink.INTERNAL)
                        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                        .addField(
                                field(ClassName.get(String.class), "ID_COLUMN", Modifier.PUBLIC)
                                        .addJavadoc(
                                                "The column holding each document's id; the"
                                                        + " PRIMARY KEY's other columns are the"
                                                        + " partition key.\n")
                                        .initializer("$S", spec.ddl().idColumn())
                                        .build())
                        .addField(
                                field(listOf(optionRule), "OPTIONS", Modifier.PRIVATE)
                                        .initializer(list(optionRules()))
                                        .build())
                        .addField(
                                field(listOf(ddlRule), "CONSTRAINTS", Modifier.PRIVATE)
                                        .initializer(list(ddlRules()))
                                        .build())
                        .addField(
                                field(sinkRules, "RULES", Modifier.PUBLIC)
                                        .addJavadoc(
                                                "Every rule, in the order of the spec; the entry"
                                                        + " point is {@link $T#validate}.\n",
                                                sinkRules)
                                        .initializer(
                                                "new $T(ID_COLUMN, OPTIONS, CONSTRAINTS)",
                                                sinkRules)
                                        .build())
                        .addMethod(
                                MethodSpec.constructorBuilder()
                                        .addModifiers(Modifier.PRIVATE)
                                        .build())
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
        return FieldSpec.builder(type, name, visibility, Modifier.STATIC, Modifier.FINAL);
    }

    private static TypeName listOf(ClassName element) {
        return ParameterizedTypeName.get(ClassName.get(List.class), element);
    }

    private static CodeBlock list(List<CodeBlock> elements) {
        return CodeBlock.of("$T.of(\n$>$>$L$<$<)", List.class, CodeBlock.join(elements, ",\n"));
    }

    // ---- options ---------------------------------------------------------------------------

    private List<CodeBlock> optionRules() {
        List<CodeBlock> rules = new ArrayList<>();
        for (OptionSpec option : spec.options()) {
            OptionValidation validation = option.validation();
            List<CodeBlock> parts = new ArrayList<>();
            if (option.required()) {
                parts.add(CodeBlock.of(".required()"));
            }
            if (option.sensitive()) {
                parts.add(CodeBlock.of(".sensitive()"));
            }
            option.example().ifPresent(example -> parts.add(call("example", text(example))));
            validation.min().ifPresent(min -> parts.add(call("min", number(option, min))));
            validation.max().ifPresent(max -> parts.add(call("max", number(option, max))));
            validation.pattern().ifPresent(pattern -> parts.add(call("pattern", text(pattern))));
            if (!validation.urlSchemes().isEmpty()) {
                parts.add(
                        call(
                                "urlSchemes",
                                validation.urlSchemes().stream()
                                        .map(scheme -> CodeBlock.of("$S", scheme))
                                        .collect(CodeBlock.joining(", "))));
            }
            if (validation.commaSeparatedList()) {
                parts.add(CodeBlock.of(".commaSeparatedList()"));
            }
            validation.notLessThan().ifPresent(key -> parts.add(call("notLessThan", option(key))));
            validation.requiredWhen().ifPresent(when -> parts.add(condition("requiredWhen", when)));
            validation
                    .allowedOnlyWhen()
                    .ifPresent(when -> parts.add(condition("allowedOnlyWhen", when)));
            validation
                    .conflictsWith()
                    .forEach(key -> parts.add(call("conflictsWith", option(key))));
            CodeBlock type = CodeBlock.of("$T." + option.type().name(), valueType);
            CodeBlock head =
                    head(
                            CodeBlock.of(
                                    "$T.option($L, $L,", optionRule, option(option.key()), type),
                            PlainText.of(AllowedValues.describe(option)));
            rules.add(chain(head, parts));
        }
        return rules;
    }

    private CodeBlock option(String key) {
        return CodeBlock.of(
                "$T.$N",
                targets.optionsClass(),
                spec.requireOption(key).constantName(spec.connector()));
    }

    private CodeBlock condition(String method, OptionCondition when) {
        return CodeBlock.of(".$N($L, $S)", method, option(when.option()), when.equals());
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

    private List<CodeBlock> ddlRules() {
        List<CodeBlock> rules = new ArrayList<>();
        for (DdlConstraint constraint : spec.ddl().constraints()) {
            List<CodeBlock> parts = new ArrayList<>();
            constraint.column().ifPresent(column -> parts.add(call("column", text(column))));
            if (!constraint.typeFamilies().isEmpty()) {
                parts.add(
                        call(
                                "typeFamilies",
                                constraint.typeFamilies().stream()
                                        .map(TypeFamily::specName)
                                        .map(family -> CodeBlock.of("$S", family))
                                        .collect(CodeBlock.joining(", "))));
            }
            constraint.whenOption().ifPresent(key -> parts.add(call("whenOption", option(key))));
            constraint
                    .maxColumns()
                    .ifPresent(max -> parts.add(CodeBlock.of(".maxColumns($L)", max)));
            CodeBlock head =
                    head(
                            CodeBlock.of(
                                    "$T.constraint($S, $S,",
                                    ddlRule,
                                    constraint.id(),
                                    constraint.check().specName()),
                            PlainText.of(constraint.message()));
            rules.add(chain(head, parts));
        }
        return rules;
    }

    // ---- layout ----------------------------------------------------------------------------

    private static CodeBlock call(String method, CodeBlock argument) {
        return CodeBlock.of(".$N($L)", method, argument);
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

    /**
     * A string literal; a long one as a text block of lines joined by {@code \}, so that no
     * generated line runs past 100 columns.
     */
    private static CodeBlock text(String value) {
        CodeBlock literal = CodeBlock.of("$S", value);
        if (literal.toString().length() <= LINE_LIMIT - ELEMENT_INDENT - 8 - 2) {
            return literal;
        }
        String escaped = value.replace("\\", "\\\\").replace("\"\"\"", "\\\"\"\"");
        StringBuilder block = new StringBuilder("\"\"\"\n");
        StringBuilder line = new StringBuilder();
        for (String word : escaped.split(" ", -1)) {
            if (line.length() > 0 && line.length() + word.length() > 64) {
                block.append(line).append("\\\n");
                line.setLength(0);
            }
            line.append(word).append(' ');
        }
        block.append(line, 0, line.length() - 1).append("\"\"\"");
        return CodeBlock.of("$>$>$L$<$<", block);
    }
}
