package io.github.flinkcosmos.embedded.faults;

/**
 * One document operation as fault rules see it.
 *
 * @param partitionKey the compact JSON partition-key value, such as {@code ["p1"]}
 */
public record Operation(
        OperationKind kind, String database, String container, String id, String partitionKey) {}
