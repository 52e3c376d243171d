package io.github.flinkcosmos.codegen.spec;

import java.util.Arrays;
import java.util.Locale;

/** The value types an option can have, each with the name the spec and the docs use. */
public enum OptionType {
    STRING("String"),
    INTEGER("Integer"),
    LONG("Long"),
    DOUBLE("Double"),
    BOOLEAN("Boolean"),
    DURATION("Duration"),
    ENUM("Enum");

    private final String displayName;

    OptionType(String displayName) {
        this.displayName = displayName;
    }

    /** The name written in the spec, for example {@code integer}. */
    public String specName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The name shown in the reference docs, for example {@code Integer}. */
    public String displayName() {
        return displayName;
    }

    /** Whether values of this type are numbers that {@code min} and {@code max} can bound. */
    public boolean isNumeric() {
        return this == INTEGER || this == LONG || this == DOUBLE;
    }

    public static OptionType fromSpecName(String specName) {
        return Arrays.stream(values())
                .filter(type -> type.specName().equals(specName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown type " + specName));
    }
}
