package io.github.flinkcosmos.connector.cosmos.table.validation;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.github.flinkcosmos.connector.cosmos.table.validation.OptionRule.option;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The engine checks a hand-made rules table: the cross-option rules, with sensitive values never
 * quoted, and a table whose DDL check has no implementation is refused.
 */
class SinkRulesTest {

    private enum AuthType {
        KEY,
        AAD
    }

    private static final ConfigOption<AuthType> AUTH_TYPE =
            ConfigOptions.key("x.auth.type").enumType(AuthType.class).defaultValue(AuthType.KEY);
    private static final ConfigOption<String> KEY =
            ConfigOptions.key("x.key").stringType().noDefaultValue();
    private static final ConfigOption<String> TENANT =
            ConfigOptions.key("x.tenant").stringType().noDefaultValue();

    private static final SinkRules RULES =
            new SinkRules(
                    "id",
                    List.of(
                            option(AUTH_TYPE, ValueType.ENUM, "one of: KEY, AAD"),
                            option(KEY, ValueType.STRING, "a non-blank string")
                                    .sensitive()
                                    .requiredWhen(AUTH_TYPE, "key")
                                    .conflictsWith(TENANT),
                            option(TENANT, ValueType.STRING, "a non-blank string")
                                    .allowedOnlyWhen(AUTH_TYPE, "aad")),
                    List.of());

    @Test
    void requiresAnOptionWhileItsConditionHoldsCountingTheDefault() {
        assertThat(messages(Map.of()))
                .containsExactly(
                        """
                        Option 'x.key' is required when 'x.auth.type' is 'key' (its default), but \
                        it is not set. Set 'x.key' to a non-blank string, or set 'x.auth.type' to \
                        another value.""");
        assertThat(messages(Map.of("x.auth.type", "key", "x.key", " ")))
                .singleElement()
                .asString()
                .startsWith("Option 'x.key' is required when 'x.auth.type' is 'key', but");
        assertThat(messages(Map.of("x.auth.type", "AAD"))).isEmpty();
    }

    @Test
    void allowsAnOptionOnlyWhileItsConditionHolds() {
        assertThat(messages(Map.of("x.key", "k", "x.auth.type", "key", "x.tenant", "t")))
                .contains(
                        """
                        Option 'x.tenant' is 't', but it is only allowed when 'x.auth.type' is \
                        'aad', and 'x.auth.type' is 'key'. Remove 'x.tenant', or set \
                        'x.auth.type' to 'aad'.""");
        assertThat(messages(Map.of("x.auth.type", "aad", "x.tenant", "t"))).isEmpty();
    }

    @Test
    void reportsOptionsSetTogetherWithoutQuotingASensitiveValue() {
        List<String> messages =
                messages(Map.of("x.auth.type", "aad", "x.key", "S3CR3T", "x.tenant", "t"));

        assertThat(messages)
                .containsExactly(
                        """
                        Option 'x.key' is set (not shown: the option is sensitive), but it cannot \
                        be used together with 'x.tenant', which is set too. Remove 'x.key' or \
                        'x.tenant'.""");
        assertThat(String.join("\n", messages)).doesNotContain("S3CR3T");
    }

    @Test
    void refusesAConstraintWhoseCheckIsNotImplemented() {
        assertThatThrownBy(
                        () ->
                                new SinkRules(
                                        "id",
                                        List.of(),
                                        List.of(DdlRule.constraint("c", "column-is-purple", "m"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "Constraint 'c' uses check 'column-is-purple', which DdlChecks does not"
                                + " implement");
    }

    private static List<String> messages(Map<String, String> options) {
        return RULES.validateOptions(options).stream().map(Violation::message).toList();
    }
}
