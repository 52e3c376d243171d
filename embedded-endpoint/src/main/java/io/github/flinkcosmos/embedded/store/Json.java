package io.github.flinkcosmos.embedded.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The one JSON mapper of the endpoint; Jackson's mapper is thread-safe once configured. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    public static JsonNode parse(byte[] json) throws IOException {
        return MAPPER.readTree(json);
    }

    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A partition-key value in the canonical form the store keys on, e.g. {@code ["p1"]}. Numbers
     * become doubles, since the SDK sends {@code [1.0]} for a document holding {@code 1}.
     */
    public static String canonicalPartitionKey(JsonNode value) {
        if (!value.isArray()) {
            return value.toString();
        }
        ArrayNode canonical = MAPPER.createArrayNode();
        for (JsonNode component : value) {
            canonical.add(
                    component.isNumber() ? DoubleNode.valueOf(component.asDouble()) : component);
        }
        return canonical.toString();
    }

    /** Parses a partition-key header or field, such as {@code ["p1"]}, to canonical form. */
    public static String canonicalPartitionKey(String json) throws IOException {
        return canonicalPartitionKey(MAPPER.readTree(json));
    }
}
