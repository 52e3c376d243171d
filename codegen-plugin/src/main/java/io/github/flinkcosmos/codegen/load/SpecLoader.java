package io.github.flinkcosmos.codegen.load;

import io.github.flinkcosmos.codegen.spec.ConnectorSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a spec file and checks it in three passes: YAML syntax (with duplicate keys), the JSON
 * Schema, and the rules between entries. Each pass reports all its problems at once, each with
 * file, line, column and the path of the bad entry.
 */
public final class SpecLoader {

    private final SpecSchema schema;

    private SpecLoader(SpecSchema schema) {
        this.schema = schema;
    }

    public static SpecLoader create() {
        return new SpecLoader(SpecSchema.load());
    }

    public ConnectorSpec load(Path file) throws SpecException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SpecException(
                    List.of(
                            new SpecProblem(
                                    file,
                                    1,
                                    1,
                                    SpecPath.ROOT,
                                    "cannot read the spec: " + e.getMessage())));
        }
        LocatedYaml yaml = LocatedYaml.parse(file, text);
        List<SpecProblem> shapeProblems = schema.check(yaml);
        if (!shapeProblems.isEmpty()) {
            throw new SpecException(shapeProblems);
        }
        ConnectorSpec spec = new SpecBinder(yaml).bind();
        List<SpecProblem> ruleProblems = SpecRules.check(spec, yaml);
        if (!ruleProblems.isEmpty()) {
            throw new SpecException(ruleProblems);
        }
        return spec;
    }
}
