package io.github.flinkcosmos.codegen.generate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import io.github.flinkcosmos.codegen.spec.ConnectorSpec;

import java.nio.file.Path;

/** Writes a generated type the way every generator does: one header, four-space indents. */
final class JavaFiles {

    /** Javadoc text width; with the " * " prefix and a member's indent a line stays near 100. */
    private static final int JAVADOC_WIDTH = 88;

    private JavaFiles() {}

    /** A member to import statically, {@code *} for all of them. */
    record StaticImport(ClassName type, String member) {}

    static GeneratedFile write(
            ConnectorSpec spec, String packageName, TypeSpec type, StaticImport... imports) {
        JavaFile.Builder builder = JavaFile.builder(packageName, type);
        for (StaticImport imported : imports) {
            builder.addStaticImport(imported.type(), imported.member());
        }
        JavaFile file =
                builder.addFileComment(
                                "Generated from $L by cosmos-codegen-maven-plugin.\nDo not edit:"
                                        + " change the spec and rebuild.",
                                spec.source().getFileName())
                        .indent("    ")
                        .skipJavaLangImports(true)
                        .build();
        Path path = Path.of(packageName.replace('.', '/'), type.name() + ".java");
        return new GeneratedFile(path, file.toString());
    }

    /**
     * Spec text as Javadoc: HTML-escaped, Markdown code spans as {@code {@code …}}, a blank line as
     * a new {@code <p>} paragraph, wrapped so that no line runs far past 100 columns.
     */
    static String javadoc(String text) {
        // Code spans first: inside {@code …} Javadoc shows text as it is, so it is not escaped.
        String[] parts = text.split("`", -1);
        StringBuilder converted = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i % 2 == 1 && i < parts.length - 1) {
                converted.append("{@code ").append(parts[i].replace("*/", "*&#47;")).append('}');
            } else {
                converted.append(
                        (i % 2 == 1 ? "`" : "")
                                + parts[i].replace("&", "&amp;")
                                        .replace("<", "&lt;")
                                        .replace(">", "&gt;")
                                        .replace("*/", "*&#47;")
                                        .replace("@", "&#64;"));
            }
        }
        String escaped = converted.toString().replace("\n\n", "\n\n<p>");
        StringBuilder wrapped = new StringBuilder();
        for (String paragraph : escaped.split("\n", -1)) {
            int lineLength = 0;
            for (String word : paragraph.split(" ")) {
                if (lineLength > 0 && lineLength + 1 + word.length() > JAVADOC_WIDTH) {
                    wrapped.append('\n');
                    lineLength = 0;
                } else if (lineLength > 0) {
                    wrapped.append(' ');
                    lineLength++;
                }
                wrapped.append(word);
                lineLength += word.length();
            }
            wrapped.append('\n');
        }
        return wrapped.toString();
    }

    /** {@code connection-mode} becomes {@code ConnectionMode}. */
    static String upperCamel(String kebab) {
        StringBuilder name = new StringBuilder();
        for (String part : kebab.split("[-.]")) {
            if (!part.isEmpty()) {
                name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return name.toString();
    }

    /**
     * A string literal of at most {@code width} columns; a longer one as a text block of lines
     * joined by {@code \}, indented one level deeper, so that generated lines stay short.
     */
    static CodeBlock stringLiteral(String value, int width) {
        CodeBlock literal = CodeBlock.of("$S", value);
        if (literal.toString().length() <= width) {
            return literal;
        }
        // A quote right before the closing delimiter would end the block early.
        String escaped =
                value.replace("\\", "\\\\")
                        .replace("\"\"\"", "\\\"\"\"")
                        .replaceAll("\"$", "\\\\\"");
        int lineWidth = width - 12;
        StringBuilder block = new StringBuilder("\"\"\"\n");
        StringBuilder line = new StringBuilder();
        for (String word : escaped.split(" ", -1)) {
            if (line.length() > 0 && line.length() + word.length() > lineWidth) {
                block.append(line).append("\\\n");
                line.setLength(0);
            }
            // A word longer than a line, such as a pattern, is cut, but never inside an escape.
            while (word.length() > lineWidth) {
                int cut = lineWidth;
                while (cut > 1 && endsInsideEscape(word, cut)) {
                    cut--;
                }
                block.append(word, 0, cut).append("\\\n");
                word = word.substring(cut);
            }
            line.append(word).append(' ');
        }
        block.append(line, 0, line.length() - 1).append("\"\"\"");
        return CodeBlock.of("$>$>$L$<$<", block);
    }

    /** Whether the first {@code cut} characters end with an odd run of backslashes. */
    private static boolean endsInsideEscape(String text, int cut) {
        int backslashes = 0;
        for (int i = cut - 1; i >= 0 && text.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }
}
