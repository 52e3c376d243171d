package io.github.flinkcosmos.embedded.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;

/**
 * The master-key signature of a request: Base64 of HMAC-SHA256, keyed with the Base64-decoded
 * account key, over {@code verb\nresourceType\nresourceLink\nx-ms-date\ndate\n} with the verb and
 * both dates lower-cased (the service's and the SDK's payload).
 */
final class MasterKeySignature {

    private final byte[] key;

    MasterKeySignature(String accountKey) {
        this.key = Base64.getDecoder().decode(accountKey);
    }

    static String payload(String verb, ResourceAddress address, String xMsDate, String httpDate) {
        return "%s\n%s\n%s\n%s\n%s\n"
                .formatted(
                        verb.toLowerCase(Locale.ROOT),
                        address.type(),
                        address.link(),
                        xMsDate.toLowerCase(Locale.ROOT),
                        httpDate.toLowerCase(Locale.ROOT));
    }

    String sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder()
                    .encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** Compares in constant time, as a signature check should. */
    boolean matches(String payload, String signature) {
        return MessageDigest.isEqual(
                sign(payload).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }
}
