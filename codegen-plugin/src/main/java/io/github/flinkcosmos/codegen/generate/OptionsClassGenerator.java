package io.github.flinkcosmos.codegen.generate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import io.github.flinkcosmos.codegen.spec.AllowedValues;
import io.github.flinkcosmos.codegen.spec.ConnectorSpec;
import io.github.flinkcosmos.codegen.spec.DurationValue;
import io.github.flinkcosmos.codegen.spec.EnumValue;
import io.github.flinkcosmos.codegen.spec.OptionSpec;
import io.github.flinkcosmos.codegen.spec.OptionType;
import io.github.flinkcosmos.codegen.spec.PlainText;

import javax.lang.model.element.Modifier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Generates the ConfigOptions class, in the shape of Flink's own {@code KafkaConnectorOptions}: one
 * constant per option, grouped under a banner per spec group, plus the lists a factory returns from
 * {@code requiredOptions()} and {@code optionalOptions()}.
 */
public final class OptionsClassGenerator {

    private final ConnectorSpec spec;
    private final JavaTargets targets;

    public OptionsClassGenerator(ConnectorSpec spec, JavaTargets targets) {
        this.spec = spec;
        this.targets = targets;
    }

    public GeneratedFile generate() {
        ClassName className = targets.optionsClass();
        TypeSpec.Builder type =
                TypeSpec.classBuilder(className)
                        .addJavadoc(
                                "Options of the $L connector ($L).\n",
                                spec.connector().title(),
                                "{@code 'connector' = '" + spec.connector().identifier() + "'}")
                        .addAnnotation(Flink.PUBLIC_EVOLVING)
                        .addModifiers(Modifier.PUBLIC, Modifier.FINAL);
        Map<String, String> banners = new LinkedHashMap<>();
        for (Map.Entry<String, List<OptionSpec>> group : groups().entrySet()) {
            banners.put(group.getValue().get(0).constantName(spec.connector()), group.getKey());
            group.getValue().forEach(option -> type.addField(optionField(option)));
        }
        type.addField(
                optionList(
                        "REQUIRED_OPTIONS", "Options every table must set.", OptionSpec::required));
        type.addField(
                optionList(
                        "OPTIONAL_OPTIONS",
                        "Options a table may set; unset ones take their default.",
                        option -> !option.required()));
        type.addField(
                optionList(
                        "SENSITIVE_OPTIONS",
                        "Options whose values must never appear in messages, logs or plans.",
                        OptionSpec::sensitive));
        type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        for (OptionSpec option : spec.options()) {
            if (option.type() == OptionType.ENUM) {
                type.addType(enumType(option));
            }
        }
        GeneratedFile file = JavaFiles.write(spec, className.packageName(), type.build());
        return new GeneratedFile(file.relativePath(), insertBanners(file.content(), banners));
    }

    /** The options by group, groups in the order they first appear, options in spec order. */
    private Map<String, List<OptionSpec>> groups() {
        Map<String, List<OptionSpec>> groups = new LinkedHashMap<>();
        for (OptionSpec option : spec.options()) {
            groups.computeIfAbsent(option.group(), group -> new ArrayList<>()).add(option);
        }
        return groups;
    }

    private FieldSpec optionField(OptionSpec option) {
        TypeName valueType = targets.optionValueType(option);
        CodeBlock.Builder initializer =
                CodeBlock.builder()
                        .add("$T.key($S)\n", Flink.CONFIG_OPTIONS, option.key())
                        .indent()
                        .indent()
                        .add(typeCall(option))
                        .add("\n")
                        .add(defaultCall(option))
                        .add("\n.withDescription(\n")
                        .indent()
                        .indent()
                        .add(description(option))
                        .add(")")
                        .unindent()
                        .unindent()
                        .unindent()
                        .unindent();
        return FieldSpec.builder(
                        ParameterizedTypeName.get(Flink.CONFIG_OPTION, valueType),
                        option.constantName(spec.connector()),
                        Modifier.PUBLIC,
                        Modifier.STATIC,
                        Modifier.FINAL)
                .addJavadoc("$L", JavaFiles.javadoc(javadocText(option)))
                .initializer(initializer.build())
                .build();
    }

    private String javadocText(OptionSpec option) {
        StringBuilder text = new StringBuilder(option.description());
        text.append("\n\nAllowed: ").append(AllowedValues.describe(option)).append('.');
        option.defaultValue()
                .ifPresent(value -> text.append(" Default: `").append(value).append("`."));
        if (option.required()) {
            text.append(" Required.");
        }
        if (option.sensitive()) {
            text.append(" Sensitive: never shown in messages, logs or plans.");
        }
        return text.toString();
    }

    private CodeBlock description(OptionSpec option) {
        CodeBlock.Builder description =
                CodeBlock.builder()
                        .add("$T.builder()\n", Flink.DESCRIPTION)
                        .indent()
                        .indent()
                        .add(".text($S)\n", flinkText(option.description()));
        if (option.type() != OptionType.ENUM && option.type() != OptionType.BOOLEAN) {
            description
                    .add(".linebreak()\n")
                    .add(
                            ".text($S)\n",
                            flinkText("Allowed: " + AllowedValues.describe(option) + "."));
        }
        option.example()
                .ifPresent(
                        example ->
                                description
                                        .add(".linebreak()\n")
                                        .add(".text($S)\n", flinkText("For example: " + example)));
        if (option.sensitive()) {
            description
                    .add(".linebreak()\n")
                    .add(
                            ".text($S)\n",
                            "The value is sensitive: it never appears in messages, logs or plans.");
        }
        return description.add(".build()").unindent().unindent().build();
    }

