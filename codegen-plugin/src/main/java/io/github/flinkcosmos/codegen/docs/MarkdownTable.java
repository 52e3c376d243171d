package io.github.flinkcosmos.codegen.docs;

import java.util.ArrayList;
import java.util.List;

/** A GitHub-flavoured Markdown table, built row by row with cells escaped. */
final class MarkdownTable {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    MarkdownTable(String... header) {
        this.header = List.of(header);
    }

    MarkdownTable row(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException(
                    "Expected " + header.size() + " cells, got " + cells.length);
        }
        rows.add(List.of(cells));
        return this;
    }

    String render() {
        StringBuilder table = new StringBuilder();
        appendRow(table, header);
        table.append('|');
        header.forEach(column -> table.append("---|"));
        table.append('\n');
        rows.forEach(row -> appendRow(table, row));
        return table.toString();
    }

    private static void appendRow(StringBuilder table, List<String> cells) {
        table.append('|');
        for (String cell : cells) {
            table.append(' ').append(escape(cell)).append(" |");
        }
        table.append('\n');
    }

    private static String escape(String cell) {
        return cell.replace("|", "\\|").replace("\n", " ");
    }
}
