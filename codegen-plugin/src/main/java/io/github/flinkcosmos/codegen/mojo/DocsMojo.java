package io.github.flinkcosmos.codegen.mojo;

import io.github.flinkcosmos.codegen.docs.ReferencePageGenerator;
import io.github.flinkcosmos.codegen.generate.GeneratedFile;
import io.github.flinkcosmos.codegen.generate.OutputDirectory;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks that the checked-in reference docs equal what the spec generates, and fails the build when
 * they do not; with {@code -Dcosmos.docs.update} it rewrites them instead.
 */
@Mojo(name = "docs", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public final class DocsMojo extends AbstractMojo {

    /** The one command that regenerates the docs from the repository root. */
    static final String REGENERATE_COMMAND = "mvn -B process-classes -Dcosmos.docs.update";

    @Parameter(defaultValue = "${project.basedir}/../spec/cosmos-sink.yaml", required = true)
    private File spec;

    @Parameter(defaultValue = "${project.basedir}/../docs-generated", required = true)
    private File docsDirectory;

    /** Rewrite the docs instead of checking them. */
    @Parameter(property = "cosmos.docs.update", defaultValue = "false")
    private boolean update;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        List<GeneratedFile> pages =
                new ReferencePageGenerator(
                                GenerateMojo.loadSpec(spec.toPath().toAbsolutePath().normalize()))
                        .generate();
        OutputDirectory docs = new OutputDirectory(docsDirectory.toPath());
        try {
            if (update) {
                List<Path> written = docs.sync(pages);
                getLog().info(
                                "Reference docs in "
                                        + docsDirectory
                                        + ": "
                                        + written.size()
                                        + " file(s) rewritten or removed");
                return;
            }
            List<String> differences = docs.differences(pages);
            if (!differences.isEmpty()) {
                throw new MojoFailureException(
                        "The reference docs in "
                                + docsDirectory
                                + " are out of date with "
                                + spec
                                + ":\n  "
                                + String.join("\n  ", differences)
                                + "\nRegenerate them from the repository root with:\n  "
                                + REGENERATE_COMMAND);
            }
            getLog().info("Reference docs in " + docsDirectory + " match the spec");
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot read or write " + docsDirectory, e);
        }
    }
}
