package io.github.flinkcosmos.connector.cosmos.client;

import org.apache.flink.annotation.Internal;

import java.io.Serializable;

/**
 * How a client proves who it is: the account key, or a Microsoft Entra ID credential. Both travel
 * with the sink to the task managers, so neither shows its secret in {@code toString}.
 */
@Internal
public sealed interface CosmosAuthentication extends Serializable
        permits AccountKey, EntraIdCredential {

    /** Replaces every secret of this authentication in a text, for messages that may quote one. */
    String redact(String text);

    /**
     * What the account was given, for messages: {@code cosmos.auth.type 'key' (the account key)},
     * never a secret.
     */
    String describe();
}
