package io.github.flinkcosmos.codegen.load;

import java.nio.file.Path;
import java.util.Comparator;

/**
 * One thing wrong with a spec, located by file, line, column and the path of the bad entry. Prints
 * as {@code file:line:column: path: message}, the form editors and CI logs link to.
 */
public record SpecProblem(Path file, int line, int column, SpecPath path, String message) {

    /** Orders problems as they appear in the file. */
    public static final Comparator<SpecProblem> IN_FILE_ORDER =
            Comparator.comparingInt(SpecProblem::line)
                    .thenComparingInt(SpecProblem::column)
                    .thenComparing(SpecProblem::message);

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + path + ": " + message;
    }
}
