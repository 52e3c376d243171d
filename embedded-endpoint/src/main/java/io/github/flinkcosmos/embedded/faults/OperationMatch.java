package io.github.flinkcosmos.embedded.faults;

import java.util.function.Predicate;

/** Which document operations a fault rule applies to; combine with {@link #and}. */
@FunctionalInterface
public interface OperationMatch extends Predicate<Operation> {

    static OperationMatch any() {
        return operation -> true;
    }

    static OperationMatch kind(OperationKind kind) {
        return operation -> operation.kind() == kind;
    }

    static OperationMatch id(String id) {
        return operation -> id.equals(operation.id());
    }

    /** Operations on documents with this compact partition-key value, e.g. {@code ["p1"]}. */
    static OperationMatch partitionKey(String partitionKeyJson) {
        return operation -> operation.partitionKey().equals(partitionKeyJson);
    }

    /** Operations served by the partition-key range with this id: a hot partition. */
    static OperationMatch range(String rangeId) {
        return operation -> operation.rangeId().equals(rangeId);
    }

    static OperationMatch container(String container) {
        return operation -> operation.container().equals(container);
    }

    default OperationMatch and(OperationMatch other) {
        return operation -> test(operation) && other.test(operation);
    }
}
