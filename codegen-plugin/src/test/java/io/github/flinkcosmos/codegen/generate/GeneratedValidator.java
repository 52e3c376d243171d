package io.github.flinkcosmos.codegen.generate;

import io.github.flinkcosmos.codegen.TestSpecs;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Calls the generated rules table, checked by the connector's hand-written validation engine,
 * through reflection, as a test of what it reports.
 */
public final class GeneratedValidator {

    private final Object rules;
    private final Class<?> ddlChecks;

    private GeneratedValidator(Object rules, Class<?> ddlChecks) {
        this.rules = rules;
        this.ddlChecks = ddlChecks;
    }

    /**
     * Compiles the generated sources, together with the connector's status SPI and validation
     * engine (read from {@code ../connector/src/main/java}), under {@code workDir} and loads the
     * rules table among them.
     */
    public static GeneratedValidator compile(
            List<GeneratedFile> sources, JavaTargets targets, Path workDir) throws IOException {
        Path statusSpi =
                TestSpecs.connectorSources()
                        .resolve(targets.statusDetectorInterface().packageName().replace('.', '/'));
        Path engine =
                TestSpecs.connectorSources()
                        .resolve(
                                targets.validationType("SinkRules")
                                        .packageName()
                                        .replace('.', '/'));
        ClassLoader classes = InMemoryCompiler.compile(sources, workDir, statusSpi, engine);
        try {
            Object rules =
                    classes.loadClass(targets.rulesClass().reflectionName())
                            .getField("RULES")
                            .get(null);
            return new GeneratedValidator(
                    rules, classes.loadClass(targets.validationType("DdlChecks").reflectionName()));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("The rules table was not generated", e);
        }
    }

    /** The spec names of the DDL checks the connector's engine implements. */
    public Set<Object> implementedDdlChecks() throws ReflectiveOperationException {
        return Set.copyOf((Set<?>) ddlChecks.getMethod("implemented").invoke(null));
    }

    /** The rule and message of each violation {@code validateOptions(options)} returns. */
    public List<String> optionMessages(Map<String, String> options)
            throws ReflectiveOperationException {
        Method validate = rules.getClass().getMethod("validateOptions", Map.class);
        List<String> messages = new ArrayList<>();
        for (Object violation : (List<?>) validate.invoke(rules, options)) {
            messages.add(component(violation, "rule") + ": " + component(violation, "message"));
        }
        return messages;
    }

    private static Object component(Object record, String name)
            throws ReflectiveOperationException {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            if (component.getName().equals(name)) {
                return component.getAccessor().invoke(record);
            }
        }
        throw new NoSuchFieldException(name);
    }
}
