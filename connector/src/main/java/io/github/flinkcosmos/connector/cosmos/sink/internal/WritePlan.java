package io.github.flinkcosmos.connector.cosmos.sink.internal;

import com.azure.cosmos.models.CosmosPatchOperations;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import io.github.flinkcosmos.connector.cosmos.sink.CosmosDocument;
import io.github.flinkcosmos.connector.cosmos.sink.CosmosWriteRequest;
import io.github.flinkcosmos.connector.cosmos.sink.DeleteMode;
import io.github.flinkcosmos.connector.cosmos.sink.DocumentVersion;
import io.github.flinkcosmos.connector.cosmos.sink.WriteMode;
import io.github.flinkcosmos.connector.cosmos.status.OperationKind;
import org.apache.flink.annotation.Internal;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How documents become operations: the write mode and delete mode, and what a patch sets. A patch
 * sets every top-level field of the document except {@code id} and the top-level fields of the
 * partition-key paths (the service refuses to change a partition key), at most {@link
 * #MAX_PATCH_OPERATIONS} per part; with {@code skipNullFields}, fields that are null are left out.
 *
 * @param keyFields the fields a patch never sets: {@code id} and the partition key's top-level ones
 * @param softDeleteMarkerField the field a soft delete sets to {@code true}
 * @param softDeleteTtlSeconds the {@code ttl} a soft delete gives the document
 * @param versionField the field holding each document's version ({@code
 *     cosmos.write.version-column}), null for unversioned writes; a patch sets it in its last part,
 *     so that a document holds the row's version only once every part of the row is in: a patch cut
 *     off between its parts (a failover) leaves the older version, and the replayed row writes
 *     every part again instead of being skipped as not newer
 */
