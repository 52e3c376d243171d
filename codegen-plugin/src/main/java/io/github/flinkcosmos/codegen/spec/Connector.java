package io.github.flinkcosmos.codegen.spec;

/**
 * The connector's identity.
 *
 * @param identifier the value of {@code 'connector'} in a DDL, and the prefix of every option key
 * @param title the product name used in headings
 * @param summary one sentence saying what the connector does
 */
public record Connector(String identifier, String title, String summary) {

    /** The prefix that every option key starts with, for example {@code cosmos.}. */
    public String keyPrefix() {
        return identifier + ".";
    }
}
