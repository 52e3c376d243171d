package io.github.flinkcosmos.connector.cosmos.sink.internal;

import io.github.flinkcosmos.connector.cosmos.sink.CosmosDocument;
import io.github.flinkcosmos.connector.cosmos.sink.CosmosServiceLimits;
import org.apache.flink.annotation.Internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Checks a document against the limits of the Cosmos DB service (spec: {@code service-limits})
 * before it is sent, so that a row the service would refuse is named with the limit it breaks
 * instead of coming back as a bare 400, or as the AsyncSink's nameless size error. A message names
 * the document id, or, when the id is the problem, its first 64 bytes and its length; never the
 * document's content.
 */
@Internal
public final class DocumentLimits {

    /** How much of a faulty id a message shows. */
    static final int ID_PREFIX_BYTES = 64;

    private DocumentLimits() {}

    /**
     * What is wrong with the document, if anything, in a container with the large (version 2)
     * partition-key definition.
     */
    public static Optional<String> violation(CosmosDocument document, boolean nestingToCheck) {
        return violation(document, nestingToCheck, true);
    }

    /**
     * What is wrong with the document, if anything.
     *
     * @param nestingToCheck whether the JSON may nest deeper than the limit, so that each document
     *     must be measured; false when its converter knows it cannot
     * @param largePartitionKeys whether the container has the version 2 partition-key definition
     */
    public static Optional<String> violation(
            CosmosDocument document, boolean nestingToCheck, boolean largePartitionKeys) {
        // Measured without encoding: this runs for every row, and only a bad id needs its bytes.
        int idBytes = utf8Length(document.id());
        if (idBytes == 0) {
            return Optional.of(
                    """
                    A row has an empty id, but a Cosmos DB document id holds 1 to %,d bytes \
                    (idMaxBytes). Give the row an id, or filter it out before the sink."""
                            .formatted(CosmosServiceLimits.ID_MAX_BYTES));
        }
        if (idBytes > CosmosServiceLimits.ID_MAX_BYTES) {
            return Optional.of(
                    """
                    The id starting '%s' is %,d bytes long, but a Cosmos DB document id holds at \
                    most %,d bytes (idMaxBytes). Shorten the ids, for example to a hash of the \
                    value."""
                            .formatted(
                                    prefix(document.id()),
                                    idBytes,
                                    CosmosServiceLimits.ID_MAX_BYTES));
        }
        int slash = document.id().indexOf('/');
        int backslash = document.id().indexOf('\\');
        if (slash >= 0 || backslash >= 0) {
            return Optional.of(
                    """
                    The id starting '%s' (%,d bytes) contains '%s', which Cosmos DB does not \
                    allow in a document id (idMaxBytes: none of '/' or '\\'). Replace the \
                    character before the sink."""
                            .formatted(prefix(document.id()), idBytes, slash >= 0 ? "/" : "\\"));
        }
        int partitionKeyBytes = partitionKeyBytes(document.partitionKey());
        if (!largePartitionKeys
                && partitionKeyBytes > CosmosServiceLimits.PARTITION_KEY_V1_MAX_BYTES) {
            return Optional.of(
                    """
                    The partition-key value of document '%s' is %,d bytes, but the container's \
                    partition key has the version 1 definition, which hashes only the first %d \
                    bytes (partitionKeyV1MaxBytes), so distinct longer values would share a \
                    logical partition. Use a shorter partition key, or a container with the \
                    version 2 definition."""
                            .formatted(
                                    document.id(),
                                    partitionKeyBytes,
                                    CosmosServiceLimits.PARTITION_KEY_V1_MAX_BYTES));
        }
        if (partitionKeyBytes > CosmosServiceLimits.PARTITION_KEY_MAX_BYTES) {
            return Optional.of(
                    """
                    The partition-key value of document '%s' is %,d bytes, but Cosmos DB allows \
                    at most %,d bytes (partitionKeyMaxBytes). Use a shorter partition key."""
                            .formatted(
                                    document.id(),
                                    partitionKeyBytes,
                                    CosmosServiceLimits.PARTITION_KEY_MAX_BYTES));
        }
        if (document.isDelete()) {
            return Optional.empty();
        }
        byte[] json = document.json();
        if (json.length > CosmosServiceLimits.DOCUMENT_MAX_BYTES) {
            return Optional.of(
                    """
                    Document '%s' is %,d bytes of JSON, but Cosmos DB allows at most %,d bytes \
                    for a document (documentMaxBytes). Leave large columns out of the sink \
                    table, or store them elsewhere and keep a reference."""
                            .formatted(
                                    document.id(),
                                    json.length,
                                    CosmosServiceLimits.DOCUMENT_MAX_BYTES));
        }
        if (nestingToCheck) {
            int depth = nestingDepth(json);
            if (depth > CosmosServiceLimits.NESTING_MAX_DEPTH) {
                return Optional.of(
                        """
                        Document '%s' nests %d levels deep, but Cosmos DB allows at most %d \
                        (nestingMaxDepth). Flatten the nested values before the sink."""
                                .formatted(
                                        document.id(),
                                        depth,
                                        CosmosServiceLimits.NESTING_MAX_DEPTH));
            }
        }
        return Optional.empty();
    }

    /** The first bytes of an id, cut on a character boundary. */
    private static String prefix(String idText) {
        byte[] id = idText.getBytes(StandardCharsets.UTF_8);
        if (id.length <= ID_PREFIX_BYTES) {
            return new String(id, StandardCharsets.UTF_8);
        }
        int end = ID_PREFIX_BYTES;
        while (end > 0 && (id[end] & 0xC0) == 0x80) {
            end--; // not in the middle of a multi-byte character
        }
        return new String(Arrays.copyOf(id, end), StandardCharsets.UTF_8);
    }

    /** The length of a text in UTF-8, counted without encoding it. */
    static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4; // a pair is one code point of four bytes
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes += 1; // a lone surrogate is encoded as '?', as String.getBytes does
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** The bytes of a partition-key value: UTF-8 for strings, 8 per number, 1 per boolean. */
    static int partitionKeyBytes(List<Object> components) {
        int bytes = 0;
        for (Object component : components) {
            if (component instanceof String text) {
                bytes += utf8Length(text);
            } else if (component instanceof Double) {
                bytes += Double.BYTES;
            } else if (component != null) {
                bytes += 1;
            }
        }
        return bytes;
    }

    /** The deepest nesting of objects and arrays in UTF-8 JSON, the document itself being 1. */
    static int nestingDepth(byte[] json) {
        int depth = 0;
        int deepest = 0;
        boolean inString = false;
        for (int i = 0; i < json.length; i++) {
            byte b = json[i];
            if (inString) {
                if (b == '\\') {
                    i++; // the escaped character cannot end the string
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                deepest = Math.max(deepest, ++depth);
            } else if (b == '}' || b == ']') {
                depth--;
            }
        }
        return deepest;
    }
}
