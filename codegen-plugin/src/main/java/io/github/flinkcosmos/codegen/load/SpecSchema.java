package io.github.flinkcosmos.codegen.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * The JSON Schema every spec must satisfy ({@code spec/cosmos-sink.schema.json}, packaged into this
 * plugin), and the translation of its findings into short messages that say what to write.
 */
final class SpecSchema {

    /** Where the build packages the schema from {@code spec/}. */
    static final String RESOURCE = "cosmos-sink.schema.json";

    private final JsonNode schemaTree;
    private final JsonSchema schema;

    private SpecSchema(JsonNode schemaTree) {
        this.schemaTree = schemaTree;
        this.schema =
                JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                        .getSchema(schemaTree);
    }

    static SpecSchema load() {
        try (InputStream in = SpecSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the plugin jar");
            }
            return new SpecSchema(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every place where the document breaks the schema; one problem per entry and kind. */
    List<SpecProblem> check(LocatedYaml yaml) {
        Set<ValidationMessage> messages = schema.validate(yaml.root());
        // A failed oneOf also reports why each alternative failed; its summary says it better.
        Set<String> oneOfPaths =
                messages.stream()
                        .filter(message -> "oneOf".equals(message.getType()))
                        .map(message -> pathOf(message).toString())
                        .collect(Collectors.toSet());
        Map<String, SpecProblem> problems = new LinkedHashMap<>();
        for (ValidationMessage message : messages) {
            SpecPath path = pathOf(message);
            if (!"oneOf".equals(message.getType()) && insideAny(path.toString(), oneOfPaths)) {
                continue;
            }
            SpecProblem problem = yaml.problem(path, describe(message, path));
            problems.putIfAbsent(path + "\n" + problem.message(), problem);
        }
        return problems.values().stream()
                .sorted(SpecProblem.IN_FILE_ORDER)
                .collect(Collectors.toList());
    }

    private static boolean insideAny(String path, Set<String> parents) {
        return parents.stream()
                .anyMatch(
                        parent ->
                                path.equals(parent)
                                        || path.startsWith(parent + ".")
                                        || path.startsWith(parent + "["));
    }

    private static SpecPath pathOf(ValidationMessage message) {
        JsonNodePath location = message.getInstanceLocation();
        List<Object> elements = new ArrayList<>();
        for (int i = 0; i < location.getNameCount(); i++) {
            elements.add(location.getElement(i));
        }
        SpecPath path = new SpecPath(elements);
        // An unknown field is best pointed at by the field itself, not by its parent object.
        return "additionalProperties".equals(message.getType()) && message.getProperty() != null
                ? path.field(message.getProperty())
                : path;
    }

    private String describe(ValidationMessage message, SpecPath path) {
        JsonNode instance = message.getInstanceNode();
        switch (message.getType()) {
            case "additionalProperties":
                return "unknown field '"
                        + message.getProperty()
                        + "'; the fields allowed here are: "
                        + allowedFields(message);
            case "required":
                return "missing required field '" + message.getProperty() + "'";
            case "enum":
                return "unknown "
                        + path.lastFieldName()
                        + " "
                        + quote(instance)
                        + "; use one of: "
                        + join(message.getSchemaNode());
            case "const":
                return quote(instance) + " must be " + message.getSchemaNode();
            case "oneOf":
                return quote(instance)
                        + " has none of the allowed forms: "
                        + describeAlternatives(message.getSchemaNode());
            case "pattern":
                return quote(instance)
                        + " does not match the pattern "
                        + message.getSchemaNode().asText();
            default:
                return stripPath(message.getMessage());
        }
    }

    /** The properties of the schema object that the failing keyword belongs to. */
    private String allowedFields(ValidationMessage message) {
        JsonNodePath keyword = message.getSchemaLocation().getFragment();
        StringBuilder parentPointer = new StringBuilder();
        for (int i = 0; i < keyword.getNameCount() - 1; i++) {
            parentPointer.append('/').append(keyword.getElement(i));
        }
        JsonNode properties = schemaTree.at(parentPointer + "/properties");
        Iterator<String> names = properties.fieldNames();
        List<String> allowed = new ArrayList<>();
        names.forEachRemaining(allowed::add);
        return String.join(", ", allowed);
    }

    private static String describeAlternatives(JsonNode alternatives) {
        return StreamSupport.stream(alternatives.spliterator(), false)
                .map(SpecSchema::describeAlternative)
                .collect(Collectors.joining(" or "));
    }

    private static String describeAlternative(JsonNode alternative) {
        if (alternative.has("pattern")) {
            return "a string matching " + alternative.get("pattern").asText();
        }
        String type = alternative.path("type").asText("value");
        String article = "aeiou".indexOf(type.charAt(0)) >= 0 ? "an " : "a ";
        if (alternative.has("items") && alternative.get("items").has("$ref")) {
            return article + type + " of status codes";
        }
        return article + type;
    }

    private static String join(JsonNode values) {
        return StreamSupport.stream(values.spliterator(), false)
                .map(JsonNode::asText)
                .collect(Collectors.joining(", "));
    }

    private static String quote(JsonNode node) {
        if (node == null) {
            return "the value";
        }
        return node.isTextual() ? "'" + node.asText() + "'" : node.toString();
    }

    /** networknt prefixes its messages with the instance path, which the problem already has. */
    private static String stripPath(String message) {
        int separator = message.indexOf(": ");
        return separator >= 0 && message.startsWith("$")
                ? message.substring(separator + 2)
                : message;
    }
}
