package io.github.flinkcosmos.embedded.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinkcosmos.embedded.store.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The RSA keys of trusted token issuers by key id, read from their JSON Web Key Sets. */
final class TokenSigningKeys {

    private final Map<String, PublicKey> byKeyId = new ConcurrentHashMap<>();

    /** Adds every RSA key of a JWKS document ({@code {"keys":[{"kty":"RSA","kid",…,"n","e"}]}}). */
    void trust(String jwks) {
        try {
            JsonNode keys = Json.parse(jwks.getBytes(StandardCharsets.UTF_8)).path("keys");
            for (JsonNode key : keys) {
                if (key.path("kty").asText().equals("RSA")) {
                    byKeyId.put(key.path("kid").asText(), rsaKey(key));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Not a JSON Web Key Set", e);
        }
    }

    Optional<PublicKey> key(String keyId) {
        return Optional.ofNullable(byKeyId.get(keyId));
    }

    private static PublicKey rsaKey(JsonNode key) {
        Base64.Decoder base64Url = Base64.getUrlDecoder();
        BigInteger modulus = new BigInteger(1, base64Url.decode(key.path("n").asText()));
        BigInteger exponent = new BigInteger(1, base64Url.decode(key.path("e").asText()));
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(modulus, exponent));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Not an RSA key: " + key.path("kid"), e);
        }
    }
}
