package io.github.flinkcosmos.codegen.spec;

import java.util.List;
import java.util.Optional;

/**
 * A classification that holds for one operation kind only, before the table's rules: a delete
 * answered 404 finds what it wanted.
 *
 * @param operation the operation kind as the spec names it, e.g. {@code delete} or {@code
 *     create-missing}
 * @param subStatus the sub-status the override needs, or any when empty
 * @param reason why, in words, for the docs
 */
public record StatusOverride(
        String operation,
        List<StatusCodeRange> codes,
        Optional<Integer> subStatus,
        StatusClass statusClass,
        String reason) {

    /** The operation kinds the connector knows, as the spec names them. */
    public static final List<String> OPERATIONS =
            List.of("upsert", "delete", "create", "patch", "create-missing", "soft-delete");

    /** The operations a FALLBACK applies to: a patch and the create that replaces it. */
    public static final List<String> WITH_FALLBACK = List.of("patch", "create-missing");

    public StatusOverride {
        codes = List.copyOf(codes);
    }

    /** The constant of the connector's {@code OperationKind}, e.g. {@code CREATE_MISSING}. */
    public String operationConstant() {
        return operation.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }
}
