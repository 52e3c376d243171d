package io.github.flinkcosmos.embedded.standalone;

import com.azure.cosmos.CosmosAsyncClient;
import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.CosmosClientBuilder;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.PartitionKey;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinkcosmos.embedded.faults.RequestKind;
import io.github.flinkcosmos.embedded.store.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The endpoint in a process of its own, as a chaos test or a benchmark runs it: the SDK writes to
 * it, and the control API sets its faults and reads back its documents and write audit.
 */
class EndpointProcessITCase {

    private static final String KEY =
            "dGVzdC1rZXktZm9yLXRoZS1lbmRwb2ludC1wcm9jZXNzLWl0Y2FzZS0wMTIzNDU2Nzg5";

    @TempDir Path work;

    @Test
    void servesTheSdkAndIsControlledFromAnotherProcess() throws Exception {
        try (EndpointProcess cosmos =
                EndpointProcess.start(
                        System.getProperty("java.class.path"),
                        work.resolve("endpoint.log"),
                        "--plain-http",
                        "--key",
                        KEY,
                        "--partitions",
                        "3",
                        "--audit-writes")) {
            EndpointControl control = cosmos.control();
            control.createContainer("db", "c", "/pk", 3);
            // The SDK of this JVM talks plain HTTP only when told; an in-JVM endpoint tells it.
            System.setProperty("COSMOS.HTTP_CONNECTION_WITHOUT_TLS_ALLOWED", "true");
            CosmosAsyncClient client =
                    new CosmosClientBuilder()
                            .endpoint(cosmos.endpoint().toString())
                            .key(KEY)
                            .gatewayMode()
                            .buildAsyncClient();
            try (client) {
                CosmosAsyncContainer container = client.getDatabase("db").getContainer("c");
                container.upsertItem(document("a", 1)).block();
                container.upsertItem(document("a", 1)).block(); // a replay: the same body again
                container.upsertItem(document("a", 2)).block();
                container.upsertItem(document("b", 1)).block();
                container.deleteItem("b", new PartitionKey("pb")).block();

                assertThat(control.documents("db", "c"))
                        .extracting(d -> d.get("id").asText() + "@" + d.get("v").asInt())
                        .containsExactly("a@2");
                JsonNode audit = control.stats().get("audit");
                assertThat(audit.get("writes").asLong()).isEqualTo(4);
                assertThat(audit.get("repeatedWrites").asLong()).isEqualTo(1);
                assertThat(audit.get("deletes").asLong()).isEqualTo(1);
                assertThat(audit.get("repeatedRequestUnits").asDouble()).isEqualTo(5.0);
                assertThat(control.stats().get("requestUnits").asDouble()).isEqualTo(25.0);

                control.failRequestsFor(Set.of(RequestKind.DOCUMENT), 503, Duration.ofSeconds(30));
                assertThatThrownBy(() -> container.createItem(document("x", 1)).block())
                        .isInstanceOfSatisfying(
                                CosmosException.class,
                                e -> assertThat(e.getStatusCode()).isEqualTo(503));
                control.clearFaults();

                control.unreachableFor(Duration.ofSeconds(2));
                assertThatThrownBy(() -> connect(cosmos.endpoint()))
                        .isInstanceOf(ConnectException.class);
                Thread.sleep(3_000);
                connect(cosmos.endpoint());
                container.upsertItem(document("c", 1)).block();
                assertThat(control.documents("db", "c")).hasSize(2);
            }
        }
    }

    @Test
    void refusesAnUnknownArgumentNamingIt() {
        assertThatThrownBy(() -> LaunchArguments.parse(List.of("--prot", "1")))
                .hasMessageContaining("Unknown argument '--prot'")
                .hasMessageContaining("--port N");
        assertThatThrownBy(() -> LaunchArguments.parse(List.of("--partitions", "0")))
                .hasMessageContaining("--partitions must be at least 1, got 0");
    }

    private static ObjectNode document(String id, int version) {
        return Json.MAPPER.createObjectNode().put("id", id).put("pk", "p" + id).put("v", version);
    }

    private static void connect(URI endpoint) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", endpoint.getPort()), 2_000);
        }
    }
}
