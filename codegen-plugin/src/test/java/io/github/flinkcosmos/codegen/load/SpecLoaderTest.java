package io.github.flinkcosmos.codegen.load;

import io.github.flinkcosmos.codegen.TestSpecs;
import io.github.flinkcosmos.codegen.spec.ConnectorSpec;
import io.github.flinkcosmos.codegen.spec.OptionCondition;
import io.github.flinkcosmos.codegen.spec.OptionType;
import io.github.flinkcosmos.codegen.spec.OptionValidation;
import io.github.flinkcosmos.codegen.spec.StatusClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A spec that breaks a rule stops generation with one clear message per problem, located by file,
 * line, column and the path of the bad entry. One test per class of error.
 */
class SpecLoaderTest {

    /** The smallest valid spec; each test breaks it in one place. */
    private static final String VALID =
            """
            connector:
              identifier: cosmos
              title: Test
              summary: A test spec.
            options:
              - key: cosmos.endpoint
                type: string
                required: true
                group: connection
                description: Endpoint.
              - key: cosmos.retry.max-attempts
                type: integer
                default: 5
                group: retry
                description: Attempts.
                validation:
                  min: 1
              - key: cosmos.retry.initial-ms
                type: long
                default: 100
                group: retry
                description: First delay.
              - key: cosmos.retry.max-ms
                type: long
                default: 100
                group: retry
                description: Largest delay.
              - key: cosmos.retry.factor
                type: double
                default: 1.0
                group: retry
                description: Factor.
            reference-page:
              file-name: test
              sections:
                - title: Options
                  content:
                    - generated: options
            retry-backoff:
              max-attempts: cosmos.retry.max-attempts
              initial-delay: cosmos.retry.initial-ms
              max-delay: cosmos.retry.max-ms
              multiplier: cosmos.retry.factor
            status-classification:
              default: DROP
              rules:
                - codes: 200-299
                  class: SUCCESS
                - codes: [408, 429]
                  class: RETRY
              effects:
                SUCCESS: Done.
                RETRY: Again.
                FAIL: Stop.
                DROP: Ignore.
            metrics: []
            type-mapping: []
            ddl:
              id-column: id
              constraints:
                - id: id-column
                  check: column-exists
                  column: id
                  message: No id.
                  docs: Has an id.
            """;

    @TempDir Path dir;

    @Test
    void theMinimalSpecAndTheProjectSpecAreValid() throws Exception {
        assertThat(load(VALID).options()).hasSize(5);

        ConnectorSpec real = SpecLoader.create().load(TestSpecs.realSpecFile());
        assertThat(real.connector().identifier()).isEqualTo("cosmos");
        assertThat(real.requireOption("cosmos.retry.max-attempts").type())
                .isEqualTo(OptionType.INTEGER);
        assertThat(real.statusClassification().defaultClass()).isEqualTo(StatusClass.DROP);
    }

    @Test
    void rejectsADuplicateOptionKey() {
        String spec =
                VALID.replace(
                        "reference-page:",
                        "  - key: cosmos.endpoint\n    type: string\n    group: other\n"
                                + "    description: Again.\nreference-page:");

        assertProblem(
                spec,
                at(spec, "cosmos.endpoint", 2),
                "options[5].key: duplicate option key 'cosmos.endpoint'; it is already declared"
                        + " at line 6 (options[0])");
    }

    @Test
    void rejectsADuplicateServiceLimitName() {
        String spec =
                VALID.replace(
                        "metrics: []\n",
                        """
                        metrics: []
                        service-limits:
                          - name: idMaxBytes
                            value: 1023
                            description: An id.
                          - name: idMaxBytes
                            value: 1024
                            description: Again.
                        """);

        assertProblem(
                spec,
                at(spec, "name: idMaxBytes", 2).plusColumns("name: ".length()),
                "service-limits[1].name: duplicate service limit name 'idMaxBytes'; it is already"
                        + " used by service-limits[0]");
    }

