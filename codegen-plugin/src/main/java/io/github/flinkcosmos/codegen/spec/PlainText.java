package io.github.flinkcosmos.codegen.spec;

/**
 * Spec text is Markdown, for the reference docs. Error messages and Flink's option descriptions are
 * plain text, where a code span {@code `x`} reads better as {@code 'x'}.
 */
public final class PlainText {

    private PlainText() {}

    public static String of(String markdown) {
        return markdown.replaceAll("`([^`]+)`", "'$1'");
    }
}
