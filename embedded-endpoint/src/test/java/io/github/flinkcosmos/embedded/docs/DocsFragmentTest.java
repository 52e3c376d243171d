package io.github.flinkcosmos.embedded.docs;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DocsFragmentTest {

    private static final String MARKDOWN =
            """
            ### Write rows

            Some text.

            ```sql
            CREATE TABLE src (id STRING) WITH (
              'connector' = 'datagen'
            );

            CREATE TABLE sink (
              id STRING
            ) WITH (
              'connector' = 'cosmos',
              'cosmos.endpoint' = 'https://<account>.documents.azure.com:443/',
              'cosmos.key' = '${secret_values.cosmos_key}',
              'cosmos.database' = 'db'
            );

            INSERT INTO sink SELECT * FROM src;
            ```

            ### Aggregate

            ```sql
            INSERT INTO sink
            SELECT id FROM src GROUP BY id;
            ```

            ```java
            not sql;
            ```
            """;

    private final DocsFragment fragment = DocsFragment.parse("test.md", MARKDOWN);

    @Test
    void splitsEachSqlBlockIntoStatementsUnderItsHeading() {
        assertThat(fragment.examples()).hasSize(2);
        assertThat(fragment.under("Write rows").statements())
                .hasSize(3)
                .last()
                .isEqualTo("INSERT INTO sink SELECT * FROM src");
        assertThat(fragment.under("Aggregate").statements())
                .containsExactly("INSERT INTO sink\nSELECT id FROM src GROUP BY id");
        assertThat(fragment.creating("sink").heading()).isEqualTo("Write rows");
    }

    @Test
    void replacesThePlaceholdersAndSetsOptionsInCosmosTablesOnly() {
        SqlExample example =
                fragment.creating("sink")
                        .connectedTo(URI.create("http://localhost:1234/"), "k3y")
                        .withCosmosOption("cosmos.database", "unique")
                        .withCosmosOption("cosmos.connection-mode", "gateway")
                        .withOption("src", "number-of-rows", "10");

        assertThat(example.createTable("sink"))
                .isEqualTo(
                        """
                        CREATE TABLE sink (
                          id STRING
                        ) WITH (
                          'connector' = 'cosmos',
                          'cosmos.endpoint' = 'http://localhost:1234/',
                          'cosmos.key' = 'k3y',
                          'cosmos.database' = 'unique',
                          'cosmos.connection-mode' = 'gateway'
                        )""");
        assertThat(example.createTable("src"))
                .isEqualTo(
                        """
                        CREATE TABLE src (id STRING) WITH (
                          'connector' = 'datagen',
                          'number-of-rows' = '10'
                        )""");
        assertThat(example.script()).endsWith("INSERT INTO sink SELECT * FROM src;\n\n");
    }

    @Test
    void aCosmosTableWithoutThePlaceholdersFails() {
        SqlExample literal =
                DocsFragment.parse(
                                "literal.md",
                                """
                                ```sql
                                CREATE TABLE sink (id STRING) WITH (
                                  'connector' = 'cosmos',
                                  'cosmos.endpoint' = 'https://real.documents.azure.com:443/'
                                );
                                ```
                                """)
                        .creating("sink");

        assertThatThrownBy(() -> literal.connectedTo(URI.create("http://localhost/"), "k"))
                .hasMessageContaining("without the placeholder endpoint");
    }

    @Test
    void anAmbiguousOrMissingBlockNamesTheFragment() {
        assertThatThrownBy(() -> fragment.under("Nowhere"))
                .hasMessageContaining("test.md has 0 SQL blocks under the heading 'Nowhere'");
    }
}
