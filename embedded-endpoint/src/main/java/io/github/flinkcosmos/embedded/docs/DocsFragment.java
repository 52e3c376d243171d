package io.github.flinkcosmos.embedded.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code ```sql} blocks of one hand-written fragment of the reference page ({@code
 * spec/docs/*.md}), so that tests run the examples users copy instead of keeping their own copies.
 *
 * <p>It lives in the embedded endpoint's module because that is the test infrastructure both the
 * connector's and the SQL jar's tests already depend on.
 */
public final class DocsFragment {

    /** The system property the build sets to the fragments' folder, {@code spec/docs}. */
    public static final String DIRECTORY_PROPERTY = "cosmos.docs.fragments";

    private static final String FENCE_SQL = "```sql";
    private static final String FENCE = "```";

    private final String name;
    private final List<SqlExample> examples;

    private DocsFragment(String name, List<SqlExample> examples) {
        this.name = name;
        this.examples = List.copyOf(examples);
    }

    /** The fragment of this file name, such as {@code examples.md}, in the fragments' folder. */
    public static DocsFragment named(String fileName) {
        return read(directory().resolve(fileName));
    }

    public static DocsFragment read(Path file) {
        try {
            return parse(file.getFileName().toString(), Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the docs fragment " + file, e);
        }
    }

    /** Splits the Markdown into its SQL blocks, each named by the heading above it (or ""). */
    static DocsFragment parse(String name, String markdown) {
        List<SqlExample> examples = new ArrayList<>();
        String heading = "";
        StringBuilder block = null;
        for (String line : markdown.split("\n", -1)) {
            if (block != null) {
                if (line.strip().equals(FENCE)) {
                    examples.add(SqlExample.of(name, heading, block.toString()));
                    block = null;
                } else {
                    block.append(line).append('\n');
                }
            } else if (line.strip().equals(FENCE_SQL)) {
                block = new StringBuilder();
            } else if (line.startsWith("#")) {
                heading = line.replaceFirst("^#+", "").strip();
            }
        }
        if (block != null) {
            throw new IllegalArgumentException(
                    "The docs fragment %s has a ```sql block that is never closed."
                            .formatted(name));
        }
        return new DocsFragment(name, examples);
    }

    public List<SqlExample> examples() {
        return examples;
    }

    /** The one SQL block under this heading. */
    public SqlExample under(String heading) {
        return only(
                examples.stream().filter(example -> example.heading().equals(heading)).toList(),
                "under the heading '%s'".formatted(heading));
    }

    /** The one SQL block that creates this table. */
    public SqlExample creating(String table) {
        return only(
                examples.stream().filter(example -> example.createsTable(table)).toList(),
                "that creates the table %s".formatted(table));
    }

    private SqlExample only(List<SqlExample> found, String what) {
        if (found.size() != 1) {
            throw new IllegalArgumentException(
                    "The docs fragment %s has %d SQL blocks %s, not one. Its blocks: %s"
                            .formatted(name, found.size(), what, examples));
        }
        return found.get(0);
    }

    /**
     * The fragments' folder: the system property the build sets, or else (a test run from an IDE)
     * {@code spec/docs} in the working directory or the nearest folder above it.
     */
    static Path directory() {
        String configured = System.getProperty(DIRECTORY_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("spec").resolve("docs");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "Cannot find the docs fragments: set the system property %s to the folder"
                                .formatted(DIRECTORY_PROPERTY)
                        + " spec/docs, or run from inside the project.");
    }
}
