package io.github.flinkcosmos.codegen;

import io.github.flinkcosmos.codegen.docs.ReferencePageGenerator;
import io.github.flinkcosmos.codegen.generate.GeneratedFile;
import io.github.flinkcosmos.codegen.generate.GeneratedValidator;
import io.github.flinkcosmos.codegen.generate.JavaSourcesGenerator;
import io.github.flinkcosmos.codegen.generate.JavaTargets;
import io.github.flinkcosmos.codegen.spec.ConnectorSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Adding one entry to a copy of the project's spec is enough to get the option's constant, its
 * validation and its row in the reference docs, with no hand-written change.
 */
class ExtendBySpecTest {

    private static final String NEW_OPTION =
            """
              - key: cosmos.write.ttl-seconds
                type: integer
                default: 3600
                group: bulk
                description: Time to live of written documents, in seconds.
                validation:
                  min: 1

            """;

    @TempDir Path copy;

    @Test
    void oneSpecEntryYieldsConstantValidationAndDocsRow() throws Exception {
        Path spec = copyOfProjectSpecWith(NEW_OPTION);
        ConnectorSpec extended = TestSpecs.load(spec);
        JavaTargets targets = new JavaTargets(TestSpecs.FIXTURE_PACKAGE);
        List<GeneratedFile> sources = JavaSourcesGenerator.generate(extended, targets);

        assertThat(sources.get(0).content())
                .contains("public static final ConfigOption<Integer> WRITE_TTL_SECONDS")
                .contains("ConfigOptions.key(\"cosmos.write.ttl-seconds\")")
                .contains(".defaultValue(3600)");

        GeneratedValidator validator =
                GeneratedValidator.compile(sources, targets, copy.resolve("build"));
        List<String> messages =
                validator.optionMessages(
                        Map.of(
                                "cosmos.endpoint", "https://localhost:8081/",
                                "cosmos.key", "k",
                                "cosmos.database", "db",
                                "cosmos.container", "c",
                                "cosmos.write.ttl-seconds", "0"));
        assertThat(messages)
                .containsExactly(
                        "cosmos.write.ttl-seconds: Option 'cosmos.write.ttl-seconds' is '0', but it"
                                + " must be an integer of at least 1.");

        String markdown = new ReferencePageGenerator(extended).generate().get(0).content();
        assertThat(markdown)
                .contains(
                        "| `cosmos.write.ttl-seconds` | No | `3600` | Integer | Time to live of"
                                + " written documents, in seconds. Allowed: an integer of at least"
                                + " 1. |");
    }

    /** The project's spec and its fragments, copied, with {@code entry} added to the options. */
    private Path copyOfProjectSpecWith(String entry) throws IOException {
        Path source = TestSpecs.realSpecFile().toAbsolutePath().getParent();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = copy.resolve(source.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
        Path spec = copy.resolve("cosmos-sink.yaml");
        String text = Files.readString(spec, StandardCharsets.UTF_8);
        assertThat(text).contains("\nreference-page:");
        Files.writeString(
                spec, text.replace("\nreference-page:", "\n" + entry + "reference-page:"));
        return spec;
    }
}
