package io.github.flinkcosmos.codegen;

import io.github.flinkcosmos.codegen.load.SpecException;
import io.github.flinkcosmos.codegen.load.SpecLoader;
import io.github.flinkcosmos.codegen.spec.ConnectorSpec;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The specs tests generate from: the project's real one and the kitchen-sink fixture. */
public final class TestSpecs {

    /** The connector's package, so the fixture's code compiles against the real status SPI. */
    public static final String FIXTURE_PACKAGE = "io.github.flinkcosmos.connector.cosmos";

    private TestSpecs() {}

    /** {@code spec/cosmos-sink.yaml} of this repository, passed in by the build. */
    public static Path realSpecFile() {
        return Path.of(System.getProperty("cosmos.spec", "../spec/cosmos-sink.yaml"))
                .toAbsolutePath()
                .normalize();
    }

    /** The connector's hand-written sources, which the generated code compiles against. */
    public static Path connectorSources() {
        return Path.of(
                System.getProperty("cosmos.connector.sources", "../connector/src/main/java"));
    }

    public static Path fixtureFile() {
        return resource("fixture/kitchen-sink.yaml");
    }

    public static Path resource(String name) {
        try {
            return Path.of(TestSpecs.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ConnectorSpec load(Path file) {
        try {
            return SpecLoader.create().load(file);
        } catch (SpecException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
