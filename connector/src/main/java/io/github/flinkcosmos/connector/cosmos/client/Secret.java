package io.github.flinkcosmos.connector.cosmos.client;

import org.apache.flink.annotation.Internal;

import java.io.Serializable;
import java.util.Objects;

/**
 * A client secret or a certificate password, wrapped so that it cannot end up in a log line, a
 * message or a plan by accident: {@link #toString()} never shows it, and only the client factory
 * reads it.
 */
@Internal
public final class Secret implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String value;

    public Secret(String value) {
        this.value = Objects.requireNonNull(value, "secret");
    }

    /** The value itself, for building a credential and nothing else. */
    String reveal() {
        return value;
    }

    /** Replaces every occurrence of the secret in a text. */
    public String redact(String text) {
        return text == null || value.isEmpty() ? text : text.replace(value, "******");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret && value.equals(((Secret) other).value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "******";
    }
}
