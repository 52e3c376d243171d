package io.github.flinkcosmos.connector.cosmos.sink;

import org.apache.flink.annotation.PublicEvolving;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static org.apache.flink.util.Preconditions.checkArgument;

/**
 * One document to write, or to delete: its id, its partition-key value (one component per level of
 * the container's partition key) and, unless it is a delete, its JSON. The sink's {@link WriteMode}
 * says whether the JSON is upserted, created or patched onto the stored document.
 *
 * <pre>{@code
 * CosmosDocument.of(order.id, List.of(order.tenant), mapper.writeValueAsBytes(order));
 * CosmosDocument.delete(order.id, List.of(order.tenant)); // needs DeleteMode.DELETE or SOFT_DELETE
 * }</pre>
 */
@PublicEvolving
public final class CosmosDocument {

    private final String id;
    private final List<Object> partitionKey;
    private final byte[] json;
    private final Object version;

    private CosmosDocument(String id, List<Object> partitionKey, byte[] json, Object version) {
        this.id = id;
        this.partitionKey = partitionKey;
        this.json = json;
        this.version = version;
    }

    /**
     * @param id the document's id, also the {@code id} field of its JSON
     * @param partitionKey the values of the container's partition-key paths, in their order: each a
     *     String, a Number (Cosmos DB hashes every number as a double), a Boolean, or null
     * @param json the document as UTF-8 JSON; the sink does not copy it, so do not change it later
     */
    public static CosmosDocument of(String id, List<?> partitionKey, byte[] json) {
        Objects.requireNonNull(json, "json");
        return new CosmosDocument(id, components(id, partitionKey), json, null);
    }

    /**
     * The delete of a document: the sink removes it from the container ({@link DeleteMode#DELETE})
     * or marks it and gives it a time to live ({@link DeleteMode#SOFT_DELETE}), and counts it
     * deleted when it is already gone. A sink built with {@link DeleteMode#UPSERT}, the default,
     * fails the job on the first one.
     *
     * @param id the document's id
     * @param partitionKey its partition-key value, as for {@link #of}
     */
    public static CosmosDocument delete(String id, List<?> partitionKey) {
        return new CosmosDocument(id, components(id, partitionKey), null, null);
    }

    private static List<Object> components(String id, List<?> partitionKey) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(partitionKey, "partitionKey");
        List<Object> components = new ArrayList<>(partitionKey.size());
        for (Object component : partitionKey) {
            components.add(component(id, component));
        }
        return Collections.unmodifiableList(components);
    }

    private static Object component(String id, Object value) {
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        checkArgument(
                value == null || value instanceof String || value instanceof Boolean,
                "The partition-key value of document '%s' has a component of %s, but Cosmos DB"
                        + " partition keys hold strings, numbers, booleans or null.",
                id,
                value == null ? null : value.getClass().getName());
        return value;
    }

    public String id() {
        return id;
    }

    /** Each component a String, Double, Boolean or null. */
    public List<Object> partitionKey() {
        return partitionKey;
    }

    /** Whether this is the delete of the document rather than its JSON. */
    public boolean isDelete() {
        return json == null;
    }

    /**
     * The document's JSON; callers must not change the array.
     *
     * @throws IllegalStateException for a {@link #delete}, which has none
     */
    public byte[] json() {
        if (json == null) {
            throw new IllegalStateException(
                    "Document '%s' is a delete and has no JSON".formatted(id));
        }
        return json;
    }

    /**
     * The same document or delete with the version of its row, for a sink built with {@link
     * CosmosSinkBuilder#setVersionField}: the write applies only if the version is greater than the
     * one the stored document holds in that field. The document's JSON must hold the same value in
     * that field (a table's row does).
     *
     * @param version a Byte, Short, Integer, Long, BigInteger or BigDecimal, a LocalDate, a
     *     LocalDateTime (compared as UTC) or an Instant
     */
    public CosmosDocument withVersion(Object version) {
        checkArgument(
                version != null,
                "The version of document '%s' is null; every row needs a version.",
                id);
        DocumentVersion.of(version); // checks the type, so a bad one fails here, not in the writer
        return new CosmosDocument(id, partitionKey, json, version);
    }

    /** The row's version, if {@link #withVersion} gave it one. */
    public Optional<Object> version() {
        return Optional.ofNullable(version);
    }

    /** Names the document, never its content. */
    @Override
    public String toString() {
        return isDelete()
                ? "CosmosDocument{delete, id=%s, partitionKey=%s}".formatted(id, partitionKey)
                : "CosmosDocument{id=%s, partitionKey=%s, bytes=%d}"
                        .formatted(id, partitionKey, json.length);
    }
}
