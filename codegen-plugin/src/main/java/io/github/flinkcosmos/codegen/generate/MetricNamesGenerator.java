package io.github.flinkcosmos.codegen.generate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import io.github.flinkcosmos.codegen.spec.ConnectorSpec;
import io.github.flinkcosmos.codegen.spec.MetricSpec;

import javax.lang.model.element.Modifier;

import java.util.Locale;

/**
 * Generates the names of the sink's metrics, so the writer registers exactly what the reference
 * docs list.
 */
public final class MetricNamesGenerator {

    /** The metric subgroup of the writer the sink's own metrics live in. */
    public static final String GROUP = "cosmos";

    private final ConnectorSpec spec;
    private final JavaTargets targets;

    public MetricNamesGenerator(ConnectorSpec spec, JavaTargets targets) {
        this.spec = spec;
        this.targets = targets;
    }

    public GeneratedFile generate() {
        ClassName className = targets.metricsClass();
        TypeSpec.Builder type =
                TypeSpec.classBuilder(className)
                        .addJavadoc(
                                "Names of the metrics the sink writer registers in its {@code $L}"
                                        + " metric group, beside the AsyncSink's own.\n",
                                GROUP)
                        .addAnnotation(Flink.PUBLIC_EVOLVING)
                        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                        .addField(
                                FieldSpec.builder(
                                                String.class,
                                                "GROUP",
                                                Modifier.PUBLIC,
                                                Modifier.STATIC,
                                                Modifier.FINAL)
                                        .addJavadoc("The metric subgroup.\n")
                                        .initializer("$S", GROUP)
                                        .build());
        for (MetricSpec metric : spec.metrics()) {
            type.addField(
                    FieldSpec.builder(
                                    String.class,
                                    constantName(metric.name()),
                                    Modifier.PUBLIC,
                                    Modifier.STATIC,
                                    Modifier.FINAL)
                            .addJavadoc(
                                    "$L",
                                    JavaFiles.javadoc(
                                            "A "
                                                    + metric.type().name().toLowerCase(Locale.ROOT)
                                                    + ": "
                                                    + metric.description()))
                            .initializer("$S", metric.name())
                            .build());
        }
        type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        return JavaFiles.write(spec, className.packageName(), type.build());
    }

    /** {@code requestUnits} becomes {@code REQUEST_UNITS}. */
    static String constantName(String camelCase) {
        return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }
}
