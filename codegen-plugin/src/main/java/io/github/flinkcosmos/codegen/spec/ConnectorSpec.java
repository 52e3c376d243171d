package io.github.flinkcosmos.codegen.spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The whole spec: the connector's options, status classification, DDL constraints, the service
 * limits rows are checked against, and the reference page outline, as read from one YAML file.
 *
 * @param source the file the spec was read from, shown in generated headers
 */
public record ConnectorSpec(
        Path source,
        Connector connector,
        List<OptionSpec> options,
        ReferencePage referencePage,
        RetryBackoff retryBackoff,
        StatusClassification statusClassification,
        Ddl ddl,
        List<MetricSpec> metrics,
        List<TypeMapping> typeMapping,
        List<ServiceLimit> serviceLimits) {

    public ConnectorSpec {
        options = List.copyOf(options);
        metrics = List.copyOf(metrics);
        typeMapping = List.copyOf(typeMapping);
        serviceLimits = List.copyOf(serviceLimits);
    }

    /** The option with this key, if the spec declares one. */
    public Optional<OptionSpec> option(String key) {
        return options.stream().filter(option -> option.key().equals(key)).findFirst();
    }

    /** The option with this key; the loader has checked that every reference resolves. */
    public OptionSpec requireOption(String key) {
        return option(key)
                .orElseThrow(() -> new IllegalArgumentException("No option '" + key + "'"));
    }
}
