package io.github.flinkcosmos.codegen.mojo;

import io.github.flinkcosmos.codegen.generate.JavaSourcesGenerator;
import io.github.flinkcosmos.codegen.generate.JavaTargets;
import io.github.flinkcosmos.codegen.generate.OutputDirectory;
import io.github.flinkcosmos.codegen.load.SpecException;
import io.github.flinkcosmos.codegen.load.SpecLoader;
import io.github.flinkcosmos.codegen.spec.ConnectorSpec;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Generates the ConfigOptions class, the validator and the default status detector from the spec,
 * and adds them to the project's compile sources.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public final class GenerateMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project.basedir}/../spec/cosmos-sink.yaml", required = true)
    private File spec;

    @Parameter(
            defaultValue = "${project.build.directory}/generated-sources/cosmos-codegen",
            required = true)
    private File outputDirectory;

    /** The connector's root package; classes go into its {@code table} and {@code status}. */
    @Parameter(required = true)
    private String basePackage;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        ConnectorSpec connectorSpec = loadSpec(spec.toPath().toAbsolutePath().normalize());
        try {
            List<Path> written =
                    new OutputDirectory(outputDirectory.toPath())
                            .sync(
                                    JavaSourcesGenerator.generate(
                                            connectorSpec, new JavaTargets(basePackage)));
            getLog().info(
                            "Generated sources from "
                                    + spec
                                    + ": "
                                    + written.size()
                                    + " file(s) written or removed");
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write to " + outputDirectory, e);
        }
        project.addCompileSourceRoot(outputDirectory.getPath());
    }

    static ConnectorSpec loadSpec(Path specFile) throws MojoFailureException {
        try {
            return SpecLoader.create().load(specFile);
        } catch (SpecException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }
}
