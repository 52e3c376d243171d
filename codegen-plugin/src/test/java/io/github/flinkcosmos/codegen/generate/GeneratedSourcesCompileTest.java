package io.github.flinkcosmos.codegen.generate;

import io.github.flinkcosmos.codegen.TestSpecs;
import io.github.flinkcosmos.codegen.spec.ConnectorSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
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
}
