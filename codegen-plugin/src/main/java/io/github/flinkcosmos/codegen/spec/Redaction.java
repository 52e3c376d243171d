package io.github.flinkcosmos.codegen.spec;

/** Who keeps the value of a sensitive option out of messages, logs and plans. */
public enum Redaction {
    /** Flink masks the value because the key contains one of its sensitive words. */
    FLINK,
    /** Flink would print the value; the connector redacts it itself. */
    CONNECTOR
}