    @Test
    void rejectsADuplicateKeyInOneYamlMapping() {
        String spec =
                VALID.replace(
                        "    group: connection\n", "    group: connection\n    group: other\n");

        SpecProblem problem = onlyProblem(spec);
        assertThat(problem.message())
                .isEqualTo(
                        "not valid YAML: duplicate key 'group' in one mapping; each key may appear once");
        assertThat(problem.line()).isEqualTo(lineOf(spec, "group: other"));
    }

    @Test
    void rejectsAnUnknownField() {
        String spec =
                VALID.replace(
                        "    group: connection\n", "    group: connection\n    colour: blue\n");

        assertProblem(
                spec,
                at(spec, "blue", 1),
                "options[0].colour: unknown field 'colour'; the fields allowed here are: key, type,"
                        + " required, sensitive, redaction, group, description, default,"
                        + " default-description, example, enum-class, values, validation");
    }

    @Test
    void rejectsAnUnknownType() {
        String spec = VALID.replace("    type: integer\n", "    type: int\n");

        assertProblem(
                spec,
                at(spec, "type: int", 1).plusColumns("type: ".length()),
                "options[1].type: unknown type 'int'; use one of: string, integer, long, double,"
                        + " boolean, duration, enum");
    }

    @Test
    void rejectsADefaultOfTheWrongType() {
        String spec = VALID.replace("    default: 5\n", "    default: five\n");

        assertProblem(
                spec,
                at(spec, "five", 1),
                "options[1].default: default 'five' of option 'cosmos.retry.max-attempts' is not an"
                        + " integer");
    }

    @Test
    void rejectsADefaultOutsideItsOwnValidation() {
        String spec = VALID.replace("    default: 5\n", "    default: 0\n");

        assertProblem(
                spec,
                at(spec, "default: 0", 1).plusColumns("default: ".length()),
                "options[1].default: default '0' of option 'cosmos.retry.max-attempts' is outside"
                        + " the option's own validation; it must be an integer of at least 1");
    }

    @Test
    void rejectsDefaultsThatBreakACrossOptionRule() {
        String spec =
                VALID.replace(
                                "    description: Largest delay.\n",
                                "    description: Largest delay.\n    validation:\n      not-less-than: cosmos.retry.initial-ms\n")
                        .replace(
                                "    default: 100\n    group: retry\n    description: Largest",
                                "    default: 50\n    group: retry\n    description: Largest");

        assertProblem(
                spec,
                at(spec, "not-less-than: ", 1).plusColumns("not-less-than: ".length()),
                "options[3].validation.not-less-than: the default of 'cosmos.retry.max-ms' (50) is"
                        + " less than the default of 'cosmos.retry.initial-ms' (100), so the"
                        + " defaults break this rule");
    }

    @Test
    void rejectsAStatusCodeCoveredByTwoRules() {
        String spec = VALID.replace("codes: [408, 429]", "codes: [408, 250]");

        assertProblem(
                spec,
                at(spec, "250", 1),
                "status-classification.rules[1].codes[1]: status 250 is covered twice: it is already"
                        + " classified SUCCESS by status-classification.rules[0] (line "
                        + lineOf(spec, "200-299")
                        + "); give each code one rule");
    }

    @Test
    void rejectsAnOverrideOfAnUnknownOperation() {
        String spec =
                VALID.replace("    DROP: Ignore.\n", OVERRIDES.replace("OPERATION_NAME", "merge"));

        assertProblem(
                spec,
                at(spec, "merge", 1),
                "status-classification.operation-overrides[0].operation: unknown operation 'merge';"
                        + " use one of: upsert, delete, create, patch, create-missing, soft-delete");
    }

    @Test
    void rejectsAFallbackForAnOperationWithoutOne() {
        String spec =
                VALID.replace(
                        "    DROP: Ignore.\n",
                        OVERRIDES
                                .replace("OPERATION_NAME", "delete")
                                .replace("class: SUCCESS", "class: FALLBACK"));

        assertProblem(
                spec,
                at(spec, "FALLBACK", 2),
                "status-classification.operation-overrides[0].class: a delete has no fallback;"
                        + " FALLBACK applies to patch and create-missing only");
    }

