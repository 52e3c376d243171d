package io.github.flinkcosmos.embedded.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinkcosmos.embedded.store.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The service's limits on an id, a partition-key value and a document's nesting, answered 400 as
 * the service answers them (the 2 MB document limit answers 413 and is checked on the stored bytes,
 * in {@link DocumentOperations}).
 */
final class DocumentLimits {

    static final int MAX_ID_BYTES = 1023;
    static final int MAX_PARTITION_KEY_BYTES = 2048;
    static final int MAX_NESTING_DEPTH = 128;

    private DocumentLimits() {}

    /** Why the service would refuse the id or the partition-key value, if it would. */
    static Optional<String> refuseIdOrKey(String id, String partitionKey) {
        if (id.getBytes(StandardCharsets.UTF_8).length > MAX_ID_BYTES) {
            return Optional.of("The id is longer than %d bytes.".formatted(MAX_ID_BYTES));
        }
        if (id.indexOf('/') >= 0 || id.indexOf('\\') >= 0) {
            return Optional.of("The id contains an invalid character ('/' or '\\').");
        }
        if (partitionKeyBytes(components(partitionKey)) > MAX_PARTITION_KEY_BYTES) {
            return Optional.of(
                    "The partition key value is longer than %d bytes."
                            .formatted(MAX_PARTITION_KEY_BYTES));
        }
        return Optional.empty();
    }

    /** Why the service would refuse the document's nesting, if it would. */
    static Optional<String> refuseNesting(JsonNode document) {
        return depth(document) > MAX_NESTING_DEPTH
                ? Optional.of(
                        "The document nests deeper than %d levels.".formatted(MAX_NESTING_DEPTH))
                : Optional.empty();
    }

    private static JsonNode components(String partitionKey) {
        try {
            return Json.MAPPER.readTree(partitionKey);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "the canonical partition key is JSON: " + partitionKey, e);
        }
    }

    private static int partitionKeyBytes(JsonNode components) {
        int bytes = 0;
        for (JsonNode component : components) {
            if (component.isTextual()) {
                bytes += component.textValue().getBytes(StandardCharsets.UTF_8).length;
            } else if (component.isNumber()) {
                bytes += Double.BYTES;
            } else if (component.isBoolean()) {
                bytes += 1;
            }
        }
        return bytes;
    }

    private static int depth(JsonNode node) {
        if (!node.isContainerNode()) {
            return 0;
        }
        int deepest = 0;
        for (JsonNode child : node) {
            deepest = Math.max(deepest, depth(child));
        }
        return 1 + deepest;
    }
}
