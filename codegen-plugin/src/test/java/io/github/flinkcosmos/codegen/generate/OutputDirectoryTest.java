package io.github.flinkcosmos.codegen.generate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OutputDirectoryTest {

    @TempDir Path root;

    @Test
    void rewritesAFileOnlyWhenItsContentChanges() throws Exception {
        OutputDirectory output = new OutputDirectory(root);
        GeneratedFile file = new GeneratedFile(Path.of("a/B.java"), "class B {}\n");
        assertThat(output.write(List.of(file))).containsExactly(root.resolve("a/B.java"));
        FileTime old = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(root.resolve("a/B.java"), old);

        assertThat(output.write(List.of(file))).isEmpty();
        assertThat(Files.getLastModifiedTime(root.resolve("a/B.java"))).isEqualTo(old);

        assertThat(output.write(List.of(new GeneratedFile(Path.of("a/B.java"), "class B { }\n"))))
                .hasSize(1);
        assertThat(root.resolve("a/B.java")).hasContent("class B { }\n");
    }

    @Test
    void describesMissingAndDifferingFilesWithTheFirstDifferentLine() throws Exception {
        Files.writeString(root.resolve("page.md"), "# Title\nold line\nsame\n");
        OutputDirectory output = new OutputDirectory(root);

        List<String> differences =
                output.differences(
                        List.of(
                                new GeneratedFile(Path.of("page.md"), "# Title\nnew line\nsame\n"),
                                new GeneratedFile(Path.of("page.html"), "<html></html>\n")));

        assertThat(differences)
                .containsExactly(
                        root.resolve("page.md")
                                + " differs from line 2:\n      checked in: old line\n"
                                + "      generated:  new line",
                        root.resolve("page.html") + " is missing");
        assertThat(
                        output.differences(
                                List.of(
                                        new GeneratedFile(
                                                Path.of("page.md"), "# Title\nold line\nsame\n"))))
                .isEmpty();
    }

    @Test
    void reportsADifferenceInLineEndingsOnly() throws Exception {
        Files.writeString(root.resolve("page.md"), "a\r\nb\r\n");

        assertThat(
                        new OutputDirectory(root)
                                .differences(
                                        List.of(new GeneratedFile(Path.of("page.md"), "a\nb\n"))))
                .containsExactly(
                        root.resolve("page.md") + " differs in line endings or the final newline");
    }

    @Test
    void syncRemovesFilesNoLongerGeneratedAndTheCheckReportsThem() throws Exception {
        Files.createDirectories(root.resolve("old"));
        Files.writeString(root.resolve("old/Renamed.java"), "class Renamed {}\n");
        OutputDirectory output = new OutputDirectory(root);
        List<GeneratedFile> files =
                List.of(new GeneratedFile(Path.of("New.java"), "class New {}\n"));

        assertThat(output.differences(files))
                .containsExactly(
                        root.resolve("old/Renamed.java") + " is not generated from the spec",
                        root.resolve("New.java") + " is missing");

        assertThat(output.sync(files))
                .containsExactlyInAnyOrder(
                        root.resolve("New.java"), root.resolve("old/Renamed.java"));
        assertThat(root.resolve("old/Renamed.java")).doesNotExist();
        assertThat(output.differences(files)).isEmpty();
    }
}
