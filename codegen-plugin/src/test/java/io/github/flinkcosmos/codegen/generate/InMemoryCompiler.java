package io.github.flinkcosmos.codegen.generate;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Compiles generated sources with javac, against this test's classpath (which has Flink), with
 * warnings as errors, and loads the result.
 */
final class InMemoryCompiler {

    private InMemoryCompiler() {}

    /**
     * Writes the generated files under {@code workDir}, compiles them together with the extra
     * source folders, and returns a class loader over the compiled classes.
     */
    static ClassLoader compile(List<GeneratedFile> files, Path workDir, Path... extraSourceRoots)
            throws IOException {
        Path sources = workDir.resolve("src");
        Path classes = workDir.resolve("classes");
        Files.createDirectories(classes);
        new OutputDirectory(sources).write(files);
        List<Path> javaFiles = new ArrayList<>(javaFilesUnder(sources));
        for (Path root : extraSourceRoots) {
            javaFiles.addAll(javaFilesUnder(root));
        }

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fileManager =
                javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            List<String> options =
                    List.of(
                            "-d",
                            classes.toString(),
                            "-classpath",
                            System.getProperty("java.class.path"),
                            "--release",
                            "17",
                            "-Xlint:all,-processing,-serial",
                            "-Werror");
            boolean compiled =
                    javac.getTask(
                                    null,
                                    fileManager,
                                    diagnostics,
                                    options,
                                    null,
                                    fileManager.getJavaFileObjectsFromPaths(javaFiles))
                            .call();
            if (!compiled || !diagnostics.getDiagnostics().isEmpty()) {
                throw new AssertionError(
                        "Generated sources do not compile cleanly:\n"
                                + diagnostics.getDiagnostics().stream()
                                        .map(InMemoryCompiler::describe)
                                        .collect(Collectors.joining("\n")));
            }
        }
        return new URLClassLoader(
                new URL[] {url(classes)}, InMemoryCompiler.class.getClassLoader());
    }

    private static List<Path> javaFilesUnder(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(path -> path.toString().endsWith(".java"))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    private static String describe(Diagnostic<? extends JavaFileObject> diagnostic) {
        return diagnostic.getKind()
                + " "
                + (diagnostic.getSource() == null ? "" : diagnostic.getSource().getName())
                + ":"
                + diagnostic.getLineNumber()
                + ": "
                + diagnostic.getMessage(null);
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }
}
