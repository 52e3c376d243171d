package io.github.flinkcosmos.embedded.store;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The patch conditions the endpoint understands, with the service's undefined-never-matches. */
class FilterPredicateTest {

    private static final String DOCUMENT =
            "{\"version\":5,\"name\":\"b\",\"on\":true,\"none\":null,\"a\":{\"b\":2}}";

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "FROM c WHERE c.version < 6 | true",
                "from c where c.version < 5 | false",
                "FROM c WHERE c.version >= 5 AND c.version <= 5.0 | true",
                "FROM c WHERE c.version != 5 OR c.name = 'b' | true",
                "FROM c WHERE c.name > \"a\" | true",
                "FROM c WHERE c.on = true | true",
                "FROM c WHERE c.none = null | true",
                "FROM c WHERE c.a.b = 2 AND c[\"name\"] = 'b' | true",
                "FROM c WHERE c.missing < 1 | false",
                "FROM c WHERE NOT (c.missing < 1) | false",
                "FROM c WHERE NOT IS_DEFINED(c.missing) | true",
                "FROM c WHERE c.name < 7 | false",
                "FROM doc WHERE doc.version = 5 | true"
            })
    void evaluatesAgainstTheStoredDocument(String condition, boolean expected) throws IOException {
        JsonNode document = Json.MAPPER.readTree(DOCUMENT);

        assertThat(FilterPredicate.parse(condition).test(document)).isEqualTo(expected);
    }

    @Test
    void refusesParametersAndWhatItCannotReadNamingWhatIsSupported() {
        assertThatThrownBy(() -> FilterPredicate.parse("FROM c WHERE c.version < @v"))
                .hasMessageContaining("parameters (@name) are not supported");
        assertThatThrownBy(() -> FilterPredicate.parse("SELECT * FROM c"))
                .hasMessageContaining("Supported conditions: FROM c WHERE");
        assertThatThrownBy(() -> FilterPredicate.parse("FROM c WHERE d.version = 1"))
                .hasMessageContaining("its FROM clause calls the document 'c'");
    }
}
