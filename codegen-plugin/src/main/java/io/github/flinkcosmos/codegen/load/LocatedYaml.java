package io.github.flinkcosmos.codegen.load;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.serialization.node.LocationJsonNodeFactoryFactory;
import com.networknt.schema.utils.JsonNodes;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A YAML document read into a tree whose nodes remember their line and column, so that every
 * problem can point at the entry that caused it.
 */
final class LocatedYaml {

    private final Path file;
    private final JsonNode root;

    private LocatedYaml(Path file, JsonNode root) {
        this.file = file;
        this.root = root;
    }

    /** Parses YAML text, rejecting duplicate mapping keys. */
    static LocatedYaml parse(Path file, String text) throws SpecException {
        ObjectMapper mapper =
                new ObjectMapper(
                                YAMLFactory.builder()
                                        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                                        .build())
                        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        try {
            JsonNode root =
                    JsonNodes.readTree(mapper, text, LocationJsonNodeFactoryFactory.getInstance());
            if (root == null || root.isMissingNode() || root.isNull()) {
                throw new SpecException(
                        List.of(new SpecProblem(file, 1, 1, SpecPath.ROOT, "the spec is empty")));
            }
            return new LocatedYaml(file, root);
        } catch (IllegalArgumentException e) {
            // networknt wraps Jackson's parse errors, which carry the location.
            JsonProcessingException cause = rootProcessingException(e);
            JsonLocation location = cause == null ? null : cause.getLocation();
            String message = cause == null ? e.getMessage() : cause.getOriginalMessage();
            throw new SpecException(
                    List.of(
                            new SpecProblem(
                                    file,
                                    location == null ? 1 : location.getLineNr(),
                                    location == null ? 1 : location.getColumnNr(),
                                    pathAtError(cause),
                                    "not valid YAML: " + describeParseError(message))));
        }
    }

    private static JsonProcessingException rootProcessingException(Throwable e) {
        Throwable cause = e;
        while (cause != null && !(cause instanceof JsonProcessingException)) {
            cause = cause.getCause();
        }
        return (JsonProcessingException) cause;
    }

    /** Where the parser was when it stopped, as a spec path. */
    private static SpecPath pathAtError(JsonProcessingException cause) {
        if (!(cause instanceof StreamReadException read) || read.getProcessor() == null) {
            return SpecPath.ROOT;
        }
        JsonParser parser = read.getProcessor();
        Deque<Object> elements = new ArrayDeque<>();
        for (JsonStreamContext context = parser.getParsingContext();
                context != null && !context.inRoot();
                context = context.getParent()) {
            if (context.inArray()) {
                elements.addFirst(Math.max(0, context.getCurrentIndex()));
            } else if (context.getCurrentName() != null) {
                elements.addFirst(context.getCurrentName());
            }
        }
        return new SpecPath(List.copyOf(elements));
    }

    /**
     * Jackson's first line says what went wrong; SnakeYAML adds lines saying what it expected and
     * found, which are kept. Its lines that only repeat the location are dropped.
     */
    private static String describeParseError(String message) {
        List<String> lines =
                (message == null ? "" : message)
                        .lines()
                        .map(String::strip)
                        .filter(line -> !line.isEmpty() && !line.startsWith("in '"))
                        .filter(line -> !line.startsWith("at [Source"))
                        .collect(Collectors.toList());
        String text = String.join("; ", lines);
        if (text.startsWith("Duplicate field")) {
            return text.replace("Duplicate field", "duplicate key")
                    + " in one mapping; each key may appear once";
        }
        return text;
    }

    JsonNode root() {
        return root;
    }

    Path file() {
        return file;
    }

    /** A problem at the entry on this path, or at its deepest existing ancestor. */
    SpecProblem problem(SpecPath path, String message) {
        JsonLocation location = locate(path);
        return new SpecProblem(
                file,
                Math.max(1, location.getLineNr()),
                Math.max(1, location.getColumnNr()),
                path,
                message);
    }

    /** Whether the spec has an entry on exactly this path. */
    boolean has(SpecPath path) {
        JsonNode node = root;
        for (Object element : path.elements()) {
            node = element instanceof Integer index ? node.get(index) : node.get((String) element);
            if (node == null) {
                return false;
            }
        }
        return true;
    }

    /** The line of the entry on this path, for messages that refer to an earlier entry. */
    int lineOf(SpecPath path) {
        return Math.max(1, locate(path).getLineNr());
    }

    private JsonLocation locate(SpecPath path) {
        JsonNode node = root;
        for (Object element : path.elements()) {
            JsonNode child =
                    element instanceof Integer index ? node.get(index) : node.get((String) element);
            if (child == null) {
                break;
            }
            node = child;
        }
        JsonLocation location = JsonNodes.tokenLocationOf(node);
        return location == null ? JsonLocation.NA : location;
    }
}