    @Test
    void rejectsAStatusOverriddenTwiceForOneOperation() {
        String overrides = OVERRIDES.replace("OPERATION_NAME", "create");
        String spec =
                VALID.replace(
                        "    DROP: Ignore.\n",
                        overrides + overrides.substring(overrides.indexOf("    - operation")));

        assertProblem(
                spec,
                at(spec, "[409]", 2),
                "status-classification.operation-overrides[1].codes: status 409 of a create is"
                        + " already overridden by operation-overrides[0] (line "
                        + lineOf(spec, "- operation: create")
                        + "); give each status one override");
    }

    /** Ends the effects of {@link #VALID} and adds one override of operation OPERATION_NAME. */
    private static final String OVERRIDES =
            "    DROP: Ignore.\n"
                    + "    FALLBACK: Instead.\n"
                    + "  operation-overrides:\n"
                    + "    - operation: OPERATION_NAME\n"
                    + "      codes: [409]\n"
                    + "      class: SUCCESS\n"
                    + "      reason: Why.\n";

    @Test
    void rejectsASensitiveOptionThatFlinkWouldNotMask() {
        String spec =
                VALID.replace(
                        "    required: true\n    group: connection\n",
                        "    required: true\n    sensitive: true\n    group: connection\n");

        assertProblem(
                spec,
                at(spec, "sensitive: true", 1).plusColumns("sensitive: ".length()),
                "options[0].sensitive: sensitive option 'cosmos.endpoint' is not masked by Flink,"
                        + " which masks only keys containing one of: password, secret,"
                        + " fs.azure.account.key, apikey, api-key, auth-params, service-key, token,"
                        + " basic-auth, jaas.config, http-headers. Add 'redaction: connector' to"
                        + " declare that the connector keeps the value out of messages, logs and"
                        + " plans itself (the generated validator never quotes it, and"
                        + " SENSITIVE_OPTIONS lists it for the connector to redact), or rename the"
                        + " key to contain one of those words");
    }

    @Test
    void acceptsASensitiveOptionWhoseRedactionIsDeclared() throws Exception {
        String spec =
                VALID.replace(
                        "    required: true\n    group: connection\n",
                        "    required: true\n    sensitive: true\n    redaction: connector\n    group: connection\n");

        assertThat(load(spec).options().get(0).sensitive()).isTrue();
    }

    @Test
    void rejectsAFragmentThatCannotBeRead() {
        String spec = VALID.replace("- generated: options", "- fragment: docs/missing.md");

        SpecProblem problem = onlyProblem(spec);
        assertThat(problem.path()).hasToString("reference-page.sections[0].content[0].fragment");
        assertThat(problem.line()).isEqualTo(lineOf(spec, "docs/missing.md"));
        assertThat(problem.message()).startsWith("cannot read fragment 'docs/missing.md'");
    }

    @Test
    void rejectsAnUnknownPlaceholderInADdlMessage() {
        String spec = VALID.replace("message: No id.", "message: No {table}.");

        assertProblem(
                spec,
                at(spec, "No {table}.", 1),
                "ddl.constraints[0].message: unknown placeholder {table}; a column-exists message"
                        + " may use: {column}");
    }

    @Test
    void reportsEveryProblemAtOnceInFileOrder() {
        String spec =
                VALID.replace("    type: integer\n", "    type: int\n")
                        .replace("  identifier: cosmos\n", "  identifier: cosmos\n  owner: me\n");

        assertThatThrownBy(() -> load(spec))
                .isInstanceOfSatisfying(
                        SpecException.class,
                        e -> {
                            assertThat(e.problems()).hasSize(2);
                            assertThat(e.problems().get(0).path()).hasToString("connector.owner");
                            assertThat(e.problems().get(1).path()).hasToString("options[1].type");
                            assertThat(e.getMessage())
                                    .startsWith(
                                            "The connector spec has 2 problems:\n  "
                                                    + dir.resolve("spec.yaml")
                                                    + ":3:10: connector.owner");
                        });
    }

