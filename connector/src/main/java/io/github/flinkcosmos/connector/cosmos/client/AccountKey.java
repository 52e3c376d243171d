package io.github.flinkcosmos.connector.cosmos.client;

import org.apache.flink.annotation.Internal;

import java.util.Objects;

/**
 * The Cosmos DB account key, wrapped so that it cannot end up in a log line, a message or a plan by
 * accident: {@link #toString()} never shows it, and only the client factory reads it.
 */
@Internal
public final class AccountKey implements CosmosAuthentication {

    private static final long serialVersionUID = 1L;

    private final String value;

    public AccountKey(String value) {
        this.value = Objects.requireNonNull(value, "key");
    }

    /** The key itself, for building a client and nothing else. */
    String reveal() {
        return value;
    }

    /** Replaces every occurrence of the key in a text, for messages that may quote options. */
    @Override
    public String redact(String text) {
        return text == null || value.isEmpty() ? text : text.replace(value, "******");
    }

    @Override
    public String describe() {
        return "cosmos.auth.type 'key' (the account key, cosmos.key)";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AccountKey && value.equals(((AccountKey) other).value);
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
