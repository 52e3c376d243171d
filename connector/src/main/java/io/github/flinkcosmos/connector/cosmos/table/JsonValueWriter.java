package io.github.flinkcosmos.connector.cosmos.table;

import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.Serializable;

/**
 * Writes one value of Flink's internal data structures (a {@code StringData}, an {@code ArrayData},
 * a boxed {@code int}, …) straight to a JSON generator. The writer of a type assumes a non-null
 * value; {@link JsonValueWriters} wraps it in one that writes {@code null} for null.
 */
@FunctionalInterface
interface JsonValueWriter extends Serializable {

    void write(JsonGenerator json, Object value) throws IOException;
}
