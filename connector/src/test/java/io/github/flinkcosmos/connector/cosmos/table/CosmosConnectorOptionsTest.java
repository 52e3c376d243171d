package io.github.flinkcosmos.connector.cosmos.table;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The generated options carry the contract's keys and defaults. */
class CosmosConnectorOptionsTest {

    /** The contract's fourth, cosmos.key, is required only with cosmos.auth.type 'key'. */
    @Test
    void requiredOptionsAreTheContractsFourButTheKey() {
        assertThat(CosmosConnectorOptions.REQUIRED_OPTIONS.stream().map(ConfigOption::key))
                .containsExactly("cosmos.endpoint", "cosmos.database", "cosmos.container");
        assertThat(CosmosConnectorOptions.AUTH_TYPE.defaultValue())
                .isEqualTo(CosmosConnectorOptions.AuthType.KEY);
    }

    @Test
    void optionalOptionsHaveTheContractsDefaults() {
        Map<String, String> defaults =
                CosmosConnectorOptions.OPTIONAL_OPTIONS.stream()
                        .collect(
                                Collectors.toMap(
                                        ConfigOption::key,
                                        option ->
                                                option.hasDefaultValue()
                                                        ? String.valueOf(option.defaultValue())
                                                        : "(none)"));

        // Entries, not the whole map: adding an option to the spec must not break this test.
        assertThat(defaults)
                .contains(
                        Map.entry("cosmos.preferred-regions", "(none)"),
                        Map.entry("cosmos.max-microbatch-concurrency", "1"),
                        Map.entry("cosmos.async.bulk.request-timeout-ms", "(none)"),
                        Map.entry("cosmos.auto-create", "false"),
                        Map.entry("cosmos.fail.detector", "(none)"),
                        Map.entry("cosmos.retry.backoff.initial-delay-ms", "500"),
                        Map.entry("cosmos.retry.backoff.max-delay-ms", "500"),
                        Map.entry("cosmos.retry.backoff.multiplier", "1.0"),
                        Map.entry("cosmos.retry.max-attempts", "5"),
                        Map.entry("cosmos.connection-mode", "direct"));
    }

    @Test
    void connectionModeReadsCaseInsensitively() {
        Configuration conf = Configuration.fromMap(Map.of("cosmos.connection-mode", "Gateway"));

        assertThat(conf.get(CosmosConnectorOptions.CONNECTION_MODE))
                .isEqualTo(CosmosConnectorOptions.ConnectionMode.GATEWAY);
    }

    @Test
    void theAccountKeyIsSensitiveAndFlinkDoesNotMaskIt() {
        assertThat(CosmosConnectorOptions.SENSITIVE_OPTIONS)
                .containsExactly(
                        CosmosConnectorOptions.KEY,
                        CosmosConnectorOptions.AUTH_CLIENT_SECRET,
                        CosmosConnectorOptions.AUTH_CLIENT_CERTIFICATE_PASSWORD);
        // Why the spec says 'redaction: connector': Flink would print this value.
        assertThat(GlobalConfiguration.isSensitive(CosmosConnectorOptions.KEY.key())).isFalse();
        // Flink masks these two itself; the connector keeps them out of its own messages too.
        assertThat(GlobalConfiguration.isSensitive(CosmosConnectorOptions.AUTH_CLIENT_SECRET.key()))
                .isTrue();
        assertThat(
                        GlobalConfiguration.isSensitive(
                                CosmosConnectorOptions.AUTH_CLIENT_CERTIFICATE_PASSWORD.key()))
                .isTrue();
    }
}
