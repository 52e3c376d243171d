package io.github.flinkcosmos.codegen.generate;

import io.github.flinkcosmos.codegen.TestSpecs;
import io.github.flinkcosmos.codegen.spec.ConnectorSpec;
import io.github.flinkcosmos.codegen.spec.DdlCheck;
import io.github.flinkcosmos.codegen.spec.DdlConstraint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated sources compile with javac against Flink and the connector's status SPI, with every
 * lint warning as an error, and the compiled validator behaves as its spec says.
 */
class GeneratedSourcesCompileTest {

    private static final JavaTargets TARGETS = new JavaTargets(TestSpecs.FIXTURE_PACKAGE);

    @TempDir Path workDir;

    @Test
    void realSpecCompilesWithoutWarningsAndRequiresItsRequiredOptions() throws Exception {
        ConnectorSpec spec = TestSpecs.load(TestSpecs.realSpecFile());
        GeneratedValidator validator =
                GeneratedValidator.compile(
                        JavaSourcesGenerator.generate(spec, TARGETS), TARGETS, workDir);

        assertThat(validator.optionMessages(Map.of()))
                .map(message -> message.substring(0, message.indexOf(':')))
                .containsExactly(
                        "cosmos.endpoint", "cosmos.key", "cosmos.database", "cosmos.container");
    }

    @Test
    void fixtureValidatorReportsEveryBadOptionWithoutSensitiveValues() throws Exception {
        ConnectorSpec spec = TestSpecs.load(TestSpecs.fixtureFile());
        GeneratedValidator validator =
                GeneratedValidator.compile(
                        JavaSourcesGenerator.generate(spec, TARGETS), TARGETS, workDir);

        List<String> messages =
                validator.optionMessages(
                        Map.of(
                                "cosmos.endpoint", "ftp://example",
                                "cosmos.secret-token", "",
                                "cosmos.key", "not base64 but S3CR3T!",
                                "cosmos.mode", "warp",
                                "cosmos.timeout", "soon",
                                "cosmos.retry.attempts", "11",
                                "cosmos.retry.initial-ms", "2000",
                                "cosmos.retry.factor", "x"));

        assertThat(messages)
                .containsExactly(
                        "cosmos.endpoint: Option 'cosmos.endpoint' is 'ftp://example', but it must"
                                + " be an absolute https URL.",
                        "cosmos.secret-token: Option 'cosmos.secret-token' is required but not"
                                + " set. Set it to a non-blank string.",
                        "cosmos.key: Option 'cosmos.key' has a value that is not allowed (not"
                                + " shown: the option is sensitive), but it must be base64"
                                + " characters.",
                        "cosmos.mode: Option 'cosmos.mode' is 'warp', but it must be one of:"
                                + " fast-lane, slow.",
                        "cosmos.timeout: Option 'cosmos.timeout' is 'soon', but it must be a"
                                + " duration such as 500 ms, 30 s or 5 min.",
                        "cosmos.retry.attempts: Option 'cosmos.retry.attempts' is '11', but it"
                                + " must be an integer from 1 to 10.",
                        "cosmos.retry.max-ms: Option 'cosmos.retry.max-ms' is 1000 (its default),"
                                + " but it must not be less than 'cosmos.retry.initial-ms', which"
                                + " is 2000. Set 'cosmos.retry.max-ms' to at least 2000.",
                        "cosmos.retry.factor: Option 'cosmos.retry.factor' is 'x', but it must be"
                                + " a finite number from 1.0 to 10.");
        assertThat(String.join("\n", messages)).doesNotContain("S3CR3T");
    }

