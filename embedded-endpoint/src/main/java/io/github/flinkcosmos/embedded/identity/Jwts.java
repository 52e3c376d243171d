package io.github.flinkcosmos.embedded.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinkcosmos.embedded.store.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;

/** Signs and reads compact JWTs (RS256; PS256 too when verifying, as MSAL may sign with it). */
final class Jwts {

    private Jwts() {}

    static String sign(ObjectNode header, ObjectNode claims, PrivateKey key) {
        String signingInput = encode(Json.bytes(header)) + "." + encode(Json.bytes(claims));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + encode(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
    }

    /** A JWT's header and claims, before its signature is checked. */
    record Parsed(JsonNode header, JsonNode claims, String signingInput, byte[] signature) {

        boolean signedBy(PublicKey key) {
            try {
                Signature verifier;
                String algorithm = header.path("alg").asText();
                if (algorithm.equals("RS256")) {
                    verifier = Signature.getInstance("SHA256withRSA");
                } else if (algorithm.equals("PS256")) {
                    verifier = Signature.getInstance("RSASSA-PSS");
                    verifier.setParameter(
                            new PSSParameterSpec(
                                    "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                } else {
                    return false;
                }
                verifier.initVerify(key);
                verifier.update(signingInput.getBytes(StandardCharsets.US_ASCII));
                return verifier.verify(signature);
            } catch (GeneralSecurityException e) {
                return false;
            }
        }
    }

    static Parsed parse(String jwt) throws IOException {
        String[] parts = jwt.split("\\.", -1);
        if (parts.length != 3) {
            throw new IOException("not a compact JWT");
        }
        try {
            Base64.Decoder decoder = Base64.getUrlDecoder();
            return new Parsed(
                    Json.parse(decoder.decode(parts[0])),
                    Json.parse(decoder.decode(parts[1])),
                    parts[0] + "." + parts[1],
                    decoder.decode(parts[2]));
        } catch (IllegalArgumentException e) {
            throw new IOException("not a compact JWT", e);
        }
    }

    static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
