package io.github.flinkcosmos.codegen.generate;

import com.palantir.javapoet.ClassName;

/**
 * The Java types the generators write and refer to, laid out like the connector's packages: {@code
 * table} for options and validation, {@code status} for the detector SPI.
 *
 * @param basePackage the connector's root package, for example {@code
 *     io.github.flinkcosmos.connector.cosmos}
 */
public record JavaTargets(String basePackage) {

    public ClassName optionsClass() {
        return ClassName.get(basePackage + ".table", "CosmosConnectorOptions");
    }

    public ClassName validatorClass() {
        return ClassName.get(basePackage + ".table", "CosmosSinkValidator");
    }

    public ClassName statusDetectorClass() {
        return ClassName.get(basePackage + ".status", "DefaultCosmosRequestStatusDetector");
    }

    /** The hand-written SPI the generated detector implements. */
    public ClassName statusDetectorInterface() {
        return ClassName.get(basePackage + ".status", "CosmosRequestStatusDetector");
    }

    /** The hand-written enum of what the writer does with an operation. */
    public ClassName requestClassification() {
        return ClassName.get(basePackage + ".status", "RequestClassification");
    }
}
