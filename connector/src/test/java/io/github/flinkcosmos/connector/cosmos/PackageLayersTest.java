package io.github.flinkcosmos.connector.cosmos;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connector's packages point one way: {@code table} may use {@code sink}, {@code client} and
 * {@code status}; none of those imports {@code table}, so the DataStream API works without the
 * Table API; the validation engine in {@code table.validation} does not import {@code table}
 * either; and no two packages import each other, directly or through others. Read from the imports
 * of the hand-written and the generated sources.
 */
class PackageLayersTest {

    private static final String BASE = "io.github.flinkcosmos.connector.cosmos";
    private static final Pattern IMPORT =
            Pattern.compile(
                    "^import (?:static )?" + Pattern.quote(BASE) + "\\.([a-z.]+)\\.[A-Z]",
                    Pattern.MULTILINE);
    private static final List<Path> SOURCES =
            List.of(
                    Path.of("src", "main", "java"),
                    Path.of("target", "generated-sources", "cosmos-codegen"));

    @Test
    void onlyTheTablePackageUsesTheTablePackage() throws IOException {
        Map<String, Set<String>> imports = packageImports();
        imports.forEach(
                (from, to) -> {
                    if (!from.equals("table")) {
                        assertThat(to).as("what %s imports", from).doesNotContain("table");
                    }
                });
        assertThat(imports).containsKeys("table", "sink", "client", "status");
    }

    /** The validation engine checks any rules table; only the generated one knows the options. */
    @Test
    void theValidationEngineNeverImportsTheTablePackage() throws IOException {
        Path engine = SOURCES.get(0).resolve(BASE.replace('.', '/')).resolve("table/validation");
        try (Stream<Path> files = Files.walk(engine)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                assertThat(Files.readString(file, StandardCharsets.UTF_8))
                        .as("imports of %s", file.getFileName())
                        .doesNotContainPattern(
                                "import (static )?" + Pattern.quote(BASE) + "\\.table\\.[A-Z]");
            }
        }
    }

    @Test
    void noPackageReachesItselfThroughOthers() throws IOException {
        Map<String, Set<String>> imports = packageImports();
        for (String start : imports.keySet()) {
            assertThat(reachableFrom(start, imports))
                    .as("packages reachable from %s", start)
                    .doesNotContain(start);
        }
    }

    /** Sub-packages count as their parent ({@code sink.internal} is part of {@code sink}). */
    private static Map<String, Set<String>> packageImports() throws IOException {
        Map<String, Set<String>> imports = new TreeMap<>();
        for (Path root : SOURCES) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String from =
                            topPackage(
                                    root.relativize(file.getParent()).toString().replace('/', '.'));
                    Set<String> to = imports.computeIfAbsent(from, p -> new TreeSet<>());
                    Matcher matcher =
                            IMPORT.matcher(Files.readString(file, StandardCharsets.UTF_8));
                    while (matcher.find()) {
                        String target = topPackage(matcher.group(1));
                        if (!target.equals(from)) {
                            to.add(target);
                        }
                    }
                }
            }
        }
        return imports;
    }

    private static String topPackage(String relativeOrBase) {
        String name =
                relativeOrBase.startsWith(BASE)
                        ? relativeOrBase.substring(BASE.length() + 1)
                        : relativeOrBase;
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    private static Set<String> reachableFrom(String start, Map<String, Set<String>> imports) {
        Set<String> seen = new TreeSet<>();
        List<String> next = new ArrayList<>(imports.getOrDefault(start, Set.of()));
        while (!next.isEmpty()) {
            String current = next.remove(next.size() - 1);
            if (seen.add(current)) {
                next.addAll(imports.getOrDefault(current, Set.of()));
            }
        }
        return seen;
    }
}
