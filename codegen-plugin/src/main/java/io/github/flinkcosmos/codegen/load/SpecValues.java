package io.github.flinkcosmos.codegen.load;

import io.github.flinkcosmos.codegen.spec.AllowedValues;
import io.github.flinkcosmos.codegen.spec.DurationValue;
import io.github.flinkcosmos.codegen.spec.EnumValue;
import io.github.flinkcosmos.codegen.spec.OptionSpec;
import io.github.flinkcosmos.codegen.spec.OptionType;
import io.github.flinkcosmos.codegen.spec.OptionValidation;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Whether a value written in the spec (a default, a condition's value) is one the option accepts,
 * judged as the connector's validation engine judges a user's value.
 */
final class SpecValues {

    private SpecValues() {}

    /** What is wrong with a value of this option, or empty when the option would accept it. */
    static Optional<String> problemWithValue(OptionSpec option, String value) {
        return switch (option.type()) {
            case INTEGER, LONG, DOUBLE -> problemWithNumber(option, value);
            case BOOLEAN ->
                    value.equals("true") || value.equals("false")
                            ? Optional.empty()
                            : Optional.of("is not a boolean; use true or false");
            case DURATION ->
                    DurationValue.parse(value).isPresent()
                            ? Optional.empty()
                            : Optional.of("is not a duration; write it like 500 ms, 30 s or 5 min");
            case ENUM ->
                    option.values().stream().map(EnumValue::name).anyMatch(value::equals)
                            ? Optional.empty()
                            : Optional.of(
                                    "is not one of its values; use %s"
                                            .formatted(AllowedValues.describe(option)));
            case STRING -> problemWithString(option, value);
        };
    }

    private static Optional<String> problemWithString(OptionSpec option, String value) {
        OptionValidation validation = option.validation();
        boolean broken =
                value.isBlank()
                        || validation
                                .pattern()
                                .filter(pattern -> !value.matches(pattern))
                                .isPresent()
                        || (!validation.urlSchemes().isEmpty()
                                && !isUrl(value, validation.urlSchemes()))
                        || (validation.commaSeparatedList() && !isCommaSeparatedList(value));
        return broken ? Optional.of(outsideValidation(option)) : Optional.empty();
    }

    private static Optional<String> problemWithNumber(OptionSpec option, String value) {
        Optional<BigDecimal> number = decimal(value);
        boolean whole = option.type() != OptionType.DOUBLE;
        if (number.isEmpty() || (whole && !fitsWholeType(option.type(), value))) {
            String kind =
                    option.type() == OptionType.INTEGER
                            ? "an integer"
                            : whole ? "a whole number" : "a number";
            return Optional.of("is not %s".formatted(kind));
        }
        OptionValidation validation = option.validation();
        boolean belowMin =
                validation.min().filter(min -> number.get().compareTo(min) < 0).isPresent();
        boolean aboveMax =
                validation.max().filter(max -> number.get().compareTo(max) > 0).isPresent();
        return belowMin || aboveMax ? Optional.of(outsideValidation(option)) : Optional.empty();
    }

    private static String outsideValidation(OptionSpec option) {
        return "is outside the option's own validation; it must be %s"
                .formatted(AllowedValues.describe(option));
    }

    static boolean fitsWholeType(OptionType type, String value) {
        try {
            if (type == OptionType.INTEGER) {
                Integer.parseInt(value);
            } else {
                Long.parseLong(value);
            }
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static Optional<BigDecimal> decimal(String value) {
        try {
            return Optional.of(new BigDecimal(value));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** An absolute URL with a host and one of the schemes, as the engine checks it. */
    static boolean isUrl(String value, List<String> schemes) {
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() && schemes.contains(uri.getScheme()) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** A comma-separated list of non-blank items, as the engine checks it. */
    static boolean isCommaSeparatedList(String value) {
        return Arrays.stream(value.split(",", -1)).noneMatch(String::isBlank);
    }
}
