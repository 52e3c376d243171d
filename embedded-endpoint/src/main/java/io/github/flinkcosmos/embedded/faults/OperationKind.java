package io.github.flinkcosmos.embedded.faults;

import java.util.Arrays;
import java.util.Locale;

/** A document operation, whether it arrives alone or inside a bulk request. */
public enum OperationKind {
    CREATE,
    UPSERT,
    REPLACE,
    READ,
    DELETE,
    /** A partial update: its body holds the patch operations, not a document. */
    PATCH;

    /** The kind named by a bulk operation's {@code operationType}, such as {@code Upsert}. */
    public static OperationKind fromBulkName(String operationType) {
        return Arrays.stream(values())
                .filter(kind -> kind.name().equals(operationType.toUpperCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "Unsupported operationType " + operationType));
    }

    /** Whether the operation sends a document: create, upsert and replace do. */
    public boolean hasBody() {
        return this == CREATE || this == UPSERT || this == REPLACE;
    }

    /**
     * Whether a bulk operation of this kind carries a {@code resourceBody}: a document or a patch.
     */
    public boolean hasResourceBody() {
        return hasBody() || this == PATCH;
    }
}
