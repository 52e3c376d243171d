package io.github.flinkcosmos.connector.cosmos.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Versions compare as values, never as the text the JSON holds. */
class DocumentVersionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void numbersCompareByValueWhateverTheirScaleOrWidth() throws Exception {
        DocumentVersion nine = DocumentVersion.of(9L);

        assertThat(nine.isNewerThan(stored(nine, "10"))).isFalse();
        assertThat(DocumentVersion.of(10).isNewerThan(stored(nine, "9"))).isTrue();
        assertThat(DocumentVersion.of(new BigDecimal("5.0")).isNewerThan(stored(nine, "5")))
                .as("equal versions are not newer")
                .isFalse();
        assertThat(
                        DocumentVersion.of(9_007_199_254_740_993L)
                                .isNewerThan(stored(nine, "9007199254740992")))
                .as("beyond 2^53, exactly")
                .isTrue();
    }

    @Test
    void datesAndTimesCompareAsTimesNotAsText() throws Exception {
        DocumentVersion half = DocumentVersion.of(LocalDateTime.parse("2026-11-21T10:15:30.5"));

        // As text "…30.25" > "…30.2" and "…30.5" > "…30.25"; as times 30.5 s is the latest.
        assertThat(half.isNewerThan(stored(half, "\"2026-11-21T10:15:30.25\""))).isTrue();
        assertThat(half.isNewerThan(stored(half, "\"2026-11-21T10:15:30.5000000\""))).isFalse();
        assertThat(half.isNewerThan(stored(half, "\"2026-11-21T10:15:31\""))).isFalse();

        DocumentVersion instant = DocumentVersion.of(Instant.parse("2026-11-21T10:15:30Z"));
        assertThat(instant.isNewerThan(stored(instant, "\"2026-11-21T10:15:29.999999999Z\"")))
                .isTrue();
        DocumentVersion day = DocumentVersion.of(LocalDate.parse("2026-11-21"));
        assertThat(day.isNewerThan(stored(day, "\"2026-11-20\""))).isTrue();
    }

    @Test
    void aMissingOrNullStoredVersionIsOlderThanAny() throws Exception {
        DocumentVersion version = DocumentVersion.of(1L);

        assertThat(version.stored(null)).isEmpty();
        assertThat(version.stored(JSON.readTree("null"))).isEmpty();
        assertThat(version.isNewerThan(Optional.empty())).isTrue();
    }

    @Test
    void aStoredFieldOfAnotherShapeIsNoVersion() {
        DocumentVersion number = DocumentVersion.of(1L);

        assertThatThrownBy(() -> stored(number, "\"12\""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("it holds \"12\", which is not a number version");
        assertThatThrownBy(() -> DocumentVersion.of(1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a java.lang.Double");
    }

    @Test
    void itsJsonReadsBackAsTheSameVersion() throws Exception {
        for (Object value :
                new Object[] {
                    42L,
                    new BigDecimal("-3.25"),
                    LocalDate.parse("2026-02-28"),
                    LocalDateTime.parse("2026-11-21T10:15:00"),
                    Instant.parse("1969-12-31T23:59:59.5Z")
                }) {
            DocumentVersion version = DocumentVersion.of(value);
            assertThat(version.stored(version.json())).as("%s", value).contains(version);
        }
    }

    private static Optional<DocumentVersion> stored(DocumentVersion kind, String json)
            throws Exception {
        JsonNode field = JSON.readTree(json);
        return kind.stored(field);
    }
}
