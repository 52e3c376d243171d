package io.github.flinkcosmos.codegen;

import io.github.flinkcosmos.codegen.docs.ReferencePageGenerator;
import io.github.flinkcosmos.codegen.generate.GeneratedFile;
import io.github.flinkcosmos.codegen.generate.JavaSourcesGenerator;
import io.github.flinkcosmos.codegen.generate.JavaTargets;
import io.github.flinkcosmos.codegen.spec.ConnectorSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every generator's output for the kitchen-sink spec equals its golden file. Run with {@code
 * -Dgolden.update=true} to rewrite the golden files after an intended change, then review the diff
 * like hand-written code.
 */
class GoldenFilesTest {

    private static final Path GOLDEN_SOURCE_DIR = Path.of("src/test/resources/golden");

    static List<GeneratedFile> outputs() {
        ConnectorSpec spec = TestSpecs.load(TestSpecs.fixtureFile());
        List<GeneratedFile> files =
                new ArrayList<>(
                        JavaSourcesGenerator.generate(
                                spec, new JavaTargets(TestSpecs.FIXTURE_PACKAGE)));
        files.addAll(new ReferencePageGenerator(spec).generate());
        return files;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outputs")
    void generatedFileEqualsGoldenFile(GeneratedFile file) throws IOException {
        Path golden = GOLDEN_SOURCE_DIR.resolve(goldenName(file));
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, file.content(), StandardCharsets.UTF_8);
        }
        assertThat(golden).as("golden file %s; rerun with -Dgolden.update=true", golden).exists();
        assertThat(file.content()).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outputs")
    void generatedFileIsPlainDeterministicText(GeneratedFile file) {
        assertThat(file.content())
                .doesNotContain("\r")
                .endsWith("\n")
                .doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}");
        GeneratedFile again =
                outputs().stream()
                        .filter(other -> other.relativePath().equals(file.relativePath()))
                        .findFirst()
                        .orElseThrow();
        assertThat(again.content()).isEqualTo(file.content());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void rulesTableIsShortAndNoLineRunsPast100Columns(Path specFile) {
        ConnectorSpec spec = TestSpecs.load(specFile);
        JavaTargets targets = new JavaTargets(TestSpecs.FIXTURE_PACKAGE);
        String rules =
                JavaSourcesGenerator.generate(spec, targets).stream()
                        .filter(file -> file.relativePath().endsWith("CosmosSinkRules.java"))
                        .findFirst()
                        .orElseThrow()
                        .content();

        assertThat(rules.lines())
                .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(100));
        assertThat(rules.lines().count())
                // 130 until the seven cosmos.auth options came; about 6 lines an option.
                .as("a table readable in one screen or two")
                .isLessThan(180);
    }

    static List<Path> specs() {
        return List.of(TestSpecs.fixtureFile(), TestSpecs.realSpecFile());
    }

    /** Java goldens end in .txt so that IDEs do not compile them. */
    private static String goldenName(GeneratedFile file) {
        String name = file.relativePath().getFileName().toString();
        return name.endsWith(".java") ? name + ".txt" : name;
    }
}
