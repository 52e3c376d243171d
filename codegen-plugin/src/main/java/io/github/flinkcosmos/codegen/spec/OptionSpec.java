package io.github.flinkcosmos.codegen.spec;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One connector option: everything needed to generate its {@code ConfigOption}, its validation and
 * its row in the reference docs.
 *
 * @param defaultValue the default exactly as written in the spec, for example {@code 1.0}
 * @param defaultDescription what happens when an option without a default is not set
 * @param example a value to show in docs and in "what to write instead" hints
 * @param values the allowed values of an {@code enum} option, empty for other types
 * @param enumClass the spec's name for the Java enum of an {@code enum} option ({@code
 *     enum-class}), when the key's last segment would not make a good one
 */
public record OptionSpec(
        String key,
        OptionType type,
        boolean required,
        boolean sensitive,
        Optional<Redaction> redaction,
        String group,
        String description,
        Optional<String> defaultValue,
        Optional<String> defaultDescription,
        Optional<String> example,
        List<EnumValue> values,
        Optional<String> enumClass,
        OptionValidation validation) {

    public OptionSpec {
        values = List.copyOf(values);
    }

    /**
     * The Java constant for this option: the key without the connector prefix, in upper snake case,
     * so {@code cosmos.retry.max-attempts} becomes {@code RETRY_MAX_ATTEMPTS}.
     */
    public String constantName(Connector connector) {
        String name =
                key.startsWith(connector.keyPrefix())
                        ? key.substring(connector.keyPrefix().length())
                        : key;
        return name.replaceAll("[.-]", "_").toUpperCase(Locale.ROOT);
    }

    /**
     * The simple name of the Java enum of an {@code enum} option: the spec's {@code enum-class}, or
     * else the key's last segment in upper camel case, so {@code cosmos.connection-mode} gets
     * {@code ConnectionMode}.
     */
    public String enumClassName() {
        if (enumClass.isPresent()) {
            return enumClass.get();
        }
        StringBuilder name = new StringBuilder();
        for (String part : key.substring(key.lastIndexOf('.') + 1).split("-")) {
            if (!part.isEmpty()) {
                name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return name.toString();
    }
}
