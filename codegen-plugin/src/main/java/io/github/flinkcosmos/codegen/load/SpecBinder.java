package io.github.flinkcosmos.codegen.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinkcosmos.codegen.spec.Connector;
import io.github.flinkcosmos.codegen.spec.ConnectorSpec;
import io.github.flinkcosmos.codegen.spec.Ddl;
import io.github.flinkcosmos.codegen.spec.DdlCheck;
import io.github.flinkcosmos.codegen.spec.DdlConstraint;
import io.github.flinkcosmos.codegen.spec.EnumValue;
import io.github.flinkcosmos.codegen.spec.MetricSpec;
import io.github.flinkcosmos.codegen.spec.OptionCondition;
import io.github.flinkcosmos.codegen.spec.OptionSpec;
import io.github.flinkcosmos.codegen.spec.OptionType;
import io.github.flinkcosmos.codegen.spec.OptionValidation;
import io.github.flinkcosmos.codegen.spec.Redaction;
import io.github.flinkcosmos.codegen.spec.ReferencePage;
import io.github.flinkcosmos.codegen.spec.RetryBackoff;
import io.github.flinkcosmos.codegen.spec.ServiceLimit;
import io.github.flinkcosmos.codegen.spec.StatusClass;
import io.github.flinkcosmos.codegen.spec.StatusClassification;
import io.github.flinkcosmos.codegen.spec.StatusCodeRange;
import io.github.flinkcosmos.codegen.spec.StatusOverride;
import io.github.flinkcosmos.codegen.spec.StatusRule;
import io.github.flinkcosmos.codegen.spec.TypeFamily;
import io.github.flinkcosmos.codegen.spec.TypeMapping;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * Turns a tree that satisfies the spec schema into the immutable spec model, reading the reference
 * page's fragments from the spec's folder. Shape errors are the schema's job; this class only
 * reports what the schema cannot see: fragment files that cannot be read.
 */
final class SpecBinder {

    private final LocatedYaml yaml;
    private final List<SpecProblem> problems = new ArrayList<>();

    SpecBinder(LocatedYaml yaml) {
        this.yaml = yaml;
    }

    ConnectorSpec bind() throws SpecException {
        JsonNode root = yaml.root();
        List<OptionSpec> options = new ArrayList<>();
        JsonNode optionNodes = root.get("options");
        for (int i = 0; i < optionNodes.size(); i++) {
            options.add(bindOption(optionNodes.get(i), SpecPath.of("options", i)));
        }
        String idColumn = root.get("ddl").get("id-column").asText();
        ConnectorSpec spec =
                new ConnectorSpec(
                        yaml.file(),
                        bindConnector(root.get("connector")),
                        options,
                        bindReferencePage(root.get("reference-page")),
                        bindRetryBackoff(root.get("retry-backoff")),
                        bindStatusClassification(root.get("status-classification")),
                        new Ddl(
                                idColumn,
                                list(
                                        root.get("ddl").get("constraints"),
                                        constraint -> bindDdlConstraint(constraint, idColumn))),
                        list(
                                root.get("metrics"),
                                metric ->
                                        new MetricSpec(
                                                metric.get("name").asText(),
                                                MetricSpec.MetricType.valueOf(
                                                        metric.get("type")
                                                                .asText()
                                                                .toUpperCase(Locale.ROOT)),
                                                metric.get("description").asText().strip())),
                        list(
                                root.get("type-mapping"),
                                mapping ->
                                        new TypeMapping(
                                                mapping.get("flink").asText(),
                                                mapping.get("json").asText().strip(),
                                                mapping.get("example").asText())),
                        list(
                                root.path("service-limits"),
                                limit ->
                                        new ServiceLimit(
                                                limit.get("name").asText(),
                                                limit.get("value").asInt(),
                                                limit.get("description").asText().strip())));
        if (!problems.isEmpty()) {
            throw new SpecException(problems);
        }
        return spec;
    }

