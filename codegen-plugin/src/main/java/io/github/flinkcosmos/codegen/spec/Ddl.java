package io.github.flinkcosmos.codegen.spec;

import java.util.List;

/**
 * The rules for the sink table's DDL.
 *
 * @param idColumn the column holding each document's id; the PRIMARY KEY's other columns are the
 *     partition key
 */
public record Ddl(String idColumn, List<DdlConstraint> constraints) {

    public Ddl {
        constraints = List.copyOf(constraints);
    }
}
