package io.github.flinkcosmos.sqlconnector;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the jar users put into Flink's {@code lib/} holds: the connector, and third-party classes
 * only under the connector's shaded prefix, so they cannot clash with Flink or another connector.
 */
class SqlConnectorJarContentITCase {

    private static final String CONNECTOR = "io/github/flinkcosmos/connector/";
    private static final String SHADED = "io/github/flinkcosmos/shaded/";
    private static final String SERVICES = "META-INF/services/";
    private static final String FACTORY_SERVICE =
            SERVICES + "org.apache.flink.table.factories.Factory";

    /** Packages the SDK brings, as they appear inside class files. */
    private static final List<String> RELOCATED =
            List.of(
                    "com/azure/",
                    "io/netty/",
                    "reactor/core/",
                    "reactor/netty/",
                    "reactor/util/",
                    "org/HdrHistogram/",
                    "org/LatencyUtils/",
                    "com/codahale/metrics/",
                    "org/reactivestreams/",
                    "com/fasterxml/jackson/",
                    "io/micrometer/",
                    "com/microsoft/aad/");

    private static Map<String, byte[]> entries;
    private static Manifest manifest;

    @BeforeAll
    static void readJar() throws IOException {
        Path jar = Path.of(System.getProperty("sqlConnectorJar"));
        assertThat(jar).exists();
        entries = new LinkedHashMap<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            manifest = file.getManifest();
            for (var entry : file.stream().filter(e -> !e.isDirectory()).toList()) {
                try (InputStream in = file.getInputStream(entry)) {
                    entries.put(entry.getName(), in.readAllBytes());
                }
            }
        }
    }

    @Test
    void everyClassIsTheConnectorsOrRelocated() {
        TreeSet<String> unrelocatedPackages = new TreeSet<>();
        for (String name : entries.keySet()) {
            if (name.endsWith(".class")
                    && !name.startsWith(CONNECTOR)
                    && !name.startsWith(SHADED)) {
                unrelocatedPackages.add(name.substring(0, Math.max(0, name.lastIndexOf('/'))));
            }
        }
        assertThat(unrelocatedPackages)
                .as("packages outside %s and %s", CONNECTOR, SHADED)
                .isEmpty();
        assertThat(entries.keySet())
                .as("the SDK and its dependencies are in the jar, relocated")
                .contains(
                        SHADED + "com/azure/cosmos/CosmosAsyncClient.class",
                        SHADED + "io/netty/channel/Channel.class",
                        SHADED + "reactor/core/publisher/Flux.class",
                        SHADED + "com/fasterxml/jackson/databind/ObjectMapper.class",
                        SHADED + "com/azure/identity/ClientSecretCredential.class",
                        SHADED + "com/microsoft/aad/msal4j/ConfidentialClientApplication.class");
    }

    /** Each bundled jar leaves its pom.properties; LICENSE and NOTICE must name each of them. */
    @Test
    void licenseAndNoticeListEveryBundledLibrary() {
        String license = text("META-INF/LICENSE");
        String notice = text("META-INF/NOTICE");
        List<String> bundled = new ArrayList<>();
        for (String name : entries.keySet()) {
            if (name.startsWith("META-INF/maven/") && name.endsWith("/pom.properties")) {
                String[] parts = name.split("/");
                String artifact = parts[2] + ":" + parts[3];
                if (!artifact.startsWith("io.github.flinkcosmos:")) {
                    bundled.add(artifact);
                }
            }
        }
        assertThat(bundled)
                .as("bundled libraries")
                .contains("com.azure:azure-identity", "com.microsoft.azure:msal4j")
                .allSatisfy(
                        artifact -> {
                            assertThat(license).as("META-INF/LICENSE").contains(artifact + " ");
                            assertThat(notice).as("META-INF/NOTICE").contains(artifact + " ");
                        });
        assertThat(entries.keySet())
                .as("MSAL's persistent cache and JNA, whose natives cannot be relocated")
                .noneMatch(name -> name.contains("msal4jextensions"))
                .noneMatch(name -> name.contains("com/sun/jna/"));
    }

    @Test
    void flinkAndLoggingAreNotBundled() {
        assertThat(entries.keySet())
                .noneMatch(name -> name.contains("org/apache/flink/"))
                .noneMatch(name -> name.contains("org/slf4j/"))
                .noneMatch(name -> name.contains("org/apache/logging/log4j/"));
    }

    @Test
    void classesReferToThirdPartyTypesOnlyByTheirRelocatedNames() throws IOException {
        List<String> leaks = new ArrayList<>();
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            if (!entry.getKey().endsWith(".class")) {
                continue;
            }
            for (String constant : ConstantPool.strings(entry.getValue())) {
                for (String pattern : RELOCATED) {
                    // A class name constant, or a type inside a descriptor or signature.
                    if (constant.startsWith(pattern) || constant.contains("L" + pattern)) {
                        leaks.add(entry.getKey() + " -> " + constant);
                    }
                }
            }
        }
        assertThat(leaks).as("references to unrelocated third-party classes").isEmpty();
    }

    @Test
    void flinkFindsTheFactoryAndServiceFilesNameRelocatedClasses() {
        assertThat(text(FACTORY_SERVICE))
                .contains(
                        "io.github.flinkcosmos.connector.cosmos.table.CosmosDynamicTableSinkFactory");
        for (String service : entries.keySet()) {
            if (!service.startsWith(SERVICES) || service.equals(FACTORY_SERVICE)) {
                continue;
            }
            assertThat(service.substring(SERVICES.length()))
                    .as("service interface %s", service)
                    .startsWith("io.github.flinkcosmos.");
            for (String line : text(service).lines().map(String::strip).toList()) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                assertThat(entries)
                        .as("%s lists %s, which must be in the jar", service, line)
                        .containsKey(line.replace('.', '/') + ".class");
            }
        }
    }

    @Test
    void theManifestNamesTheArtifact() {
        assertThat(manifest).isNotNull();
        assertThat(manifest.getMainAttributes().getValue("Implementation-Title"))
                .isEqualTo("flink-sql-connector-cosmos");
    }

    private static String text(String entry) {
        assertThat(entries).containsKey(entry);
        return new String(entries.get(entry), StandardCharsets.UTF_8);
    }
}
