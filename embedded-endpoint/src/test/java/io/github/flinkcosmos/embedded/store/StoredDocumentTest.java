package io.github.flinkcosmos.embedded.store;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service's time-to-live rules: the container's {@code defaultTtl} (off, -1 or seconds), a
 * document's own {@code ttl} overriding it (-1 never), and a {@code ttl} ignored while the
 * container's is off. Each case asks just before and at the expiry the rules give.
 */
class StoredDocumentTest {

    private static final long WRITTEN = 1_000_000L;

    @ParameterizedTest(name = "defaultTtl {0}, ttl {1}: expires after {2} s")
    @CsvSource(
            nullValues = "off",
            value = {
                "off,  off,  never",
                "off,  -1,   never",
                "off,  20,   never",
                "-1,   off,  never",
                "-1,   -1,   never",
                "-1,   20,   20",
                "10,   off,  10",
                "10,   -1,   never",
                "10,   20,   20",
                "10,   5,    5",
            })
    void expiresAsTheServiceDoes(Integer defaultTtl, Integer ttl, String after) {
        StoredDocument document =
                new StoredDocument(new DocumentKey("[\"p\"]", "a"), new byte[0], "e", WRITTEN, ttl);
        long later = WRITTEN + 100_000_000L;

        if (after.equals("never")) {
            assertThat(document.expired(defaultTtl, later)).isFalse();
        } else {
            long expiry = WRITTEN + Long.parseLong(after) * 1000;
            assertThat(document.expired(defaultTtl, expiry - 1)).isFalse();
            assertThat(document.expired(defaultTtl, expiry)).isTrue();
        }
    }
}