    @Test
    void locatesADuplicateYamlKeyByItsPath() {
        String spec =
                VALID.replace(
                        "    group: connection\n", "    group: connection\n    group: other\n");

        assertThat(onlyProblem(spec).path()).hasToString("options[0].group");
    }

    /** One row per further rule: the edit, the entry it breaks, and how the message starts. */
    static Stream<Arguments> furtherRules() {
        return Stream.of(
                Arguments.of(
                        "two enum options whose keys end alike",
                        "reference-page:",
                        "  - key: cosmos.read.mode\n    type: enum\n    default: a\n    group: x\n"
                                + "    description: R.\n    values: [{name: a, description: A.}]\n"
                                + "  - key: cosmos.write.mode\n    type: enum\n    default: a\n"
                                + "    group: x\n    description: W.\n"
                                + "    values: [{name: a, description: A.}]\nreference-page:",
                        "options[6].key",
                        "enum option 'cosmos.write.mode' gets the Java enum Mode, like"),
                Arguments.of(
                        "an enum-class that names the enum of another option",
                        "reference-page:",
                        "  - key: cosmos.read.kind\n    type: enum\n    default: a\n    group: x\n"
                                + "    description: R.\n    values: [{name: a, description: A.}]\n"
                                + "  - key: cosmos.write.kind\n    type: enum\n    default: a\n"
                                + "    group: x\n    description: W.\n    enum-class: Kind\n"
                                + "    values: [{name: a, description: A.}]\nreference-page:",
                        "options[6].key",
                        "enum option 'cosmos.write.kind' gets the Java enum Kind, like"),
                Arguments.of(
                        "an enum-class on an option that is no enum",
                        "reference-page:",
                        "  - key: cosmos.name\n    type: string\n    group: x\n"
                                + "    description: N.\n    enum-class: Name\nreference-page:",
                        "options[5].enum-class",
                        "only enum options have an 'enum-class'; option 'cosmos.name' has type"),
                Arguments.of(
                        "an enum option without values",
                        "reference-page:",
                        "  - key: cosmos.mode\n    type: enum\n    group: x\n"
                                + "    description: M.\nreference-page:",
                        "options[5].type",
                        "enum option 'cosmos.mode' needs a 'values' list"),
                Arguments.of(
                        "a bound that is not whole for an integer option",
                        "      min: 1\n",
                        "      min: 1.5\n",
                        "options[1].validation.min",
                        "bound 1.5 of integer option 'cosmos.retry.max-attempts' must be a whole"),
                Arguments.of(
                        "min above max",
                        "    default: 5\n    group: retry\n    description: Attempts.\n"
                                + "    validation:\n      min: 1\n",
                        "    group: retry\n    description: Attempts.\n"
                                + "    validation:\n      min: 9\n      max: 3\n",
                        "options[1].validation.min",
                        "min 9 is greater than max 3"),
                Arguments.of(
                        "a string validation on a number",
                        "      min: 1\n",
                        "      min: 1\n      pattern: '[0-9]+'\n      pattern-description: digits\n",
                        "options[1].validation.pattern",
                        "'pattern' applies to string options, but option"),
                Arguments.of(
                        "an invalid regular expression",
                        "    description: Endpoint.\n",
                        "    description: Endpoint.\n    validation:\n      pattern: '[a-'\n"
                                + "      pattern-description: broken\n",
                        "options[0].validation.pattern",
                        "not a valid regular expression"),
                Arguments.of(
                        "a cross-option rule naming no option",
                        "    description: Largest delay.\n",
                        "    description: Largest delay.\n    validation:\n"
                                + "      not-less-than: cosmos.nothing\n",
                        "options[3].validation.not-less-than",
                        "no option has the key 'cosmos.nothing'"),
                Arguments.of(
                        "a required option with a default",
                        "    required: true\n",
                        "    required: true\n    default: https://x/\n",
                        "options[0].default",
                        "required option 'cosmos.endpoint' has a default"),
                Arguments.of(
                        "an unquoted text default that YAML retypes",
                        "    required: true\n",
                        "    default: 010\n",
                        "options[0].default",
                        "the default of string option 'cosmos.endpoint' must be quoted, like '8'"),
                Arguments.of(
                        "redaction: flink on a key Flink does not mask",
                        "    required: true\n",
                        "    required: true\n    sensitive: true\n    redaction: flink\n",
                        "options[0].redaction",
                        "option 'cosmos.endpoint' says Flink masks it"),
                Arguments.of(
                        "a key without the connector's prefix",
                        "  - key: cosmos.endpoint\n",
                        "  - key: azure.endpoint\n",
                        "options[0].key",
                        "option key 'azure.endpoint' must start with 'cosmos.'"),
                Arguments.of(
                        "a retry option of the wrong type",
                        "multiplier: cosmos.retry.factor",
                        "multiplier: cosmos.retry.max-ms",
                        "retry-backoff.multiplier",
                        "option 'cosmos.retry.max-ms' has type long, but this needs double"),
                Arguments.of(
                        "a status range written backwards",
                        "codes: 200-299",
                        "codes: 299-200",
                        "status-classification.rules[0].codes",
                        "the range 299-200 is empty"),
                Arguments.of(
                        "status codes of the wrong form",
                        "codes: 200-299",
                        "codes: two hundreds",
                        "status-classification.rules[0].codes",
                        "'two hundreds' has none of the allowed forms"),
                Arguments.of(
                        "a field a check does not read",
                        "      column: id\n",
                        "      column: id\n      max-columns: 2\n",
                        "ddl.constraints[0].max-columns",
                        "'max-columns' does not apply to check column-exists"),
                Arguments.of(
                        "a stray brace in a DDL message",
                        "message: No id.",
                        "message: No {} id.",
                        "ddl.constraints[0].message",
                        "unknown placeholder {}"));
    }

