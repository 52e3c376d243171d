package io.github.flinkcosmos.codegen.load;

import io.github.flinkcosmos.codegen.spec.ConnectorSpec;
import io.github.flinkcosmos.codegen.spec.OptionSpec;
import io.github.flinkcosmos.codegen.spec.OptionType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** What every group of spec rules reads (the spec and where its entries are) and reports to. */
final class RuleContext {

    private final ConnectorSpec spec;
    private final LocatedYaml yaml;
    private final List<SpecProblem> problems = new ArrayList<>();

    RuleContext(ConnectorSpec spec, LocatedYaml yaml) {
        this.spec = spec;
        this.yaml = yaml;
    }

    ConnectorSpec spec() {
        return spec;
    }

    LocatedYaml yaml() {
        return yaml;
    }

    List<SpecProblem> problems() {
        return List.copyOf(problems);
    }

    void report(SpecPath path, String message) {
        problems.add(yaml.problem(path, message));
    }

    /** The option {@code key} names, or a problem at {@code path} when there is none. */
    Optional<OptionSpec> requireOption(String key, SpecPath path) {
        Optional<OptionSpec> option = spec.option(key);
        if (option.isEmpty()) {
            report(path, "no option has the key '%s'".formatted(key));
        }
        return option;
    }

    /** The option {@code key} names exists and has one of {@code types}. */
    void requireOptionOfType(String key, SpecPath path, Set<OptionType> types) {
        requireOption(key, path)
                .filter(option -> !types.contains(option.type()))
                .ifPresent(
                        option ->
                                report(
                                        path,
                                        "option '%s' has type %s, but this needs %s"
                                                .formatted(
                                                        key,
                                                        option.type().specName(),
                                                        types.stream()
                                                                .map(OptionType::specName)
                                                                .sorted()
                                                                .collect(
                                                                        Collectors.joining(
                                                                                " or ")))));
    }
}
