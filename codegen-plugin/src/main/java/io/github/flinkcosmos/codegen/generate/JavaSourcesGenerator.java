package io.github.flinkcosmos.codegen.generate;

import io.github.flinkcosmos.codegen.spec.ConnectorSpec;

import java.util.List;

/** Every Java source generated from one spec, in a fixed order. */
public final class JavaSourcesGenerator {

    private JavaSourcesGenerator() {}

    public static List<GeneratedFile> generate(ConnectorSpec spec, JavaTargets targets) {
        return List.of(
                new OptionsClassGenerator(spec, targets).generate(),
                new ValidatorGenerator(spec, targets).generate(),
                new StatusDetectorGenerator(spec, targets).generate(),
                new MetricNamesGenerator(spec, targets).generate(),
                new ServiceLimitsGenerator(spec, targets).generate());
    }
}