    @Test
    void fixtureValidatorAcceptsGoodOptionsWrittenAsFlinkReadsThem() throws Exception {
        ConnectorSpec spec = TestSpecs.load(TestSpecs.fixtureFile());
        GeneratedValidator validator =
                GeneratedValidator.compile(
                        JavaSourcesGenerator.generate(spec, TARGETS), TARGETS, workDir);

        assertThat(
                        validator.optionMessages(
                                Map.of(
                                        "cosmos.endpoint", "https://localhost:8081/",
                                        "cosmos.secret-token", "t",
                                        "cosmos.key", "QUJD",
                                        "cosmos.regions", "West Europe, North Europe",
                                        "cosmos.mode", "SLOW",
                                        "cosmos.flag", "TRUE",
                                        "cosmos.timeout", "5 min",
                                        "cosmos.retry.max-ms", "100",
                                        "cosmos.retry.initial-ms", "100",
                                        "cosmos.retry.factor", "1.5")))
                .isEmpty();
    }

    @Test
    void fixtureValidatorChecksRulesThatRelateTwoOptions() throws Exception {
        ConnectorSpec spec = TestSpecs.load(TestSpecs.fixtureFile());
        GeneratedValidator validator =
                GeneratedValidator.compile(
                        JavaSourcesGenerator.generate(spec, TARGETS), TARGETS, workDir);
        Map<String, String> base =
                Map.of("cosmos.endpoint", "https://localhost:8081/", "cosmos.secret-token", "t");

        assertThat(validator.optionMessages(base))
                .containsExactly(
                        """
                        cosmos.key: Option 'cosmos.key' is required when 'cosmos.auth.type' is \
                        'key' (its default), but it is not set. Set 'cosmos.key' to base64 \
                        characters, or set 'cosmos.auth.type' to another value.""");
        assertThat(validator.optionMessages(with(base, "cosmos.auth.type", "KEY")))
                .containsExactly(
                        """
                        cosmos.key: Option 'cosmos.key' is required when 'cosmos.auth.type' is \
                        'key', but it is not set. Set 'cosmos.key' to base64 characters, or set \
                        'cosmos.auth.type' to another value.""");
        assertThat(
                        validator.optionMessages(
                                with(
                                        with(base, "cosmos.key", "S3CR3T"),
                                        "cosmos.aad.tenant-id",
                                        "contoso")))
                .containsExactly(
                        """
                        cosmos.aad.tenant-id: Option 'cosmos.aad.tenant-id' is 'contoso', but it \
                        is only allowed when 'cosmos.auth.type' is 'aad', and 'cosmos.auth.type' \
                        is 'key' (its default). Remove 'cosmos.aad.tenant-id', or set \
                        'cosmos.auth.type' to 'aad'.""",
                        """
                        cosmos.aad.tenant-id: Option 'cosmos.aad.tenant-id' is 'contoso', but it \
                        cannot be used together with 'cosmos.key', which is set too. Remove \
                        'cosmos.aad.tenant-id' or 'cosmos.key'.""");
        Map<String, String> aad = with(base, "cosmos.auth.type", "aad");
        assertThat(validator.optionMessages(with(aad, "cosmos.aad.tenant-id", "contoso")))
                .isEmpty();
        assertThat(validator.optionMessages(with(aad, "cosmos.key", "S3CR3T")))
                .as("cosmos.key is optional with aad")
                .isEmpty();
    }

    @Test
    void connectorImplementsExactlyTheSpecsDdlChecks() throws Exception {
        ConnectorSpec spec = TestSpecs.load(TestSpecs.fixtureFile());
        GeneratedValidator validator =
                GeneratedValidator.compile(
                        JavaSourcesGenerator.generate(spec, TARGETS), TARGETS, workDir);

        assertThat(validator.implementedDdlChecks())
                .as("DdlChecks in the connector against the spec's DdlCheck vocabulary")
                .containsExactlyInAnyOrderElementsOf(
                        Arrays.stream(DdlCheck.values()).map(DdlCheck::specName).toList());
        assertThat(spec.ddl().constraints())
                .as("the fixture uses every check, so each one's generated data is compiled")
                .extracting(DdlConstraint::check)
                .containsExactlyInAnyOrder(DdlCheck.values());
    }

    private static Map<String, String> with(Map<String, String> options, String key, String value) {
        Map<String, String> more = new HashMap<>(options);
        more.put(key, value);
        return more;
    }
}