    private static Connector bindConnector(JsonNode node) {
        return new Connector(
                node.get("identifier").asText(),
                node.get("title").asText(),
                node.get("summary").asText().strip());
    }

    private OptionSpec bindOption(JsonNode node, SpecPath path) {
        OptionType type = OptionType.fromSpecName(node.get("type").asText());
        checkDefaultIsWrittenAsText(node, type, path);
        return new OptionSpec(
                node.get("key").asText(),
                type,
                node.path("required").asBoolean(false),
                node.path("sensitive").asBoolean(false),
                text(node, "redaction")
                        .map(name -> Redaction.valueOf(name.toUpperCase(Locale.ROOT))),
                node.get("group").asText(),
                node.get("description").asText().strip(),
                text(node, "default"),
                text(node, "default-description"),
                text(node, "example"),
                list(
                        node.get("values"),
                        value ->
                                new EnumValue(
                                        value.get("name").asText(),
                                        value.get("description").asText().strip())),
                text(node, "enum-class"),
                bindValidation(node.get("validation")));
    }

    /**
     * YAML 1.1 reads an unquoted {@code 010} as the number 8 and {@code no} as false, so a text
     * default must be quoted to keep what was written.
     */
    private void checkDefaultIsWrittenAsText(JsonNode option, OptionType type, SpecPath path) {
        JsonNode value = option.get("default");
        boolean textType =
                type == OptionType.STRING || type == OptionType.ENUM || type == OptionType.DURATION;
        if (value != null && textType && !value.isTextual()) {
            problems.add(
                    yaml.problem(
                            path.field("default"),
                            "the default of "
                                    + type.specName()
                                    + " option '"
                                    + option.get("key").asText()
                                    + "' must be quoted, like '"
                                    + value.asText()
                                    + "': unquoted, YAML reads it as a "
                                    + (value.isBoolean() ? "boolean" : "number")
                                    + " and may change it"));
        }
    }

    private static OptionValidation bindValidation(JsonNode node) {
        if (node == null) {
            return OptionValidation.NONE;
        }
        return new OptionValidation(
                number(node, "min"),
                number(node, "max"),
                text(node, "not-less-than"),
                list(node.get("url-schemes"), JsonNode::asText),
                node.has("list"),
                text(node, "pattern"),
                text(node, "pattern-description"),
                condition(node.get("required-when")),
                condition(node.get("allowed-only-when")),
                list(node.get("conflicts-with"), JsonNode::asText));
    }

    private static Optional<OptionCondition> condition(JsonNode node) {
        return node == null
                ? Optional.empty()
                : Optional.of(
                        new OptionCondition(
                                node.get("option").asText(),
                                // One value, or a list of them: the condition holds for any.
                                node.get("equals").isArray()
                                        ? list(node.get("equals"), JsonNode::asText)
                                        : List.of(node.get("equals").asText())));
    }

    private ReferencePage bindReferencePage(JsonNode node) {
        List<ReferencePage.Section> sections = new ArrayList<>();
        JsonNode sectionNodes = node.get("sections");
        for (int s = 0; s < sectionNodes.size(); s++) {
            JsonNode section = sectionNodes.get(s);
            List<ReferencePage.Block> blocks = new ArrayList<>();
            JsonNode content = section.get("content");
            for (int b = 0; b < content.size(); b++) {
                SpecPath path =
                        SpecPath.of("reference-page", "sections", s, "content", b)
                                .field("fragment");
                blocks.add(bindBlock(content.get(b), path));
            }
            sections.add(new ReferencePage.Section(section.get("title").asText(), blocks));
        }
        return new ReferencePage(node.get("file-name").asText(), sections);
    }

