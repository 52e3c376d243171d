package io.github.flinkcosmos.connector.cosmos.table;

import com.azure.cosmos.CosmosAsyncClient;
import com.azure.cosmos.CosmosClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinkcosmos.connector.cosmos.testing.CosmosSql;
import io.github.flinkcosmos.embedded.CosmosTestEndpoint;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract's basic example, run with Flink SQL on a MiniCluster. */
class CosmosSinkSqlITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static CosmosTestEndpoint endpoint;
    private static CosmosAsyncClient client;

    @BeforeAll
    static void start() {
        endpoint = CosmosTestEndpoint.fromEnvironment();
        client =
                new CosmosClientBuilder()
                        .endpoint(endpoint.uri().toString())
                        .key(endpoint.key())
                        .gatewayMode()
                        .buildAsyncClient();
        client.createDatabaseIfNotExists("myDatabase").block();
        client.getDatabase("myDatabase").createContainerIfNotExists("myContainer", "/pk").block();
    }

    @AfterAll
    static void stop() {
        client.getDatabase("myDatabase").delete().block();
        client.close();
        endpoint.close();
    }

    @Test
    void writesRowsOfAnInsertAsDocuments() throws Exception {
        TableEnvironment tables = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        tables.executeSql(
                "CREATE TABLE cosmos_sink (\n"
                        + "  id STRING,\n"
                        + "  pk STRING,\n"
                        + "  val DOUBLE,\n"
                        + "  PRIMARY KEY (id, pk) NOT ENFORCED\n"
                        + ") "
                        + CosmosSql.with(endpoint, "myDatabase", "myContainer"));

        tables.executeSql(
                        "INSERT INTO cosmos_sink VALUES ('1', 'a', 1.5), ('2', 'b', 2.5), ('3', 'a', 3.5)")
                .await();

        List<JsonNode> documents =
                endpoint.embedded().orElseThrow().documents("myDatabase", "myContainer");
        assertThat(documents)
                .extracting(
                        d ->
                                d.get("id").asText()
                                        + "/"
                                        + d.get("pk").asText()
                                        + "="
                                        + d.get("val").asDouble())
                .containsExactlyInAnyOrder("1/a=1.5", "2/b=2.5", "3/a=3.5");
    }
}
