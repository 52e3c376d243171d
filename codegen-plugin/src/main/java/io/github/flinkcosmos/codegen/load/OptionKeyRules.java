package io.github.flinkcosmos.codegen.load;

import io.github.flinkcosmos.codegen.spec.ConnectorSpec;
import io.github.flinkcosmos.codegen.spec.OptionSpec;
import io.github.flinkcosmos.codegen.spec.OptionType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Option keys are unique, carry the connector's prefix, and give distinct Java names: constants and
 * enums. A key may extend another with a dot ({@code cosmos.auto-create} and {@code
 * cosmos.auto-create.throughput}): table options reach the connector as the DDL's flat map of
 * strings, never through Flink's YAML configuration file, whose nesting forbids such pairs.
 */
final class OptionKeyRules {

    private OptionKeyRules() {}

    static void check(RuleContext context) {
        ConnectorSpec spec = context.spec();
        Map<String, Integer> firstByKey = new HashMap<>();
        Map<String, Integer> firstByConstant = new HashMap<>();
        Map<String, Integer> firstByEnumClass = new HashMap<>();
        List<OptionSpec> options = spec.options();
        for (int i = 0; i < options.size(); i++) {
            OptionSpec option = options.get(i);
            String key = option.key();
            SpecPath keyPath = SpecPath.of("options", i, "key");
            Integer earlier = firstByKey.putIfAbsent(key, i);
            if (earlier != null) {
                context.report(
                        keyPath,
                        "duplicate option key '%s'; it is already declared at line %d (options[%d])"
                                .formatted(
                                        key,
                                        context.yaml()
                                                .lineOf(SpecPath.of("options", earlier, "key")),
                                        earlier));
                continue;
            }
            String prefix = spec.connector().keyPrefix();
            if (!key.startsWith(prefix)) {
                context.report(
                        keyPath,
                        "option key '%s' must start with '%s', the connector's identifier"
                                .formatted(key, prefix));
            }
            if (option.type() == OptionType.ENUM) {
                Integer enumClash = firstByEnumClass.putIfAbsent(option.enumClassName(), i);
                if (enumClash != null) {
                    context.report(
                            keyPath,
                            """
                            enum option '%s' gets the Java enum %s, like '%s' (options[%d]); \
                            make the last segments of their keys differ, or give one an 'enum-class'"""
                                    .formatted(
                                            key,
                                            option.enumClassName(),
                                            options.get(enumClash).key(),
                                            enumClash));
                }
            }
            String constant = option.constantName(spec.connector());
            Integer clash = firstByConstant.putIfAbsent(constant, i);
            if (clash != null) {
                context.report(
                        keyPath,
                        """
                        option key '%s' becomes the Java constant %s, like '%s' (options[%d]); \
                        rename one of them"""
                                .formatted(key, constant, options.get(clash).key(), clash));
            }
        }
    }
}
