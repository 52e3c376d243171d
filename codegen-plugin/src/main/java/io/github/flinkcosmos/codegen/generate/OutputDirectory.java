package io.github.flinkcosmos.codegen.generate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A folder that holds generated files and nothing else. Writes a file only when its content
 * changes, so incremental builds and file watchers see no spurious changes; removes files that are
 * no longer generated; or checks that the folder already holds exactly what would be written.
 */
public final class OutputDirectory {

    private final Path root;

    public OutputDirectory(Path root) {
        this.root = root;
    }

    /**
     * Makes the folder hold exactly these files: writes those whose content differs and deletes any
     * other file. Returns the paths written or deleted.
     */
    public List<Path> sync(List<GeneratedFile> files) throws IOException {
        List<Path> changed = write(files);
        for (Path stale : strayFiles(files)) {
            Files.delete(stale);
            changed.add(stale);
        }
        return changed;
    }

    /** Writes the files whose content differs; returns the paths that were written. */
    public List<Path> write(List<GeneratedFile> files) throws IOException {
        List<Path> written = new ArrayList<>();
        for (GeneratedFile file : files) {
            Path target = root.resolve(file.relativePath());
            if (!file.content().equals(read(target).orElse(null))) {
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.content(), StandardCharsets.UTF_8);
                written.add(target);
            }
        }
        return written;
    }

    /**
     * Describes every file that is missing, differs from what would be written, or is not generated
     * at all.
     */
    public List<String> differences(List<GeneratedFile> files) throws IOException {
        List<String> differences = new ArrayList<>();
        for (Path stray : strayFiles(files)) {
            differences.add(stray + " is not generated from the spec");
        }
        for (GeneratedFile file : files) {
            Path target = root.resolve(file.relativePath());
            Optional<String> current = read(target);
            if (current.isEmpty()) {
                differences.add(target + " is missing");
            } else if (!current.get().equals(file.content())) {
                differences.add(
                        target + " differs " + firstDifference(current.get(), file.content()));
            }
        }
        return differences;
    }

    private List<Path> strayFiles(List<GeneratedFile> files) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        Set<Path> expected =
                files.stream()
                        .map(file -> root.resolve(file.relativePath()).normalize())
                        .collect(Collectors.toSet());
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile)
                    .map(Path::normalize)
                    .filter(path -> !expected.contains(path))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    private static Optional<String> read(Path file) throws IOException {
        return Files.isRegularFile(file)
                ? Optional.of(Files.readString(file, StandardCharsets.UTF_8))
                : Optional.empty();
    }

    private static String firstDifference(String current, String expected) {
        List<String> currentLines = current.lines().toList();
        List<String> expectedLines = expected.lines().toList();
        int line = 0;
        while (line < currentLines.size()
                && line < expectedLines.size()
                && currentLines.get(line).equals(expectedLines.get(line))) {
            line++;
        }
        if (line == currentLines.size() && line == expectedLines.size()) {
            return "in line endings or the final newline";
        }
        return "from line "
                + (line + 1)
                + ":\n      checked in: "
                + lineOrEnd(currentLines, line)
                + "\n      generated:  "
                + lineOrEnd(expectedLines, line);
    }

    private static String lineOrEnd(List<String> lines, int index) {
        return index < lines.size() ? lines.get(index) : "(end of file)";
    }
}
