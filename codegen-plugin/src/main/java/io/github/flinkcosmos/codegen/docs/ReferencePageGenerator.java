package io.github.flinkcosmos.codegen.docs;

import io.github.flinkcosmos.codegen.generate.GeneratedFile;
import io.github.flinkcosmos.codegen.generate.MetricNamesGenerator;
import io.github.flinkcosmos.codegen.spec.AllowedValues;
import io.github.flinkcosmos.codegen.spec.ConnectorSpec;
import io.github.flinkcosmos.codegen.spec.DdlConstraint;
import io.github.flinkcosmos.codegen.spec.EnumValue;
import io.github.flinkcosmos.codegen.spec.MetricSpec;
import io.github.flinkcosmos.codegen.spec.OptionSpec;
import io.github.flinkcosmos.codegen.spec.OptionType;
import io.github.flinkcosmos.codegen.spec.OptionValidation;
import io.github.flinkcosmos.codegen.spec.ReferencePage;
import io.github.flinkcosmos.codegen.spec.RetryBackoff;
import io.github.flinkcosmos.codegen.spec.ServiceLimit;
import io.github.flinkcosmos.codegen.spec.StatusClassification;
import io.github.flinkcosmos.codegen.spec.StatusCodeRange;
import io.github.flinkcosmos.codegen.spec.StatusOverride;
import io.github.flinkcosmos.codegen.spec.StatusRule;
import io.github.flinkcosmos.codegen.spec.TypeMapping;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Generates the reference page: the outline of {@code reference-page} in the spec, with the
 * hand-written fragments in place and the option tables, schema rules, retry formula and status
 * table rendered from the spec. Writes Markdown for a documentation site and the same page as
 * standalone HTML.
 */
public final class ReferencePageGenerator {

    /** How many retry delays the worked example lists at most. */
    private static final int MAX_EXAMPLE_ATTEMPTS = 10;

    private final ConnectorSpec spec;

    public ReferencePageGenerator(ConnectorSpec spec) {
        this.spec = spec;
    }

    public List<GeneratedFile> generate() {
        String body = body();
        String name = spec.referencePage().fileName();
        return List.of(
                new GeneratedFile(Path.of(name + ".md"), "<!-- " + header() + " -->\n\n" + body),
                new GeneratedFile(
                        Path.of(name + ".html"), HtmlPage.render(pageTitle(), header(), body)));
    }

    private String header() {
        return "Generated from "
                + spec.source().getFileName()
                + " by cosmos-codegen-maven-plugin. Do not edit: change the spec or its fragments"
                + " and regenerate (see the README).";
    }

    private String body() {
        StringBuilder page = new StringBuilder();
        page.append("# ").append(pageTitle()).append("\n\n");
        page.append(spec.connector().summary()).append("\n");
        for (ReferencePage.Section section : spec.referencePage().sections()) {
            page.append("\n## ").append(section.title()).append("\n");
            for (ReferencePage.Block block : section.content()) {
                page.append('\n').append(render(block)).append('\n');
            }
        }
        return page.toString();
    }

    private String pageTitle() {
        return spec.connector().title() + " SQL connector";
    }

    private String render(ReferencePage.Block block) {
        if (block instanceof ReferencePage.Fragment fragment) {
            return fragment.markdown();
        }
        switch (((ReferencePage.Generated) block).kind()) {
            case OPTIONS:
                return options();
            case DDL_CONSTRAINTS:
                return ddlConstraints();
            case RETRY_BACKOFF:
                return retryBackoff();
            case METRICS:
                return metrics();
            case TYPE_MAPPING:
                return typeMapping();
            case SERVICE_LIMITS:
                return serviceLimits();
            case STATUS_CLASSIFICATION:
            default:
                return statusClassification();
        }
    }

    private String metrics() {
        MarkdownTable table = new MarkdownTable("Metric", "Type", "Description");
        for (MetricSpec metric : spec.metrics()) {
            table.row(
                    "`" + MetricNamesGenerator.GROUP + "." + metric.name() + "`",
                    metric.type().name().charAt(0)
                            + metric.type().name().substring(1).toLowerCase(Locale.ROOT),
                    metric.description());
        }
        return "Each sink writer registers these in its metric group, beside the AsyncSink's own"
                + " (such as `numRecordsOut`):\n\n"
                + table.render().stripTrailing();
    }

    private String serviceLimits() {
        MarkdownTable table = new MarkdownTable("Limit", "Value", "What it says");
        for (ServiceLimit limit : spec.serviceLimits()) {
            table.row(
                    "`" + limit.name() + "`", "%,d".formatted(limit.value()), limit.description());
        }
        return """
                The sink checks every row against the Cosmos DB service's own limits before it \
                sends it, so that a row the service would refuse fails with a message that names \
                its document id (or, when the id is the problem, its first 64 bytes and its \
                length), the limit and its value, never the document's content. The rows \
                before it are written first.

                """
                + table.render().stripTrailing();
    }

