package io.github.flinkcosmos.connector.cosmos.table.validation;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.types.logical.LogicalType;

/**
 * A column of the table.
 *
 * @param physical false for computed and metadata columns
 */
@Internal
public record Column(String name, boolean physical, LogicalType type) {}
