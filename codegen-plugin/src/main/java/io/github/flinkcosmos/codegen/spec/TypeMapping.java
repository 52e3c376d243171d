package io.github.flinkcosmos.codegen.spec;

/**
 * How values of a Flink SQL type appear in the JSON document.
 *
 * @param flinkType the SQL type, e.g. {@code TIMESTAMP(p)}
 * @param json what the document holds, e.g. "string, ISO-8601 local date-time"
 * @param example a written value, e.g. {@code "2026-11-21T10:15:30.123"}
 */
public record TypeMapping(String flinkType, String json, String example) {}