    /** An enum option, then {@code cosmos.secret} with the given fields, as options 5 and 6. */
    private static String withCrossOptionRule(String secretFields) {
        return VALID.replace(
                "reference-page:",
                """
                  - key: cosmos.auth.type
                    type: enum
                    default: key
                    group: x
                    description: A.
                    values: [{name: key, description: K.}, {name: aad, description: A.}]
                  - key: cosmos.secret
                    type: string
                    group: x
                    description: S.
                %sreference-page:"""
                        .formatted(secretFields.indent(4)));
    }

    @Test
    void locatesACrossOptionRuleThatNamesNoOption() {
        String spec =
                withCrossOptionRule(
                        "validation:\n  required-when: {option: cosmos.nothing, equals: key}\n");

        assertProblem(
                spec,
                at(spec, "cosmos.nothing", 1),
                "options[6].validation.required-when.option: no option has the key"
                        + " 'cosmos.nothing'");
    }

    @Test
    void acceptsEveryCrossOptionRuleUsedAsIntended() throws Exception {
        ConnectorSpec spec =
                load(
                        withCrossOptionRule(
                                """
                                validation:
                                  required-when: {option: cosmos.auth.type, equals: key}
                                  allowed-only-when: {option: cosmos.auth.type, equals: key}
                                  conflicts-with: [cosmos.retry.factor]
                                """));

        OptionValidation validation = spec.requireOption("cosmos.secret").validation();
        assertThat(validation.requiredWhen())
                .contains(new OptionCondition("cosmos.auth.type", List.of("key")));
        assertThat(validation.allowedOnlyWhen())
                .contains(new OptionCondition("cosmos.auth.type", List.of("key")));
        assertThat(validation.conflictsWith()).containsExactly("cosmos.retry.factor");
    }

