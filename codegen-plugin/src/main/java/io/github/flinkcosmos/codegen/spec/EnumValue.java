package io.github.flinkcosmos.codegen.spec;

/** One allowed value of an {@code enum} option. */
public record EnumValue(String name, String description) {}
