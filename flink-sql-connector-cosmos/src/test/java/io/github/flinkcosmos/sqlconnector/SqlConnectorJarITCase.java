package io.github.flinkcosmos.sqlconnector;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinkcosmos.embedded.EmbeddedCosmosEndpoint;
import io.github.flinkcosmos.embedded.identity.LocalTokenService;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Flink SQL writes through the shaded jar alone: the build puts it on the classpath in place of the
 * connector's classes and the unrelocated SDK, as Flink's {@code lib/} would hold it.
 */
class SqlConnectorJarITCase {

    @Test
    void theShadedJarAloneWritesRows() throws Exception {
        for (String unrelocated :
                List.of(
                        "com.azure.cosmos.CosmosAsyncClient",
                        "reactor.core.publisher.Flux",
                        "io.micrometer.core.instrument.MeterRegistry")) {
            assertThatThrownBy(() -> Class.forName(unrelocated))
                    .as("%s must not be on the classpath", unrelocated)
                    .isInstanceOf(ClassNotFoundException.class);
        }
        Path factoryLocation =
                Path.of(
                        Class.forName(
                                        "io.github.flinkcosmos.connector.cosmos.table"
                                                + ".CosmosDynamicTableSinkFactory")
                                .getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .toURI());
        assertThat(factoryLocation).isEqualTo(Path.of(System.getProperty("sqlConnectorJar")));

        try (EmbeddedCosmosEndpoint endpoint = EmbeddedCosmosEndpoint.start()) {
            TableEnvironment sql = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
            sql.executeSql(
                    """
                    CREATE TABLE cosmos_sink (
                      id STRING,
                      tenant STRING,
                      amount DOUBLE,
                      PRIMARY KEY (id, tenant) NOT ENFORCED
                    ) PARTITIONED BY (tenant) WITH (
                      'connector' = 'cosmos',
                      'cosmos.endpoint' = '%s',
                      'cosmos.key' = '%s',
                      'cosmos.database' = 'shop',
                      'cosmos.container' = 'orders',
                      'cosmos.connection-mode' = 'gateway',
                      'cosmos.auto-create' = 'true'
                    )"""
                            .formatted(endpoint.uri(), endpoint.key()));

            sql.executeSql(
                            "INSERT INTO cosmos_sink VALUES ('1', 'acme', 10.5), ('2', 'globex',"
                                    + " 20.0), ('1', 'globex', 30.0)")
                    .await();

            assertThat(endpoint.documents("shop", "orders"))
                    .extracting(SqlConnectorJarITCase::describe)
                    .containsExactlyInAnyOrder("1/acme=10.5", "2/globex=20.0", "1/globex=30.0");
        }
    }

    /** The relocated azure-identity and MSAL get a token from the local token service. */
    @Test
    void theShadedJarAuthenticatesWithAServicePrincipal() throws Exception {
        try (EmbeddedCosmosEndpoint endpoint = EmbeddedCosmosEndpoint.start();
                LocalTokenService tokens = LocalTokenService.start()) {
            endpoint.authorization().trustTokenIssuerKeys(tokens.jwks());
            tokens.registerSecretClient("jar-app", "jar-app-secret");
            endpoint.createContainer("shop", "orders", "/tenant");
            TableEnvironment sql = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
            sql.executeSql(
                    """
                    CREATE TABLE cosmos_sink (
                      id STRING,
                      tenant STRING,
                      amount DOUBLE,
                      PRIMARY KEY (id, tenant) NOT ENFORCED
                    ) WITH (
                      'connector' = 'cosmos',
                      'cosmos.endpoint' = '%s',
                      'cosmos.auth.type' = 'service-principal',
                      'cosmos.auth.tenant-id' = '%s',
                      'cosmos.auth.client-id' = 'jar-app',
                      'cosmos.auth.client-secret' = 'jar-app-secret',
                      'cosmos.auth.authority-host' = '%s',
                      'cosmos.database' = 'shop',
                      'cosmos.container' = 'orders',
                      'cosmos.connection-mode' = 'gateway'
                    )"""
                            .formatted(endpoint.uri(), tokens.tenantId(), tokens.authorityHost()));

            sql.executeSql("INSERT INTO cosmos_sink VALUES ('1', 'acme', 10.5)").await();

            assertThat(endpoint.documents("shop", "orders"))
                    .extracting(SqlConnectorJarITCase::describe)
                    .containsExactly("1/acme=10.5");
            assertThat(tokens.tokensIssued()).isPositive();
        }
    }

    private static String describe(JsonNode document) {
        return document.get("id").asText()
                + "/"
                + document.get("tenant").asText()
                + "="
                + document.get("amount").asDouble();
    }
}
