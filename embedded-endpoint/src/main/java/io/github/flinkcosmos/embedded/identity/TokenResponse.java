package io.github.flinkcosmos.embedded.identity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinkcosmos.embedded.store.Json;

import java.time.Instant;
import java.util.UUID;

/** A JSON answer of the token service, in Entra ID's shapes. */
record TokenResponse(int status, byte[] body) {

    static TokenResponse json(int status, ObjectNode body) {
        return new TokenResponse(status, Json.bytes(body));
    }

    /**
     * An OAuth 2.0 error as Entra ID sends it: {@code error}, an {@code error_description} that
     * starts with the AADSTS code, and {@code error_codes}.
     */
    static TokenResponse oauthError(int status, String error, int code, String description) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("error", error);
        body.put("error_description", "AADSTS%d: %s".formatted(code, description));
        body.putArray("error_codes").add(code);
        body.put("timestamp", Instant.now().toString());
        body.put("trace_id", UUID.randomUUID().toString());
        body.put("correlation_id", UUID.randomUUID().toString());
        return json(status, body);
    }
}
