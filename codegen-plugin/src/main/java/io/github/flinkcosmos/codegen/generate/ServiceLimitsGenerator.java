package io.github.flinkcosmos.codegen.generate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import io.github.flinkcosmos.codegen.spec.ConnectorSpec;
import io.github.flinkcosmos.codegen.spec.ServiceLimit;

import javax.lang.model.element.Modifier;

/**
 * Generates the constants of the service limits, so that the sink checks each row against exactly
 * the limits the reference page lists.
 */
public final class ServiceLimitsGenerator {

    private final ConnectorSpec spec;
    private final JavaTargets targets;

    public ServiceLimitsGenerator(ConnectorSpec spec, JavaTargets targets) {
        this.spec = spec;
        this.targets = targets;
    }

    public GeneratedFile generate() {
        ClassName className = targets.serviceLimitsClass();
        TypeSpec.Builder type =
                TypeSpec.classBuilder(className)
                        .addJavadoc(
                                "Limits of the Cosmos DB service that the sink checks on every row"
                                        + " before sending it.\n")
                        .addAnnotation(Flink.PUBLIC_EVOLVING)
                        .addModifiers(Modifier.PUBLIC, Modifier.FINAL);
        for (ServiceLimit limit : spec.serviceLimits()) {
            type.addField(
                    FieldSpec.builder(
                                    int.class,
                                    MetricNamesGenerator.constantName(limit.name()),
                                    Modifier.PUBLIC,
                                    Modifier.STATIC,
                                    Modifier.FINAL)
                            .addJavadoc("$L", JavaFiles.javadoc(limit.description()))
                            .initializer("$L", limit.value())
                            .build());
        }
        type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        return JavaFiles.write(spec, className.packageName(), type.build());
    }
}
