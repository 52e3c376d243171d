package io.github.flinkcosmos.embedded.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinkcosmos.embedded.store.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a Microsoft Entra ID access token as the service does: an RS256 JWT signed by a trusted
 * issuer's key, for the account's audience, within its validity. Yields the principal (its {@code
 * oid}, else its {@code appid}/{@code azp}) or why it is refused.
 */
final class AccessTokenVerifier {

    /**
     * The clock skew tolerated on {@code nbf} and {@code exp}: one second, less than the service's,
     * so that tests with tokens of a few seconds see them expire.
     */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(1);

    private final TokenSigningKeys keys;

    AccessTokenVerifier(TokenSigningKeys keys) {
        this.keys = keys;
    }

    /** A verified token's principal, or the reason it was refused. */
    sealed interface Result {}

    record Accepted(String principalId, Instant expiry) implements Result {}

    record Refused(String reason) implements Result {}

    Result verify(String token, Set<String> audiences, Instant now) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return new Refused("the token is not a JWT");
        }
        JsonNode header;
        JsonNode claims;
        try {
            header = json(parts[0]);
            claims = json(parts[1]);
        } catch (IOException | IllegalArgumentException e) {
            return new Refused("the token is not a JWT");
        }
        if (!header.path("alg").asText().equals("RS256")) {
            return new Refused("the token's algorithm " + header.path("alg") + " is not RS256");
        }
        Optional<PublicKey> key = keys.key(header.path("kid").asText());
        if (key.isEmpty()) {
            return new Refused("the token is signed by an unknown key " + header.path("kid"));
        }
        if (!signatureValid(parts, key.get())) {
            return new Refused("the token's signature is invalid");
        }
        String audience = claims.path("aud").asText();
        if (!audiences.contains(audience)) {
            return new Refused(
                    "the token's audience '%s' is not one of %s".formatted(audience, audiences));
        }
        Instant expiry = Instant.ofEpochSecond(claims.path("exp").asLong());
        if (!now.isBefore(expiry.plus(CLOCK_SKEW))) {
            return new Refused("the token expired at " + expiry);
        }
        if (claims.has("nbf")
                && now.plus(CLOCK_SKEW)
                        .isBefore(Instant.ofEpochSecond(claims.path("nbf").asLong()))) {
            return new Refused("the token is not valid before " + claims.path("nbf"));
        }
        for (String claim : new String[] {"oid", "appid", "azp", "sub"}) {
            if (claims.hasNonNull(claim)) {
                return new Accepted(claims.path(claim).asText(), expiry);
            }
        }
        return new Refused("the token names no principal (oid)");
    }

    private static boolean signatureValid(String[] parts, PublicKey key) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return rsa.verify(Base64.getUrlDecoder().decode(parts[2]));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static JsonNode json(String base64Url) throws IOException {
        return Json.parse(Base64.getUrlDecoder().decode(base64Url));
    }
}
