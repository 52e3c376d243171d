package io.github.flinkcosmos.codegen.spec;

/** What the writer does with an operation, decided by its HTTP status code. */
public enum StatusClass {
    SUCCESS,
    RETRY,
    FAIL,
    DROP,
    /** The operation is replaced by its fallback: a patch by a create, and back. */
    FALLBACK
}
