package io.github.flinkcosmos.embedded.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A patch of one document as the service runs it: at most 10 operations ({@code add}, {@code set},
 * {@code replace}, {@code remove}, {@code incr}, {@code move}) on JSON paths such as {@code
 * /address/city} or {@code /tags/0}, and an optional {@code condition}, a filter predicate {@code
 * FROM c WHERE …} the stored document must match ({@link FilterPredicate}).
 */
public final class DocumentPatch {

    /** The service's limit on operations per patch. */
    public static final int MAX_OPERATIONS = 10;

    private final List<JsonNode> operations;
    private final Optional<FilterPredicate> condition;

    private DocumentPatch(List<JsonNode> operations, Optional<FilterPredicate> condition) {
        this.operations = operations;
        this.condition = condition;
    }

    /**
     * Reads a patch body, {@code {"operations": [...], "condition": "FROM c WHERE …"}}.
     *
     * @throws IllegalArgumentException with the message a 400 answer carries
     */
    public static DocumentPatch parse(JsonNode body) {
        JsonNode operations = body.path("operations");
        if (!operations.isArray() || operations.isEmpty()) {
            throw new IllegalArgumentException("A patch needs a non-empty 'operations' array.");
        }
        if (operations.size() > MAX_OPERATIONS) {
            throw new IllegalArgumentException(
                    "A patch has at most %d operations, this one has %d."
                            .formatted(MAX_OPERATIONS, operations.size()));
        }
        List<JsonNode> list = new ArrayList<>();
        operations.forEach(list::add);
        JsonNode condition = body.get("condition");
        return new DocumentPatch(
                List.copyOf(list),
                condition == null || condition.isNull()
                        ? Optional.empty()
                        : Optional.of(FilterPredicate.parse(condition.asText())));
    }

    /** Whether the stored document matches the condition; true without one. */
    public boolean matches(JsonNode document) {
        return condition.map(predicate -> predicate.test(document)).orElse(true);
    }

    /**
     * The document with every operation applied, in order, to a copy.
     *
     * @throws IllegalArgumentException with the message a 400 answer carries
     */
    public ObjectNode applyTo(ObjectNode stored) {
        ObjectNode document = stored.deepCopy();
        for (JsonNode operation : operations) {
            apply(document, operation);
        }
        return document;
    }

    private static void apply(ObjectNode document, JsonNode operation) {
        String op = operation.path("op").asText("");
        String path = operation.path("path").asText("");
        List<String> segments = segments(path);
        JsonNode value = operation.get("value");
        switch (op) {
            case "add":
                put(document, path, segments, requireValue(op, path, value), true);
                break;
            case "set":
                put(document, path, segments, requireValue(op, path, value), false);
                break;
            case "replace":
                existing(document, path, segments);
                put(document, path, segments, requireValue(op, path, value), false);
                break;
            case "remove":
                existing(document, path, segments);
                remove(document, path, segments);
                break;
            case "incr":
                incr(document, path, segments, requireValue(op, path, value));
                break;
            case "move":
                String from = operation.path("from").asText("");
                JsonNode moved = existing(document, from, segments(from));
                remove(document, from, segments(from));
                put(document, path, segments, moved, false);
                break;
            default:
                throw new IllegalArgumentException(
                        "Unsupported patch operation '%s'; supported: add, set, replace, remove,"
                                        .formatted(op)
                                + " incr, move.");
        }
    }

    private static JsonNode requireValue(String op, String path, JsonNode value) {
        if (value == null) {
            throw new IllegalArgumentException(
                    "The %s operation on %s has no 'value'.".formatted(op, path));
        }
        return value;
    }

    private static List<String> segments(String path) {
        if (!path.startsWith("/") || path.length() < 2) {
            throw new IllegalArgumentException(
                    "Patch path '%s' is not a JSON path like /field.".formatted(path));
        }
        List<String> segments = new ArrayList<>();
        for (String segment : path.substring(1).split("/", -1)) {
            segments.add(segment.replace("~1", "/").replace("~0", "~"));
        }
        if (segments.get(0).equals("id")) {
            throw new IllegalArgumentException("The id of a document cannot be patched.");
        }
        return segments;
    }

    private static JsonNode parent(ObjectNode document, String path, List<String> segments) {
        JsonNode node = document;
        for (String segment : segments.subList(0, segments.size() - 1)) {
            node = child(node, segment);
            if (node == null || !node.isContainerNode()) {
                throw new IllegalArgumentException(
                        "The parent of patch path %s does not exist.".formatted(path));
            }
        }
        return node;
    }

    private static JsonNode child(JsonNode node, String segment) {
        if (node.isArray()) {
            int index = index(segment);
            return index >= 0 && index < node.size() ? node.get(index) : null;
        }
        return node.get(segment);
    }

    private static int index(String segment) {
        try {
            return Integer.parseInt(segment);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static JsonNode existing(ObjectNode document, String path, List<String> segments) {
        JsonNode found = child(parent(document, path, segments), segments.get(segments.size() - 1));
        if (found == null) {
            throw new IllegalArgumentException(
                    "Patch path %s does not exist in the document.".formatted(path));
        }
        return found;
    }

    /** add inserts into an array (or appends with {@code -}); set replaces an element. */
    private static void put(
            ObjectNode document, String path, List<String> segments, JsonNode value, boolean add) {
        JsonNode parent = parent(document, path, segments);
        String last = segments.get(segments.size() - 1);
        if (parent.isObject()) {
            ((ObjectNode) parent).set(last, value.deepCopy());
            return;
        }
        ArrayNode array = (ArrayNode) parent;
        if (last.equals("-")) {
            array.add(value.deepCopy());
            return;
        }
        int index = index(last);
        if (index < 0 || index > array.size() || (!add && index == array.size())) {
            throw new IllegalArgumentException(
                    "Patch path %s is outside its array.".formatted(path));
        }
        if (add) {
            array.insert(index, value.deepCopy());
        } else {
            array.set(index, value.deepCopy());
        }
    }

    private static void remove(ObjectNode document, String path, List<String> segments) {
        JsonNode parent = parent(document, path, segments);
        String last = segments.get(segments.size() - 1);
        if (parent.isObject()) {
            ((ObjectNode) parent).remove(last);
        } else {
            ((ArrayNode) parent).remove(index(last));
        }
    }

    private static void incr(ObjectNode document, String path, List<String> segments, JsonNode by) {
        if (!by.isNumber()) {
            throw new IllegalArgumentException(
                    "The incr operation on %s needs a number.".formatted(path));
        }
        JsonNode parent = parent(document, path, segments);
        JsonNode current = child(parent, segments.get(segments.size() - 1));
        if (current == null) {
            put(document, path, segments, by, false);
            return;
        }
        if (!current.isNumber()) {
            throw new IllegalArgumentException(
                    "The incr operation on %s finds no number there.".formatted(path));
        }
        JsonNode sum =
                current.isIntegralNumber() && by.isIntegralNumber()
                        ? Json.MAPPER.getNodeFactory().numberNode(current.asLong() + by.asLong())
                        : Json.MAPPER
                                .getNodeFactory()
                                .numberNode(current.asDouble() + by.asDouble());
        put(document, path, segments, sum, false);
    }
}
