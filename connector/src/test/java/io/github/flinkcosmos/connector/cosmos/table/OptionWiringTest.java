package io.github.flinkcosmos.connector.cosmos.table;

import io.github.flinkcosmos.codegen.load.SpecLoader;
import io.github.flinkcosmos.codegen.spec.ConnectorSpec;
import org.apache.flink.configuration.ConfigOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every option of the spec is read by the connector's own code. The spec gives an option its
 * constant, validation and docs row, but only hand-written code gives it an effect: an option that
 * no {@code get(...)} reads would be documented, validated and ignored.
 */
class OptionWiringTest {

    private static final Path SPEC = Path.of("..", "spec", "cosmos-sink.yaml");
    private static final Path SOURCES = Path.of("src", "main", "java");

    private static final String NEW_OPTION =
            """
              - key: cosmos.write.ttl-seconds
                type: integer
                default: 3600
                group: bulk
                description: Time to live of written documents, in seconds.

            """;

    @TempDir Path copy;

    @Test
    void everyOptionOfTheSpecIsReadByTheConnector() throws Exception {
        assertThat(unreadOptions(SpecLoader.create().load(SPEC), SOURCES)).isEmpty();
    }

    @Test
    void anOptionAddedToTheSpecIsReportedUntilTheConnectorReadsIt() throws Exception {
        ConnectorSpec extended = SpecLoader.create().load(copyOfSpecWith(NEW_OPTION));

        assertThat(unreadOptions(extended, SOURCES))
                .containsExactly("cosmos.write.ttl-seconds (WRITE_TTL_SECONDS)");
    }

    @Test
    void theConstantNamesAreThoseOfTheGeneratedClass() throws Exception {
        ConnectorSpec spec = SpecLoader.create().load(SPEC);
        List<String> generated =
                Arrays.stream(CosmosConnectorOptions.class.getFields())
                        .filter(field -> Modifier.isStatic(field.getModifiers()))
                        .filter(field -> field.getType() == ConfigOption.class)
                        .map(Field::getName)
                        .sorted()
                        .toList();

        assertThat(spec.options().stream().map(o -> o.constantName(spec.connector())).sorted())
                .containsExactlyElementsOf(generated);
    }

    /** Options whose constant no {@code get(…)} or {@code getOptional(…)} of the sources reads. */
    private static List<String> unreadOptions(ConnectorSpec spec, Path sources) throws IOException {
        String code = handWrittenCode(sources);
        return spec.options().stream()
                .filter(option -> !isRead(code, option.constantName(spec.connector())))
                .map(
                        option ->
                                "%s (%s)"
                                        .formatted(
                                                option.key(),
                                                option.constantName(spec.connector())))
                .collect(Collectors.toList());
    }

    private static boolean isRead(String code, String constant) {
        String read = "\\.get(Optional)?\\(\\s*(CosmosConnectorOptions\\.)?%s\\s*\\)";
        return Pattern.compile(read.formatted(Pattern.quote(constant))).matcher(code).find();
    }

    private static String handWrittenCode(Path sources) throws IOException {
        try (Stream<Path> files = Files.walk(sources)) {
            StringBuilder code = new StringBuilder();
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                code.append(Files.readString(file, StandardCharsets.UTF_8)).append('\n');
            }
            return code.toString();
        }
    }

    /** The project's spec and its fragments, copied, with {@code entry} added to the options. */
    private Path copyOfSpecWith(String entry) throws IOException {
        Path source = SPEC.toAbsolutePath().getParent();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = copy.resolve(source.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
        Path spec = copy.resolve(SPEC.getFileName().toString());
        String text = Files.readString(spec, StandardCharsets.UTF_8);
        assertThat(text).contains("\nreference-page:");
        Files.writeString(
                spec, text.replace("\nreference-page:", "\n" + entry + "reference-page:"));
        return spec;
    }
}
