package io.github.flinkcosmos.codegen.generate;

import java.nio.file.Path;

/**
 * One output of a generator: where it goes, relative to an output root, and its exact content
 * ({@code \n} line endings, ending in a newline).
 */
public record GeneratedFile(Path relativePath, String content) {}
