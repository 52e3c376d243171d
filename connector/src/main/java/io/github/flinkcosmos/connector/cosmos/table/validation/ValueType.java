package io.github.flinkcosmos.connector.cosmos.table.validation;

import org.apache.flink.annotation.Internal;

/** The spec type of an option, which decides how its value is read and checked. */
@Internal
public enum ValueType {
    /** Checked as written: blank, URL, list and pattern rules. */
    STRING,
    INTEGER,
    LONG,
    /** Flink also reads {@code NaN} and {@code Infinity}, which no range admits. */
    DOUBLE,
    BOOLEAN,
    DURATION,
    ENUM
}
