package io.github.flinkcosmos.codegen.spec;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The duration syntax a spec default may use, a subset of what Flink reads: a whole number and one
 * of the units {@code ms}, {@code s}, {@code min}, {@code h} or {@code d}.
 */
public final class DurationValue {

    private static final Pattern SYNTAX = Pattern.compile("(\\d{1,9})\\s*(ms|s|min|h|d)");

    private DurationValue() {}

    /** The duration, or empty when the text is not in the syntax above. */
    public static Optional<Duration> parse(String text) {
        Matcher matcher = SYNTAX.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(matcher.group(1));
        switch (matcher.group(2)) {
            case "ms":
                return Optional.of(Duration.ofMillis(amount));
            case "s":
                return Optional.of(Duration.ofSeconds(amount));
            case "min":
                return Optional.of(Duration.ofMinutes(amount));
            case "h":
                return Optional.of(Duration.ofHours(amount));
            default:
                return Optional.of(Duration.ofDays(amount));
        }
    }
}
