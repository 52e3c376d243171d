package io.github.flinkcosmos.codegen.spec;

/**
 * A limit of the Cosmos DB service that the sink checks on every row before sending it.
 *
 * @param name the limit's name, in lower camel case, such as {@code idMaxBytes}
 * @param value the limit itself, such as {@code 1023}
 * @param description what the limit says, for the reference page
 */
public record ServiceLimit(String name, int value, String description) {}
