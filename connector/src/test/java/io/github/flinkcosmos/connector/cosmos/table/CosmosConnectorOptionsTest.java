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

    @Test
    void requiredOptionsAreTheContractsFour() {
        assertThat(CosmosConnectorOptions.REQUIRED_OPTIONS.stream().map(ConfigOption::key))
                .containsExactly(
                        "cosmos.endpoint", "cosmos.key", "cosmos.database", "cosmos.container");
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
                .containsExactly(CosmosConnectorOptions.KEY);
        // Why the spec says 'redaction: connector': Flink would print this value.
        assertThat(GlobalConfiguration.isSensitive(CosmosConnectorOptions.KEY.key())).isFalse();
    }
}
