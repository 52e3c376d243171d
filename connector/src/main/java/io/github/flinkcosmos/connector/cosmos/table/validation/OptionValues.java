package io.github.flinkcosmos.connector.cosmos.table.validation;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads option values exactly as Flink will, and the value formats string rules check. */
final class OptionValues {

    private OptionValues() {}

    /** The set value as Flink reads it; empty when Flink cannot read it. */
    static <T> Optional<T> parse(Map<String, String> options, ConfigOption<T> option) {
        try {
            return Optional.of(
                    Configuration.fromMap(Map.of(option.key(), options.get(option.key())))
                            .get(option));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The value Flink will use, the default when unset; empty when the set value is unreadable. */
    static <T> Optional<T> effective(Map<String, String> options, ConfigOption<T> option) {
        try {
            return Optional.ofNullable(Configuration.fromMap(options).get(option));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@code a < b} for two values of the same numeric option type, as Java compares them. */
    static boolean lessThan(Number a, Number b) {
        if (a instanceof Double || b instanceof Double) {
            return a.doubleValue() < b.doubleValue();
        }
        return a.longValue() < b.longValue();
    }

    static boolean isUrl(String value, List<String> schemes) {
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() && schemes.contains(uri.getScheme()) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    static boolean isCommaSeparatedList(String value) {
        return Arrays.stream(value.split(",", -1)).noneMatch(String::isBlank);
    }
}
