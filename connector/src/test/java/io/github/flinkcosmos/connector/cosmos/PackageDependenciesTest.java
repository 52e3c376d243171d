package io.github.flinkcosmos.connector.cosmos;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Layers point one way: the packages below never import {@code table}, where the factory and the
 * generated options and rules live, so the DataStream API and the validation engine work without
 * it.
 */
class PackageDependenciesTest {

    private static final Path SOURCES =
            Path.of("src/main/java/io/github/flinkcosmos/connector/cosmos");

    @ParameterizedTest
    @ValueSource(strings = {"table/validation", "sink", "status"})
    void packageNeverImportsTable(String packageDirectory) throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES.resolve(packageDirectory))) {
            List<String> imports =
                    files.filter(file -> file.toString().endsWith(".java"))
                            .flatMap(PackageDependenciesTest::lines)
                            .filter(
                                    line ->
                                            line.matches(
                                                    "import (static )?io\\.github\\.flinkcosmos\\.connector\\.cosmos\\.table\\.[A-Z].*"))
                            .toList();
            assertThat(imports).isEmpty();
        }
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
