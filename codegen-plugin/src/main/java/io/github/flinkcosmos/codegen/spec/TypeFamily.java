package io.github.flinkcosmos.codegen.spec;

import java.util.Arrays;
import java.util.Locale;

/** Flink logical type families a DDL constraint can require, named as in the spec. */
public enum TypeFamily {
    CHARACTER_STRING,
    NUMERIC,
    BOOLEAN;

    /** The spec's name, for example {@code character-string}. */
    public String specName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static TypeFamily fromSpecName(String specName) {
        return Arrays.stream(values())
                .filter(family -> family.specName().equals(specName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown family " + specName));
    }
}
