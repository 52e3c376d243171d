package io.github.flinkcosmos.embedded.docs;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code ```sql} block of the reference page, split into statements, with the few changes a
 * test may make to run it: the placeholder endpoint and key replaced, and options set on its
 * tables. Immutable; every change returns a new example.
 */
public final class SqlExample {

    /** The account every example writes to; a test puts its endpoint in its place. */
    public static final String PLACEHOLDER_ENDPOINT = "https://<account>.documents.azure.com:443/";

    /** The key every example uses, a secret reference; a test puts its key in its place. */
    public static final String PLACEHOLDER_KEY = "${secret_values.cosmos_key}";

    private static final Pattern STATEMENT_END = Pattern.compile(";[ \\t]*(?:\\n|$)");
    private static final Pattern CREATE_TABLE =
            Pattern.compile("(?is)^CREATE\\s+(?:TEMPORARY\\s+)?TABLE\\s+`?(\\w+)`?.*");
    private static final Pattern WITH_CLAUSE = Pattern.compile("(?i)\\bWITH\\s*\\(");
    private static final String COSMOS_CONNECTOR = "'connector' = 'cosmos'";

    private final String fragment;
    private final String heading;
    private final List<String> statements;

    private SqlExample(String fragment, String heading, List<String> statements) {
        this.fragment = fragment;
        this.heading = heading;
        this.statements = List.copyOf(statements);
    }

    static SqlExample of(String fragment, String heading, String sql) {
        List<String> statements =
                Arrays.stream(STATEMENT_END.split(sql))
                        .map(String::strip)
                        .filter(statement -> !statement.isEmpty())
                        .toList();
        return new SqlExample(fragment, heading, statements);
    }

    public String heading() {
        return heading;
    }

    /** The statements in order, without their semicolons, as {@code executeSql} takes them. */
    public List<String> statements() {
        return statements;
    }

    /** The {@code CREATE TABLE} statement of this table. */
    public String createTable(String table) {
        return statements.stream()
                .filter(statement -> table.equals(createdTable(statement)))
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "%s does not create the table %s".formatted(this, table)));
    }

    /** The statements as a script for the SQL client, each ended by a semicolon. */
    public String script() {
        StringBuilder script = new StringBuilder();
        statements.forEach(statement -> script.append(statement).append(";\n\n"));
        return script.toString();
    }

    boolean createsTable(String table) {
        return statements.stream().anyMatch(statement -> table.equals(createdTable(statement)));
    }

    /**
     * The example pointed at this endpoint: the placeholder endpoint and key replaced in every
     * {@code cosmos} table, each of which must use both, so the page cannot drift from them.
     */
    public SqlExample connectedTo(URI endpoint, String key) {
        return mapCosmosTables(
                statement -> {
                    if (!statement.contains(PLACEHOLDER_ENDPOINT)
                            || !statement.contains(PLACEHOLDER_KEY)) {
                        throw new IllegalArgumentException(
                                "%s has a cosmos table without the placeholder endpoint %s and key %s:%n%s"
                                        .formatted(
                                                this,
                                                PLACEHOLDER_ENDPOINT,
                                                PLACEHOLDER_KEY,
                                                statement));
                    }
                    return statement
                            .replace(PLACEHOLDER_ENDPOINT, endpoint.toString())
                            .replace(PLACEHOLDER_KEY, key);
                });
    }

    /** Sets an option, replacing its value or adding it, in every {@code cosmos} table. */
    public SqlExample withCosmosOption(String key, String value) {
        return mapCosmosTables(statement -> withOptionIn(statement, key, value));
    }

    /** Sets an option, replacing its value or adding it, in the WITH clause of this table. */
    public SqlExample withOption(String table, String key, String value) {
        createTable(table);
        return map(
                statement ->
                        table.equals(createdTable(statement))
                                ? withOptionIn(statement, key, value)
                                : statement);
    }

    /** These statements and then the other example's. */
    public SqlExample then(SqlExample other) {
        List<String> both = new ArrayList<>(statements);
        both.addAll(other.statements);
        return new SqlExample(fragment, heading, both);
    }

    private SqlExample mapCosmosTables(UnaryOperator<String> change) {
        return map(
                statement ->
                        createdTable(statement) != null && statement.contains(COSMOS_CONNECTOR)
                                ? change.apply(statement)
                                : statement);
    }

    private SqlExample map(UnaryOperator<String> change) {
        return new SqlExample(fragment, heading, statements.stream().map(change).toList());
    }

    private static String createdTable(String statement) {
        Matcher create = CREATE_TABLE.matcher(statement);
        return create.matches() ? create.group(1) : null;
    }

    /** The statement with {@code 'key' = 'value'} in its WITH clause, which ends the statement. */
    private static String withOptionIn(String statement, String key, String value) {
        Matcher with = WITH_CLAUSE.matcher(statement);
        if (!with.find() || !statement.endsWith(")")) {
            throw new IllegalArgumentException(
                    "Cannot find the WITH clause of:%n%s".formatted(statement));
        }
        String option = "'%s' = '%s'".formatted(key, value);
        Matcher existing =
                Pattern.compile("'" + Pattern.quote(key) + "'\\s*=\\s*'[^']*'")
                        .matcher(statement)
                        .region(with.end(), statement.length());
        if (existing.find()) {
            return statement.substring(0, existing.start())
                    + option
                    + statement.substring(existing.end());
        }
        int close = statement.lastIndexOf(')');
        String options = statement.substring(0, close).stripTrailing();
        return "%s,\n  %s\n)".formatted(options, option);
    }

    @Override
    public String toString() {
        String where = heading.isEmpty() ? "" : " under '%s'".formatted(heading);
        return "the SQL block of %s%s".formatted(fragment, where);
    }
}