    @Test
    void acceptsAConditionOnAnyOfSeveralValues() throws Exception {
        ConnectorSpec spec =
                load(
                        withCrossOptionRule(
                                """
                                validation:
                                  allowed-only-when: {option: cosmos.auth.type, equals: [key, aad]}
                                """));

        assertThat(spec.requireOption("cosmos.secret").validation().allowedOnlyWhen())
                .contains(new OptionCondition("cosmos.auth.type", List.of("key", "aad")));
    }

    @Test
    void reportsTheListedConditionValueThatTheOtherOptionRefuses() throws Exception {
        String spec =
                withCrossOptionRule(
                        "validation:\n  required-when: {option: cosmos.auth.type, equals: [key, tcp]}\n");

        assertProblem(
                spec,
                at(spec, "tcp]", 1),
                "options[6].validation.required-when.equals[1]: value 'tcp' of option"
                        + " 'cosmos.auth.type' is not one of its values; use one of: key, aad");
    }

    static Stream<Arguments> crossOptionMisuses() {
        return Stream.of(
                Arguments.of(
                        "a condition value that is not one of the other option's enum values",
                        "validation:\n  allowed-only-when: {option: cosmos.auth.type, equals: tcp}\n",
                        "options[6].validation.allowed-only-when.equals",
                        "value 'tcp' of option 'cosmos.auth.type' is not one of its values; use one"
                                + " of: key, aad"),
                Arguments.of(
                        "a condition value of the wrong type for the other option",
                        "validation:\n  required-when: {option: cosmos.retry.max-attempts, equals: many}\n",
                        "options[6].validation.required-when.equals",
                        "value 'many' of option 'cosmos.retry.max-attempts' is not an integer"),
                Arguments.of(
                        "a condition on the option itself",
                        "validation:\n  required-when: {option: cosmos.secret, equals: x}\n",
                        "options[6].validation.required-when.option",
                        "option 'cosmos.secret' cannot depend on itself"),
                Arguments.of(
                        "a condition on a sensitive option, whose value messages would quote",
                        "validation:\n  allowed-only-when: {option: cosmos.password, equals: x}\n",
                        "options[6].validation.allowed-only-when.option",
                        "option 'cosmos.secret' cannot depend on sensitive option 'cosmos.password'"),
                Arguments.of(
                        "required-when on an option that is already required",
                        "required: true\n"
                                + "validation:\n  required-when: {option: cosmos.auth.type, equals: key}\n",
                        "options[6].validation.required-when",
                        "option 'cosmos.secret' is already required"),
                Arguments.of(
                        "required-when on an option with a default",
                        "default: s\n"
                                + "validation:\n  required-when: {option: cosmos.auth.type, equals: key}\n",
                        "options[6].validation.required-when",
                        "option 'cosmos.secret' has a default, so it is never missing"),
                Arguments.of(
                        "allowed-only-when on a required option",
                        "required: true\n"
                                + "validation:\n  allowed-only-when: {option: cosmos.auth.type, equals: aad}\n",
                        "options[6].validation.allowed-only-when",
                        "required option 'cosmos.secret' must always be set"),
                Arguments.of(
                        "conflicts-with naming no option",
                        "validation:\n  conflicts-with: [cosmos.nothing]\n",
                        "options[6].validation.conflicts-with[0]",
                        "no option has the key 'cosmos.nothing'"),
                Arguments.of(
                        "conflicts-with the option itself",
                        "validation:\n  conflicts-with: [cosmos.secret]\n",
                        "options[6].validation.conflicts-with[0]",
                        "option 'cosmos.secret' cannot conflict with itself"),
                Arguments.of(
                        "conflicts-with a required option",
                        "validation:\n  conflicts-with: [cosmos.endpoint]\n",
                        "options[6].validation.conflicts-with[0]",
                        "option 'cosmos.endpoint' is required, so 'cosmos.secret' and"
                                + " 'cosmos.endpoint' would always conflict"),
                Arguments.of(
                        "a conflict declared by both options",
                        "validation:\n  conflicts-with: [cosmos.retry.factor]\n",
                        "options[6].validation.conflicts-with[0]",
                        "'cosmos.retry.factor' already declares that it conflicts with"
                                + " 'cosmos.secret'; declare each pair once"));
    }