@Internal
public record WritePlan(
        WriteMode writeMode,
        DeleteMode deleteMode,
        boolean skipNullFields,
        String softDeleteMarkerField,
        int softDeleteTtlSeconds,
        Set<String> keyFields,
        String versionField)
        implements Serializable {

    /** The service's limit on operations per patch. */
    public static final int MAX_PATCH_OPERATIONS = 10;

    public WritePlan {
        Objects.requireNonNull(writeMode, "writeMode");
        Objects.requireNonNull(deleteMode, "deleteMode");
        Objects.requireNonNull(softDeleteMarkerField, "softDeleteMarkerField");
        keyFields = Set.copyOf(keyFields);
        if (versionField != null && writeMode == WriteMode.CREATE) {
            throw new IllegalArgumentException(
                    "Versioned writes need write mode UPSERT or PATCH, not CREATE");
        }
        if (versionField != null && keyFields.contains(versionField)) {
            throw new IllegalArgumentException(
                    "The version field '%s' is the id or part of the partition key, which never change"
                            .formatted(versionField));
        }
    }

    /** Unversioned writes. */
    public WritePlan(
            WriteMode writeMode,
            DeleteMode deleteMode,
            boolean skipNullFields,
            String softDeleteMarkerField,
            int softDeleteTtlSeconds,
            Set<String> keyFields) {
        this(
                writeMode,
                deleteMode,
                skipNullFields,
                softDeleteMarkerField,
                softDeleteTtlSeconds,
                keyFields,
                null);
    }

    /** Whether every write is applied only over an older version of its document. */
    public boolean versioned() {
        return versionField != null;
    }

    /** Upserts, and deletes as the mode says, as before write modes existed. */
    public static WritePlan upserts(DeleteMode deleteMode) {
        return new WritePlan(WriteMode.UPSERT, deleteMode, false, "deleted", 86_400, Set.of("id"));
    }

    /** The fields a patch never sets, for a container with these partition-key paths. */
    public static Set<String> keyFields(List<String> partitionKeyPaths) {
        Set<String> fields = new HashSet<>();
        fields.add("id");
        for (String path : partitionKeyPaths) {
            String first = path.startsWith("/") ? path.substring(1) : path;
            int slash = first.indexOf('/');
            fields.add(slash < 0 ? first : first.substring(0, slash));
        }
        return fields;
    }

    /** The first operation of a document: what the modes make of it. */
    public CosmosWriteRequest request(CosmosDocument document, JsonFields json) {
        if (document.isDelete()) {
            return deleteMode == DeleteMode.SOFT_DELETE
                    ? CosmosWriteRequest.softDelete(document.id(), document.partitionKey(), 0)
                    : CosmosWriteRequest.delete(document.id(), document.partitionKey(), 0);
        }
        switch (writeMode) {
            case CREATE:
                return CosmosWriteRequest.write(
                        OperationKind.CREATE,
                        document.id(),
                        document.partitionKey(),
                        document.json(),
                        0);
            case PATCH:
                int fields = patchedFields(json.parse(document.json())).size();
                if (fields == 0) {
                    // Nothing to set: the document only has to exist.
                    return CosmosWriteRequest.write(
                            OperationKind.CREATE,
                            document.id(),
                            document.partitionKey(),
                            document.json(),
                            0);
                }
                int parts = (fields + MAX_PATCH_OPERATIONS - 1) / MAX_PATCH_OPERATIONS;
                return CosmosWriteRequest.patch(
                        document.id(), document.partitionKey(), document.json(), 0, parts, 0);
            case UPSERT:
            default:
                return new CosmosWriteRequest(
                        document.id(), document.partitionKey(), document.json(), 0);
        }
    }

    /** The operations of one part of a patch, {@code set} of {@code /field} for each field. */
    public CosmosPatchOperations patchPart(JsonNode document, int part) {
        return operations(sets(document, part));
    }

    /** The {@code set} operations of one part of a patch, in the document's field order. */
    public List<SetOperation> sets(JsonNode document, int part) {
        List<Map.Entry<String, JsonNode>> fields = patchedFields(document);
        int end = Math.min(fields.size(), (part + 1) * MAX_PATCH_OPERATIONS);
        List<SetOperation> sets = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : fields.subList(part * MAX_PATCH_OPERATIONS, end)) {
            sets.add(new SetOperation("/" + escape(field.getKey()), field.getValue()));
        }
        return sets;
    }

    /** A soft delete: the marker set to true and the document's time to live. */
    public CosmosPatchOperations softDelete() {
        return operations(softDeleteSets());
    }

    /** A versioned soft delete: the marker, the time to live and the delete's version. */
    public CosmosPatchOperations softDelete(DocumentVersion version) {
        List<SetOperation> sets = new ArrayList<>(softDeleteSets());
        sets.add(new SetOperation("/" + escape(versionField), version.json()));
        return operations(sets);
    }

    /** The {@code set} operations of a soft delete. */
    public List<SetOperation> softDeleteSets() {
        return List.of(
                new SetOperation("/" + escape(softDeleteMarkerField), BooleanNode.TRUE),
                new SetOperation("/ttl", IntNode.valueOf(softDeleteTtlSeconds)));
    }

    private static CosmosPatchOperations operations(List<SetOperation> sets) {
        CosmosPatchOperations operations = CosmosPatchOperations.create();
        sets.forEach(set -> operations.set(set.path(), set.value()));
        return operations;
    }

    /** One {@code set} operation of a patch: a JSON path and its new value. */
    public record SetOperation(String path, JsonNode value) implements Serializable {}

    private List<Map.Entry<String, JsonNode>> patchedFields(JsonNode document) {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        Map.Entry<String, JsonNode> version = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = document.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (keyFields.contains(field.getKey())
                    || (skipNullFields && field.getValue().isNull())) {
                continue;
            }
            if (field.getKey().equals(versionField)) {
                version = field;
            } else {
                fields.add(field);
            }
        }
        if (version != null) {
            fields.add(version); // in the last part, whatever the width of the table
        }
        return fields;
    }

    /** JSON Pointer escaping of one path segment. */
    private static String escape(String field) {
        return field.replace("~", "~0").replace("/", "~1");
    }

    /** Parses a document's JSON, so that callers choose their mapper. */
    @FunctionalInterface
    public interface JsonFields {
        JsonNode parse(byte[] json);
    }
}
