package io.github.flinkcosmos.codegen.docs;

import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

import java.util.List;

/** Renders the Markdown page as one standalone HTML file, styles included, no external links. */
final class HtmlPage {

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());

    private static final String STYLE =
            String.join(
                    "\n",
                    "body { font-family: system-ui, sans-serif; line-height: 1.5; margin: 0; color: #1f2328; }",
                    "main { max-width: 60rem; margin: 0 auto; padding: 1rem 2rem 4rem; }",
                    "code, pre { font-family: ui-monospace, monospace; font-size: 0.9em; }",
                    "pre { background: #f6f8fa; padding: 0.75rem 1rem; overflow-x: auto; }",
                    "table { border-collapse: collapse; margin: 1rem 0; }",
                    "th, td { border: 1px solid #d0d7de; padding: 0.4rem 0.6rem; text-align: left; vertical-align: top; }",
                    "th { background: #f6f8fa; }");

    private HtmlPage() {}

    /**
     * @param header a comment for the top of the file, without comment markers
     * @param markdown the page; raw HTML in it is shown as text, since spec text may contain angle
     *     brackets that are not markup
     */
    static String render(String title, String header, String markdown) {
        Parser parser = Parser.builder().extensions(EXTENSIONS).build();
        HtmlRenderer renderer =
                HtmlRenderer.builder().extensions(EXTENSIONS).escapeHtml(true).build();
        String body = renderer.render(parser.parse(markdown));
        return "<!DOCTYPE html>\n"
                + "<!-- "
                + header
                + " -->\n"
                + "<html lang=\"en\">\n"
                + "<head>\n"
                + "<meta charset=\"utf-8\">\n"
                + "<title>"
                + escape(title)
                + "</title>\n"
                + "<style>\n"
                + STYLE
                + "\n</style>\n"
                + "</head>\n"
                + "<body>\n"
                + "<main>\n"
                + body
                + "</main>\n"
                + "</body>\n"
                + "</html>\n";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