    private String typeMapping() {
        MarkdownTable table = new MarkdownTable("Flink SQL type", "JSON", "Example");
        for (TypeMapping mapping : spec.typeMapping()) {
            table.row(
                    "`" + mapping.flinkType() + "`", mapping.json(), "`" + mapping.example() + "`");
        }
        return "Every column becomes a property of the document, named like the column, with values"
                + " written as follows. NULL is written as `null`.\n\n"
                + table.render().stripTrailing();
    }

    // ---- options ---------------------------------------------------------------------------

    private String options() {
        MarkdownTable required = optionTable();
        required.row(
                "`connector`",
                "Yes",
                "(none)",
                "String",
                "Must be `" + spec.connector().identifier() + "`.");
        MarkdownTable optional = optionTable();
        spec.options().stream()
                .sorted(Comparator.comparing(OptionSpec::key))
                .forEach(option -> addOptionRow(option.required() ? required : optional, option));
        return "### Required options\n\n"
                + required.render()
                + "\n### Optional options\n\n"
                + optional.render().stripTrailing();
    }

    private static MarkdownTable optionTable() {
        return new MarkdownTable("Option", "Required", "Default", "Type", "Description");
    }

    private static void addOptionRow(MarkdownTable table, OptionSpec option) {
        StringBuilder description = new StringBuilder(option.description());
        if (option.type() == OptionType.ENUM) {
            description.append(" Values: ");
            description.append(
                    option.values().stream()
                            .map(value -> "`" + value.name() + "`: " + uncapitalizeEnd(value))
                            .collect(Collectors.joining("; ")));
            description.append('.');
        } else if (option.type() != OptionType.BOOLEAN) {
            description.append(" Allowed: ").append(AllowedValues.describe(option)).append('.');
        }
        description.append(crossOptionRules(option.validation()));
        option.example()
                .ifPresent(
                        example ->
                                description.append(" For example `").append(example).append("`."));
        if (option.sensitive()) {
            description.append(
                    " Sensitive: the connector never shows it in messages, logs or plans.");
        }
        table.row(
                "`" + option.key() + "`",
                option.required() ? "Yes" : "No",
                option.defaultValue()
                        .map(value -> "`" + value + "`")
                        .or(option::defaultDescription)
                        .orElse("(none)"),
                option.type().displayName(),
                description.toString());
    }

    /** The rules that relate the option to others, as sentences; empty when there are none. */
    private static String crossOptionRules(OptionValidation validation) {
        StringBuilder text = new StringBuilder();
        validation
                .requiredWhen()
                .ifPresent(
                        when ->
                                text.append(
                                        " Required when `%s` is %s."
                                                .formatted(
                                                        when.option(), when.describeValues("`"))));
        validation
                .allowedOnlyWhen()
                .ifPresent(
                        when ->
                                text.append(
                                        " Only allowed when `%s` is %s."
                                                .formatted(
                                                        when.option(), when.describeValues("`"))));
        if (!validation.conflictsWith().isEmpty()) {
            text.append(
                    " Cannot be used together with %s."
                            .formatted(
                                    validation.conflictsWith().stream()
                                            .map("`%s`"::formatted)
                                            .collect(Collectors.joining(" or "))));
        }
        return text.toString();
    }

    private static String uncapitalizeEnd(EnumValue value) {
        String text = value.description();
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }

    // ---- schema rules ----------------------------------------------------------------------

    private String ddlConstraints() {
        StringBuilder text =
                new StringBuilder(
                        "The sink table's DDL must satisfy these rules. They are checked when a"
                                + " statement that writes to the table is planned, before any job"
                                + " starts: an invalid table fails that statement, and every broken"
                                + " rule is reported at once.\n\n");
        List<DdlConstraint> constraints = spec.ddl().constraints();
        for (int i = 0; i < constraints.size(); i++) {
            text.append(i + 1).append(". ").append(constraints.get(i).docs()).append('\n');
        }
        return text.toString().stripTrailing();
    }

    // ---- retries ---------------------------------------------------------------------------