    private ReferencePage.Block bindBlock(JsonNode block, SpecPath fragmentPath) {
        if (block.has("generated")) {
            String kind = block.get("generated").asText();
            return new ReferencePage.Generated(
                    ReferencePage.GeneratedBlock.valueOf(
                            kind.toUpperCase(Locale.ROOT).replace('-', '_')));
        }
        String relativePath = block.get("fragment").asText();
        Path file = yaml.file().toAbsolutePath().getParent().resolve(relativePath);
        try {
            String markdown = Files.readString(file, StandardCharsets.UTF_8);
            return new ReferencePage.Fragment(relativePath, markdown.replace("\r\n", "\n").strip());
        } catch (IOException e) {
            problems.add(
                    yaml.problem(
                            fragmentPath,
                            "cannot read fragment '"
                                    + relativePath
                                    + "' (looked for "
                                    + file.normalize()
                                    + "); create it or fix the path, which is relative to the spec"));
            return new ReferencePage.Fragment(relativePath, "");
        }
    }

    private static RetryBackoff bindRetryBackoff(JsonNode node) {
        return new RetryBackoff(
                node.get("max-attempts").asText(),
                node.get("initial-delay").asText(),
                node.get("max-delay").asText(),
                node.get("multiplier").asText());
    }

    private static StatusClassification bindStatusClassification(JsonNode node) {
        Map<StatusClass, String> effects = new EnumMap<>(StatusClass.class);
        node.get("effects")
                .fields()
                .forEachRemaining(
                        effect ->
                                effects.put(
                                        StatusClass.valueOf(effect.getKey()),
                                        effect.getValue().asText().strip()));
        return new StatusClassification(
                StatusClass.valueOf(node.get("default").asText()),
                list(
                        node.get("rules"),
                        rule ->
                                new StatusRule(
                                        codes(rule.get("codes")),
                                        StatusClass.valueOf(rule.get("class").asText()))),
                effects,
                node.has("operation-overrides")
                        ? list(
                                node.get("operation-overrides"),
                                override ->
                                        new StatusOverride(
                                                override.get("operation").asText(),
                                                codes(override.get("codes")),
                                                override.has("sub-status")
                                                        ? Optional.of(
                                                                override.get("sub-status").asInt())
                                                        : Optional.empty(),
                                                StatusClass.valueOf(override.get("class").asText()),
                                                override.get("reason").asText().strip()))
                        : List.of());
    }

    /** {@code "500-599"} is one range; {@code [408, 429]} is one single-code range each. */
    static List<StatusCodeRange> codes(JsonNode codes) {
        if (codes.isTextual()) {
            String[] bounds = codes.asText().split("-");
            return List.of(
                    new StatusCodeRange(Integer.parseInt(bounds[0]), Integer.parseInt(bounds[1])));
        }
        return list(codes, code -> StatusCodeRange.of(code.asInt()));
    }

    private static DdlConstraint bindDdlConstraint(JsonNode node, String idColumn) {
        DdlCheck check = DdlCheck.fromSpecName(node.get("check").asText());
        boolean columnCheck = check == DdlCheck.COLUMN_EXISTS || check == DdlCheck.COLUMN_TYPE;
        return new DdlConstraint(
                node.get("id").asText(),
                check,
                columnCheck
                        ? text(node, "column").or(() -> Optional.of(idColumn))
                        : text(node, "column"),
                list(node.get("type-families"), family -> TypeFamily.fromSpecName(family.asText())),
                text(node, "when-option"),
                node.has("max-columns")
                        ? OptionalInt.of(node.get("max-columns").asInt())
                        : OptionalInt.empty(),
                node.get("message").asText().strip(),
                node.get("docs").asText().strip());
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    private static Optional<BigDecimal> number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null ? Optional.empty() : Optional.of(value.decimalValue());
    }

    private static <T> List<T> list(JsonNode array, Function<JsonNode, T> element) {
        List<T> elements = new ArrayList<>();
        if (array != null) {
            array.forEach(item -> elements.add(element.apply(item)));
        }
        return elements;
    }
}