    /**
     * Description text for Flink: plain text, and since Flink formats it with {@code
     * String.format}, a lone % doubled.
     */
    private static String flinkText(String markdown) {
        return PlainText.of(markdown).replace("%", "%%");
    }

    private CodeBlock typeCall(OptionSpec option) {
        switch (option.type()) {
            case INTEGER:
                return CodeBlock.of(".intType()");
            case LONG:
                return CodeBlock.of(".longType()");
            case DOUBLE:
                return CodeBlock.of(".doubleType()");
            case BOOLEAN:
                return CodeBlock.of(".booleanType()");
            case DURATION:
                return CodeBlock.of(".durationType()");
            case ENUM:
                return CodeBlock.of(".enumType($T.class)", targets.optionEnum(option));
            case STRING:
            default:
                return CodeBlock.of(".stringType()");
        }
    }

    private CodeBlock defaultCall(OptionSpec option) {
        if (option.defaultValue().isEmpty()) {
            return CodeBlock.of(".noDefaultValue()");
        }
        String value = option.defaultValue().get();
        switch (option.type()) {
            case INTEGER:
            case BOOLEAN:
                return CodeBlock.of(".defaultValue($L)", value);
            case LONG:
                return CodeBlock.of(".defaultValue($LL)", value);
            case DOUBLE:
                return CodeBlock.of(
                        ".defaultValue($L)", value.contains(".") ? value : value + ".0");
            case DURATION:
                return CodeBlock.of(
                        ".defaultValue($T.ofMillis($LL))",
                        Duration.class,
                        DurationValue.parse(value).orElseThrow().toMillis());
            case ENUM:
                return CodeBlock.of(
                        ".defaultValue($T.$L)", targets.optionEnum(option), enumConstant(value));
            case STRING:
            default:
                return CodeBlock.of(".defaultValue($S)", value);
        }
    }

    private FieldSpec optionList(String name, String javadoc, Predicate<OptionSpec> filter) {
        List<CodeBlock> members = new ArrayList<>();
        for (OptionSpec option : spec.options()) {
            if (filter.test(option)) {
                members.add(CodeBlock.of("$N", option.constantName(spec.connector())));
            }
        }
        TypeName listType =
                ParameterizedTypeName.get(
                        ClassName.get(List.class),
                        ParameterizedTypeName.get(
                                Flink.CONFIG_OPTION, WildcardTypeName.subtypeOf(Object.class)));
        return FieldSpec.builder(listType, name, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("$L\n", javadoc)
                .initializer("$T.of(\n$>$>$L$<$<)", List.class, CodeBlock.join(members, ",\n"))
                .build();
    }

    private TypeSpec enumType(OptionSpec option) {
        ClassName name = targets.optionEnum(option);
        TypeSpec.Builder type =
                TypeSpec.enumBuilder(name)
                        .addJavadoc(
                                "Values of {@link #$L}.\n", option.constantName(spec.connector()))
                        .addModifiers(Modifier.PUBLIC)
                        .addSuperinterface(Flink.DESCRIBED_ENUM);
        for (EnumValue value : option.values()) {
            type.addEnumConstant(
                    enumConstant(value.name()),
                    TypeSpec.anonymousClassBuilder(
                                    "$S, $S", value.name(), flinkText(value.description()))
                            .addJavadoc("$L", JavaFiles.javadoc(value.description()))
                            .build());
        }
        type.addField(String.class, "value", Modifier.PRIVATE, Modifier.FINAL)
                .addField(String.class, "description", Modifier.PRIVATE, Modifier.FINAL)
                .addMethod(
                        MethodSpec.constructorBuilder()
                                .addParameter(String.class, "value")
                                .addParameter(String.class, "description")
                                .addStatement("this.value = value")
                                .addStatement("this.description = description")
                                .build())
                .addMethod(
                        MethodSpec.methodBuilder("toString")
                                .addJavadoc(
                                        "The value as written in a DDL, for example {@code $L}.\n",
                                        option.values().get(0).name())
                                .addAnnotation(Override.class)
                                .addModifiers(Modifier.PUBLIC)
                                .returns(String.class)
                                .addStatement("return value")
                                .build())
                .addMethod(
                        MethodSpec.methodBuilder("getDescription")
                                .addAnnotation(Override.class)
                                .addModifiers(Modifier.PUBLIC)
                                .returns(Flink.INLINE_ELEMENT)
                                .addStatement("return $T.text(description)", Flink.TEXT_ELEMENT)
                                .build());
        return type.build();
    }

    private static String enumConstant(String value) {
        return value.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /**
     * javapoet has no comments between members, so the group banners go in afterwards: before the
     * Javadoc of each group's first constant.
     */
    private static String insertBanners(String source, Map<String, String> bannersByConstant) {
        List<String> lines = new ArrayList<>(source.lines().toList());
        for (Map.Entry<String, String> banner : bannersByConstant.entrySet()) {
            int declaration = -1;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.startsWith("    public static final ConfigOption<")
                        && line.contains("> " + banner.getKey() + " =")) {
                    declaration = i;
                    break;
                }
            }
            int javadocStart = declaration;
            while (javadocStart > 0 && !lines.get(javadocStart).trim().equals("/**")) {
                javadocStart--;
            }
            String title = "// ---- " + banner.getValue() + " ";
            lines.add(javadocStart, "    " + title + "-".repeat(Math.max(4, 96 - title.length())));
            lines.add(javadocStart + 1, "");
        }
        return String.join("\n", lines) + "\n";
    }
}
