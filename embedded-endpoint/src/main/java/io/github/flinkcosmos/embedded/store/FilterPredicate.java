package io.github.flinkcosmos.embedded.store;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The condition of a conditional patch, {@code FROM c WHERE …}, as far as the endpoint understands
 * it: comparisons ({@code = != <> < <= > >=}) of a document path ({@code c.version}, {@code c.a.b},
 * {@code c["x"]}) with a literal (number, string, {@code true}, {@code false}, {@code null}),
 * {@code IS_DEFINED(path)}, {@code NOT}, {@code AND}, {@code OR} and parentheses. Like the service,
 * a comparison with a missing field or a value of another type is undefined, which never matches.
 * Anything else is refused with a message naming what is supported.
 */
public final class FilterPredicate {

    private static final Pattern TOKEN =
            Pattern.compile(
                    "\\s*(?:(?<number>-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?)"
                            + "|(?<string>'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\")"
                            + "|(?<op><=|>=|!=|<>|=|<|>|\\(|\\)|\\[|\\]|\\.)"
                            + "|(?<word>[A-Za-z_][A-Za-z0-9_]*)"
                            + "|(?<parameter>@[A-Za-z_][A-Za-z0-9_]*))");

    private static final String SUPPORTED =
            "Supported conditions: FROM c WHERE <c.path> <op> <literal> with = != <> < <= > >=,"
                    + " IS_DEFINED(c.path), NOT, AND, OR and parentheses.";

    private final Node root;

    private FilterPredicate(Node root) {
        this.root = root;
    }

    /**
     * @throws IllegalArgumentException naming what is supported
     */
    public static FilterPredicate parse(String text) {
        Parser parser = new Parser(tokens(text));
        parser.expectWord("FROM");
        String alias = parser.word();
        parser.expectWord("WHERE");
        Node root = parser.or(alias);
        if (!parser.atEnd()) {
            throw new IllegalArgumentException(
                    "Unexpected '%s' in the condition. %s".formatted(parser.peek(), SUPPORTED));
        }
        return new FilterPredicate(root);
    }

    /** Whether the document matches: true only when the condition is true, not undefined. */
    public boolean test(JsonNode document) {
        return Boolean.TRUE.equals(root.eval(document));
    }

