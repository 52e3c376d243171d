package io.github.flinkcosmos.connector.cosmos.client;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AccountKeyTest {

    private static final String KEY = "c2VjcmV0LWtleS12YWx1ZQ==";

    @Test
    void neverShowsTheKeyInToStringOfItselfOrOfTheConnection() {
        AccountKey key = new AccountKey(KEY);
        CosmosConnection connection =
                new CosmosConnection(
                        "https://account.documents.azure.com:443/",
                        key,
                        "db",
                        "c",
                        ConnectionMode.GATEWAY,
                        List.of());

        assertThat(key.toString()).isEqualTo("******");
        assertThat(connection.toString()).doesNotContain(KEY).contains("******");
        assertThat(key.reveal()).isEqualTo(KEY);
    }

    @Test
    void redactsTheKeyFromATextThatQuotesIt() {
        assertThat(new AccountKey(KEY).redact("'cosmos.key'='" + KEY + "'"))
                .isEqualTo("'cosmos.key'='******'");
    }
}