    @ParameterizedTest(name = "rejects {0}")
    @MethodSource("crossOptionMisuses")
    void rejectsACrossOptionRuleThatCannotHold(
            String misuse, String secretFields, String path, String messageStart) {
        String spec = withCrossOptionRule(secretFields);
        if (misuse.contains("sensitive option")) {
            spec =
                    spec.replace(
                            "reference-page:",
                            "  - key: cosmos.password\n    type: string\n    sensitive: true\n"
                                    + "    redaction: flink\n    group: x\n    description: P.\n"
                                    + "reference-page:");
        }
        if (misuse.startsWith("a conflict declared by both")) {
            spec =
                    spec.replace(
                            "    description: Factor.\n",
                            "    description: Factor.\n    validation:\n"
                                    + "      conflicts-with: [cosmos.secret]\n");
        }

        SpecProblem problem = onlyProblem(spec);
        assertThat(problem.path()).as(misuse).hasToString(path);
        assertThat(problem.message()).as(misuse).startsWith(messageStart);
        assertThat(problem.line()).as(misuse).isGreaterThan(1);
        assertThat(problem.toString()).as(misuse).contains(":" + problem.column() + ": " + path);
    }

    @ParameterizedTest(name = "rejects {0}")
    @MethodSource("furtherRules")
    void rejectsFurtherRuleBreaks(
            String rule, String anchor, String replacement, String path, String messageStart) {
        assertThat(VALID).contains(anchor);
        String spec = VALID.replace(anchor, replacement);

        SpecProblem problem = onlyProblem(spec);
        assertThat(problem.path()).as(rule).hasToString(path);
        assertThat(problem.message()).as(rule).startsWith(messageStart);
        assertThat(problem.line()).as(rule).isGreaterThan(1);
    }

    // ---- helpers ---------------------------------------------------------------------------

    private ConnectorSpec load(String text) throws IOException, SpecException {
        Path file = dir.resolve("spec.yaml");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return SpecLoader.create().load(file);
    }

    private SpecProblem onlyProblem(String spec) {
        try {
            load(spec);
        } catch (SpecException e) {
            assertThat(e.problems()).hasSize(1);
            return e.problems().get(0);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("The spec was accepted:\n" + spec);
    }

    private void assertProblem(String spec, Position expected, String pathAndMessage) {
        SpecProblem problem = onlyProblem(spec);
        assertThat(problem.path() + ": " + problem.message()).isEqualTo(pathAndMessage);
        assertThat(problem.file()).isEqualTo(dir.resolve("spec.yaml"));
        assertThat(List.of(problem.line(), problem.column()))
                .as("line and column of %s", problem)
                .containsExactly(expected.line(), expected.column());
        assertThat(problem.toString())
                .startsWith(
                        dir.resolve("spec.yaml")
                                + ":"
                                + expected.line()
                                + ":"
                                + expected.column()
                                + ": ");
    }

    /** The 1-based position of the n-th occurrence of {@code text} in {@code spec}. */
    private static Position at(String spec, String text, int occurrence) {
        int index = -1;
        for (int i = 0; i < occurrence; i++) {
            index = spec.indexOf(text, index + 1);
            if (index < 0) {
                throw new IllegalArgumentException(
                        text + " occurs fewer than " + occurrence + " times");
            }
        }
        String before = spec.substring(0, index);
        int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
        int column = index - before.lastIndexOf('\n');
        return new Position(line, column);
    }

    private static int lineOf(String spec, String text) {
        return at(spec, text, 1).line();
    }

    private record Position(int line, int column) {
        Position plusColumns(int columns) {
            return new Position(line, column + columns);
        }
    }
}
