package io.github.flinkcosmos.embedded.faults;

/**
 * One document operation as fault rules see it.
 *
 * @param partitionKey the compact JSON partition-key value, such as {@code ["p1"]}
 * @param rangeId the id of the partition-key range that serves it
 */
public record Operation(
        OperationKind kind,
        String database,
        String container,
        String id,
        String partitionKey,
        String rangeId) {

    /** An operation on the first range, as in a container of one range. */
    public Operation(
            OperationKind kind, String database, String container, String id, String partitionKey) {
        this(kind, database, container, id, partitionKey, "0");
    }
}
