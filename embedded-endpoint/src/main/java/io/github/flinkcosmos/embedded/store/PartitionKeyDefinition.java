package io.github.flinkcosmos.embedded.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinkcosmos.embedded.partitions.PartitioningScheme;

import java.util.ArrayList;
import java.util.List;

/**
 * A container's partition key: one path ({@code Hash}) or two to three ({@code MultiHash}), as the
 * SDK sends it when creating the container and expects it back when reading it.
 */
public record PartitionKeyDefinition(String kind, List<String> paths, int version) {

    public PartitionKeyDefinition {
        paths = List.copyOf(paths);
    }

    public static PartitionKeyDefinition hash(String path) {
        return new PartitionKeyDefinition("Hash", List.of(path), 2);
    }

    public static PartitionKeyDefinition multiHash(List<String> paths) {
        return new PartitionKeyDefinition("MultiHash", paths, 2);
    }

    /**
     * The definition a client sent; the kind follows from the number of paths if absent. A
     * definition without a version is version 1, as the service takes it (the Java SDK's {@code new
     * PartitionKeyDefinition()} sets none).
     */
    public static PartitionKeyDefinition fromJson(JsonNode node) {
        List<String> paths = new ArrayList<>();
        node.path("paths").forEach(path -> paths.add(path.asText()));
        return new PartitionKeyDefinition(
                node.path("kind").asText(paths.size() > 1 ? "MultiHash" : "Hash"),
                paths,
                versionOf(node.path("version")));
    }

    /** A version as a number, or as the SDK's enum name {@code "V2"}; none is 1. */
    private static int versionOf(JsonNode version) {
        if (version.isNumber()) {
            return version.asInt();
        }
        String text = version.asText("").strip();
        return text.matches("[Vv]?\\d+") ? Integer.parseInt(text.replaceFirst("^[Vv]", "")) : 1;
    }

    /** How this definition hashes a partition-key value into an effective partition key. */
    public PartitioningScheme scheme() {
        if (kind.equals("MultiHash")) {
            return PartitioningScheme.MULTI_HASH;
        }
        return version == 1 ? PartitioningScheme.HASH_V1 : PartitioningScheme.HASH_V2;
    }

    ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        ArrayNode pathNodes = node.putArray("paths");
        paths.forEach(pathNodes::add);
        node.put("kind", kind);
        node.put("version", version);
        return node;
    }

    /**
     * The partition key value of a document, as a JSON array like {@code ["p1"]} or {@code
     * ["A1","B1"]}; a missing property is {@code {}}, the service's "undefined".
     */
    ArrayNode valueOf(JsonNode document) {
        ArrayNode value = JsonNodeFactory.instance.arrayNode();
        for (String path : paths) {
            JsonNode node = document;
            for (String segment : path.substring(1).split("/")) {
                node = node.path(segment);
            }
            value.add(node.isMissingNode() ? JsonNodeFactory.instance.objectNode() : node);
        }
        return value;
    }
}
