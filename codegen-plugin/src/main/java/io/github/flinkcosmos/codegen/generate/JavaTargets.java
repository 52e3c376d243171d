package io.github.flinkcosmos.codegen.generate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import io.github.flinkcosmos.codegen.spec.OptionSpec;

import java.time.Duration;

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

    /** The generated table of option and DDL rules. */
    public ClassName rulesClass() {
        return ClassName.get(basePackage + ".table", "CosmosSinkRules");
    }

    /**
     * A type of the hand-written validation engine that checks a table against the rules, such as
     * {@code SinkRules}; its package never imports {@code table}.
     */
    public ClassName validationType(String simpleName) {
        return ClassName.get(basePackage + ".table.validation", simpleName);
    }

    public ClassName statusDetectorClass() {
        return ClassName.get(basePackage + ".status", "DefaultCosmosRequestStatusDetector");
    }

    public ClassName metricsClass() {
        return ClassName.get(basePackage + ".sink", "CosmosSinkMetrics");
    }

    /** The constants of the service limits every row is checked against. */
    public ClassName serviceLimitsClass() {
        return ClassName.get(basePackage + ".sink", "CosmosServiceLimits");
    }

    /** The hand-written SPI the generated detector implements. */
    public ClassName statusDetectorInterface() {
        return ClassName.get(basePackage + ".status", "CosmosRequestStatusDetector");
    }

    /** The hand-written enum of what the writer does with an operation. */
    public ClassName requestClassification() {
        return ClassName.get(basePackage + ".status", "RequestClassification");
    }

    /** The Java type of an option's value, as in {@code ConfigOption<Integer>}. */
    public TypeName optionValueType(OptionSpec option) {
        switch (option.type()) {
            case INTEGER:
                return ClassName.get(Integer.class);
            case LONG:
                return ClassName.get(Long.class);
            case DOUBLE:
                return ClassName.get(Double.class);
            case BOOLEAN:
                return ClassName.get(Boolean.class);
            case DURATION:
                return ClassName.get(Duration.class);
            case ENUM:
                return optionEnum(option);
            case STRING:
            default:
                return ClassName.get(String.class);
        }
    }

    /**
     * The enum nested in the options class for an {@code enum} option, named after the key's last
     * segment (see {@link OptionSpec#enumClassName()}).
     */
    public ClassName optionEnum(OptionSpec option) {
        return optionsClass().nestedClass(option.enumClassName());
    }
}