    private static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(text);
        int at = 0;
        while (at < text.length()) {
            if (text.substring(at).isBlank()) {
                break;
            }
            if (!matcher.find(at) || matcher.start() != at) {
                throw new IllegalArgumentException(
                        "Cannot read the condition at '%s'. %s"
                                .formatted(text.substring(at), SUPPORTED));
            }
            tokens.add(matcher.group().strip());
            at = matcher.end();
        }
        return tokens;
    }

    /** A node evaluates to TRUE, FALSE or null (undefined). */
    private interface Node {
        Boolean eval(JsonNode document);
    }

    private static final class Parser {
        private final List<String> tokens;
        private int next;

        Parser(List<String> tokens) {
            this.tokens = tokens;
        }

        boolean atEnd() {
            return next == tokens.size();
        }

        String peek() {
            return atEnd() ? "" : tokens.get(next);
        }

        boolean acceptWord(String word) {
            if (peek().equalsIgnoreCase(word)) {
                next++;
                return true;
            }
            return false;
        }

        void expect(String token) {
            if (!peek().equals(token)) {
                throw new IllegalArgumentException(
                        "Expected '%s' but found '%s' in the condition. %s"
                                .formatted(token, peek(), SUPPORTED));
            }
            next++;
        }

        void expectWord(String word) {
            if (!acceptWord(word)) {
                throw new IllegalArgumentException(
                        "Expected %s but found '%s' in the condition. %s"
                                .formatted(word, peek(), SUPPORTED));
            }
        }

        String word() {
            String word = peek();
            if (!word.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException(
                        "Expected a name but found '%s' in the condition. %s"
                                .formatted(word, SUPPORTED));
            }
            next++;
            return word;
        }

        Node or(String alias) {
            Node left = and(alias);
            while (acceptWord("OR")) {
                Node l = left;
                Node r = and(alias);
                left =
                        document -> {
                            Boolean a = l.eval(document);
                            Boolean b = r.eval(document);
                            if (Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b)) {
                                return true;
                            }
                            return a == null || b == null ? null : false;
                        };
            }
            return left;
        }

        Node and(String alias) {
            Node left = unary(alias);
            while (acceptWord("AND")) {
                Node l = left;
                Node r = unary(alias);
                left =
                        document -> {
                            Boolean a = l.eval(document);
                            Boolean b = r.eval(document);
                            if (Boolean.FALSE.equals(a) || Boolean.FALSE.equals(b)) {
                                return false;
                            }
                            return a == null || b == null ? null : true;
                        };
            }
            return left;
        }

        Node unary(String alias) {
            if (acceptWord("NOT")) {
                Node inner = unary(alias);
                return document -> {
                    Boolean value = inner.eval(document);
                    return value == null ? null : !value;
                };
            }
            if (peek().equals("(")) {
                next++;
                Node inner = or(alias);
                expect(")");
                return inner;
            }
            if (acceptWord("IS_DEFINED")) {
                expect("(");
                List<String> path = path(alias);
                expect(")");
                return document -> resolve(document, path) != null;
            }
            List<String> path = path(alias);
            String op = peek();
            if (!List.of("=", "!=", "<>", "<", "<=", ">", ">=").contains(op)) {
                throw new IllegalArgumentException(
                        "Expected a comparison after the path but found '%s'. %s"
                                .formatted(op, SUPPORTED));
            }
            next++;
            JsonNode literal = literal();
            return document -> compare(resolve(document, path), op, literal);
        }

        List<String> path(String alias) {
            String root = word();
            if (!root.equals(alias)) {
                throw new IllegalArgumentException(
                        "The condition names '%s', but its FROM clause calls the document '%s'."
                                .formatted(root, alias));
            }
            List<String> path = new ArrayList<>();
            while (peek().equals(".") || peek().equals("[")) {
                if (tokens.get(next++).equals(".")) {
                    path.add(word());
                } else {
                    String key = tokens.get(next++);
                    path.add(unquote(key));
                    expect("]");
                }
            }
            if (path.isEmpty()) {
                throw new IllegalArgumentException(
                        "The condition compares the whole document; name a field. " + SUPPORTED);
            }
            return path;
        }

        JsonNode literal() {
            String token = peek();
            next++;
            if (token.startsWith("'") || token.startsWith("\"")) {
                return Json.MAPPER.getNodeFactory().textNode(unquote(token));
            }
            if (token.equalsIgnoreCase("true") || token.equalsIgnoreCase("false")) {
                return Json.MAPPER.getNodeFactory().booleanNode(Boolean.parseBoolean(token));
            }
            if (token.equalsIgnoreCase("null")) {
                return Json.MAPPER.getNodeFactory().nullNode();
            }
            try {
                return Json.MAPPER.getNodeFactory().numberNode(Double.parseDouble(token));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "Expected a literal but found '%s'; parameters (@name) are not supported in a"
                                        .formatted(token)
                                + " patch condition. "
                                + SUPPORTED);
            }
        }

        private static String unquote(String token) {
            return token.substring(1, token.length() - 1).replace("\\'", "'").replace("\\\"", "\"");
        }
    }

    private static JsonNode resolve(JsonNode document, List<String> path) {
        JsonNode node = document;
        for (String segment : path) {
            node = node == null ? null : node.get(segment);
        }
        return node == null || node.isMissingNode() ? null : node;
    }

    private static Boolean compare(JsonNode value, String op, JsonNode literal) {
        if (value == null) {
            return null;
        }
        int order;
        if (value.isNumber() && literal.isNumber()) {
            order = Double.compare(value.asDouble(), literal.asDouble());
        } else if (value.isTextual() && literal.isTextual()) {
            order = value.asText().compareTo(literal.asText());
        } else if (value.isBoolean() && literal.isBoolean() || value.isNull() && literal.isNull()) {
            if (!op.equals("=") && !op.equals("!=") && !op.equals("<>")) {
                order = Boolean.compare(value.asBoolean(), literal.asBoolean());
            } else {
                order = value.equals(literal) ? 0 : 1;
            }
        } else {
            return null;
        }
        return switch (op) {
            case "=" -> order == 0;
            case "!=", "<>" -> order != 0;
            case "<" -> order < 0;
            case "<=" -> order <= 0;
            case ">" -> order > 0;
            default -> order >= 0;
        };
    }
}
