package io.github.flinkcosmos.codegen.generate;

import com.palantir.javapoet.ClassName;

/** Names of the Flink types the generated code uses; the plugin itself does not link Flink. */
final class Flink {

    static final ClassName CONFIG_OPTION =
            ClassName.get("org.apache.flink.configuration", "ConfigOption");
    static final ClassName CONFIG_OPTIONS =
            ClassName.get("org.apache.flink.configuration", "ConfigOptions");
    static final ClassName CONFIGURATION =
            ClassName.get("org.apache.flink.configuration", "Configuration");
    static final ClassName DESCRIBED_ENUM =
            ClassName.get("org.apache.flink.configuration", "DescribedEnum");
    static final ClassName DESCRIPTION =
            ClassName.get("org.apache.flink.configuration.description", "Description");
    static final ClassName INLINE_ELEMENT =
            ClassName.get("org.apache.flink.configuration.description", "InlineElement");
    static final ClassName TEXT_ELEMENT =
            ClassName.get("org.apache.flink.configuration.description", "TextElement");
    static final ClassName PUBLIC_EVOLVING =
            ClassName.get("org.apache.flink.annotation", "PublicEvolving");
    static final ClassName INTERNAL = ClassName.get("org.apache.flink.annotation", "Internal");
    static final ClassName LOGICAL_TYPE =
            ClassName.get("org.apache.flink.table.types.logical", "LogicalType");
    static final ClassName LOGICAL_TYPE_ROOT =
            ClassName.get("org.apache.flink.table.types.logical", "LogicalTypeRoot");
    static final ClassName LOGICAL_TYPE_FAMILY =
            ClassName.get("org.apache.flink.table.types.logical", "LogicalTypeFamily");

    private Flink() {}
}
