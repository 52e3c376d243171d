package io.github.flinkcosmos.connector.cosmos.sink;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Locale;

/** A kind of write the sink gives up on, which a dead-letter container can receive. */
@PublicEvolving
public enum DeadLetterClass {
    /** An operation whose status is classified DROP. */
    DROP,
    /** An operation whose status is classified FAIL. */
    FAIL,
    /** An operation still failing after every connector-level retry. */
    RETRIES_EXHAUSTED,
    /** A row Cosmos DB would refuse (a service limit), which the sink never sent. */
    REJECTED;

    /** The name in {@code cosmos.dead-letter.classes}, such as {@code retries-exhausted}. */
    public String optionValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The class an option value names; the table's validator has checked it is one. */
    public static DeadLetterClass ofOptionValue(String value) {
        return valueOf(value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
