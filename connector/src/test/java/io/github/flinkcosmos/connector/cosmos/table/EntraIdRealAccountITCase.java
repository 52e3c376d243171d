package io.github.flinkcosmos.connector.cosmos.table;

import io.github.flinkcosmos.connector.cosmos.testing.CosmosEnvironment;
import io.github.flinkcosmos.connector.cosmos.testing.CosmosTestContainers;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service-principal path against a real account: runs when COSMOS_ENDPOINT and COSMOS_KEY (for
 * creating and dropping the test's database) and COSMOS_TENANT_ID, COSMOS_CLIENT_ID and
 * COSMOS_CLIENT_SECRET (an application with the Built-in Data Contributor role on the account) are
 * set; skipped otherwise.
 */
@EnabledIfEnvironmentVariable(named = "COSMOS_ENDPOINT", matches = ".+")
@EnabledIfEnvironmentVariable(named = "COSMOS_TENANT_ID", matches = ".+")
@EnabledIfEnvironmentVariable(named = "COSMOS_CLIENT_ID", matches = ".+")
@EnabledIfEnvironmentVariable(named = "COSMOS_CLIENT_SECRET", matches = ".+")
class EntraIdRealAccountITCase {

    @RegisterExtension static final CosmosEnvironment COSMOS = new CosmosEnvironment();

    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    @Test
    void servicePrincipalWritesRows() throws Exception {
        String database = CosmosTestContainers.uniqueDatabase("entra-real");
        COSMOS.containers().create(database, "c", "/pk");
        try {
            TableEnvironment sql = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
            sql.executeSql(
                    """
                    CREATE TABLE t (id STRING, pk STRING, PRIMARY KEY (id, pk) NOT ENFORCED)
                    WITH ('connector' = 'cosmos', 'cosmos.endpoint' = '%s',
                      'cosmos.database' = '%s', 'cosmos.container' = 'c',
                      'cosmos.connection-mode' = 'gateway',
                      'cosmos.auth.type' = 'service-principal', 'cosmos.auth.tenant-id' = '%s',
                      'cosmos.auth.client-id' = '%s', 'cosmos.auth.client-secret' = '%s')"""
                            .formatted(
                                    COSMOS.endpoint().uri(),
                                    database,
                                    System.getenv("COSMOS_TENANT_ID"),
                                    System.getenv("COSMOS_CLIENT_ID"),
                                    System.getenv("COSMOS_CLIENT_SECRET")));

            sql.executeSql("INSERT INTO t VALUES ('1', 'a'), ('2', 'b')").await();

            assertThat(COSMOS.containers().documents(database, "c")).hasSize(2);
        } finally {
            COSMOS.containers().dropDatabase(database);
        }
    }
}
