package io.github.flinkcosmos.embedded.observability;

import io.github.flinkcosmos.embedded.faults.Operation;

/**
 * Told of every document operation as the endpoint answers it, on the thread that served it, so a
 * benchmark can time when each document was stored. It must be quick and must not throw.
 */
@FunctionalInterface
public interface OperationListener {

    void answered(Operation operation, int statusCode);
}
