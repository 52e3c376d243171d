package io.github.flinkcosmos.codegen.generate;

import io.github.flinkcosmos.codegen.TestSpecs;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Calls a compiled, generated validator through reflection, as a test of what it reports. */
public final class GeneratedValidator {

    private final Class<?> validatorClass;

    private GeneratedValidator(Class<?> validatorClass) {
        this.validatorClass = validatorClass;
    }

    /**
     * Compiles the generated sources, together with the connector's status SPI, under {@code
     * workDir} and loads the validator among them.
     */
    public static GeneratedValidator compile(
            List<GeneratedFile> sources, JavaTargets targets, Path workDir) throws IOException {
        Path statusSpi =
                TestSpecs.connectorSources()
                        .resolve(targets.statusDetectorInterface().packageName().replace('.', '/'));
        ClassLoader classes = InMemoryCompiler.compile(sources, workDir, statusSpi);
        try {
            return new GeneratedValidator(
                    classes.loadClass(targets.validatorClass().reflectionName()));
        } catch (ClassNotFoundException e) {
            throw new AssertionError("The validator was not generated", e);
        }
    }

    /** The rule and message of each violation {@code validateOptions(options)} returns. */
    public List<String> optionMessages(Map<String, String> options)
            throws ReflectiveOperationException {
        Method validate = validatorClass.getMethod("validateOptions", Map.class);
        List<String> messages = new ArrayList<>();
        for (Object violation : (List<?>) validate.invoke(null, options)) {
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