    private String retryBackoff() {
        RetryBackoff keys = spec.retryBackoff();
        OptionSpec initial = spec.requireOption(keys.initialDelayKey());
        OptionSpec max = spec.requireOption(keys.maxDelayKey());
        OptionSpec multiplier = spec.requireOption(keys.multiplierKey());
        OptionSpec attempts = spec.requireOption(keys.maxAttemptsKey());
        StringBuilder text = new StringBuilder();
        text.append("### Retry backoff\n\n")
                .append("Before its n-th connector-level retry, an operation waits\n\n")
                .append("```\n")
                .append("delay(n) = min(")
                .append(initial.key())
                .append(" × ")
                .append(multiplier.key())
                .append("^(n − 1), ")
                .append(max.key())
                .append(")\n```\n\n")
                .append("An operation that still fails after `")
                .append(attempts.key())
                .append("` retries fails the job, naming the status codes and how many")
                .append(" operations failed.");
        if (initial.defaultValue().isPresent()
                && max.defaultValue().isPresent()
                && multiplier.defaultValue().isPresent()
                && attempts.defaultValue().isPresent()) {
            text.append(' ').append(defaultDelays(initial, max, multiplier, attempts));
        }
        return text.toString();
    }

    private static String defaultDelays(
            OptionSpec initial, OptionSpec max, OptionSpec multiplier, OptionSpec attempts) {
        BigDecimal initialDelay = new BigDecimal(initial.defaultValue().get());
        BigDecimal maxDelay = new BigDecimal(max.defaultValue().get());
        BigDecimal factor = new BigDecimal(multiplier.defaultValue().get());
        int count = Integer.parseInt(attempts.defaultValue().get());
        MarkdownTable table = new MarkdownTable("Retry", "Delay");
        BigDecimal delay = initialDelay;
        for (int n = 1; n <= Math.min(count, MAX_EXAMPLE_ATTEMPTS); n++) {
            table.row(
                    Integer.toString(n),
                    delay.min(maxDelay).stripTrailingZeros().toPlainString() + " ms");
            delay = delay.multiply(factor);
        }
        return "With the defaults ("
                + initial.key()
                + " = "
                + initial.defaultValue().get()
                + ", "
                + multiplier.key()
                + " = "
                + multiplier.defaultValue().get()
                + ", "
                + max.key()
                + " = "
                + max.defaultValue().get()
                + ", "
                + attempts.key()
                + " = "
                + count
                + ") the delays are:\n\n"
                + table.render().stripTrailing();
    }

    // ---- status classification -------------------------------------------------------------

    private String statusClassification() {
        StatusClassification classification = spec.statusClassification();
        MarkdownTable table = new MarkdownTable("HTTP status", "Classification", "Effect");
        for (StatusRule rule : classification.rules()) {
            for (StatusCodeRange range : rule.codes()) {
                table.row(
                        range.toString(),
                        rule.statusClass().name(),
                        classification.effects().get(rule.statusClass()));
            }
        }
        table.row(
                "All other codes",
                classification.defaultClass().name(),
                classification.effects().get(classification.defaultClass()));
        return "### Request status classification\n\n"
                + "The built-in `DefaultCosmosRequestStatusDetector` classifies each operation of a"
                + " bulk request by its HTTP status code. The Cosmos DB client has already retried"
                + " throttled (429) requests itself before a status reaches this table.\n\n"
                + table.render().stripTrailing()
                + overrides(classification);
    }

    private static String overrides(StatusClassification classification) {
        if (classification.overrides().isEmpty()) {
            return "";
        }
        MarkdownTable table =
                new MarkdownTable("Operation", "HTTP status", "Classification", "Why");
        for (StatusOverride override : classification.overrides()) {
            String codes =
                    override.codes().stream()
                            .map(StatusCodeRange::toString)
                            .collect(Collectors.joining(", "));
            table.row(
                    "`" + override.operation() + "`",
                    override.subStatus()
                            .map(sub -> codes + " (sub-status " + sub + ")")
                            .orElse(codes),
                    override.statusClass().name(),
                    override.reason());
        }
        return "\n\nSome statuses mean something else for one kind of operation; these overrides"
                + " come first, for the built-in detector and for any detector that implements only"
                + " `classify(int, int)`:\n\n"
                + table.render().stripTrailing()
                + onlyInOverrides(classification);
    }

    /** The effect of each class that only overrides use, since the first table never says it. */
    private static String onlyInOverrides(StatusClassification classification) {
        StringBuilder effects = new StringBuilder();
        classification.overrides().stream()
                .map(StatusOverride::statusClass)
                .distinct()
                .filter(
                        statusClass ->
                                classification.defaultClass() != statusClass
                                        && classification.rules().stream()
                                                .noneMatch(
                                                        rule -> rule.statusClass() == statusClass))
                .filter(classification.effects()::containsKey)
                .forEach(
                        statusClass ->
                                effects.append("\n\n")
                                        .append(statusClass.name())
                                        .append(": ")
                                        .append(classification.effects().get(statusClass)));
        return effects.toString();
    }
}
