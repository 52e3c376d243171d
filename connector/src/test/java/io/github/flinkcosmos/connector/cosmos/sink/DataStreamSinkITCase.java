package io.github.flinkcosmos.connector.cosmos.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.flinkcosmos.connector.cosmos.client.ConnectionMode;
import io.github.flinkcosmos.connector.cosmos.testing.CosmosEnvironment;
import io.github.flinkcosmos.connector.cosmos.testing.CosmosTestContainers;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes plain Java objects through the DataStream API, with no Table API anywhere: the builder, a
 * converter of the user's own, auto-create with a hierarchical key, and two writers.
 */
class DataStreamSinkITCase {

    @RegisterExtension static final CosmosEnvironment COSMOS = new CosmosEnvironment();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final int ORDERS = 2_000;

    /** An order as a user's job has it: a POJO, not a row. */
    public static final class Order {
        public String id;
        public String tenant;
        public String region;
        public double amount;

        public Order() {}

        Order(long n) {
            id = "order-" + n;
            tenant = "tenant-" + (n % 5);
            region = n % 2 == 0 ? "west" : "north";
            amount = n * 1.5;
        }
    }

    /** What a user writes: Jackson, the id, and the values of the two partition-key paths. */
    static final class OrderToDocument implements CosmosDocumentConverter<Order> {
        private static final ObjectMapper MAPPER = new ObjectMapper();

        @Override
        public CosmosDocument toDocument(Order order) {
            try {
                return CosmosDocument.of(
                        order.id,
                        List.of(order.tenant, order.region),
                        MAPPER.writeValueAsBytes(order));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void writesEveryPojoAsItsDocumentIntoAnAutoCreatedContainer() throws Exception {
        String database = CosmosTestContainers.uniqueDatabase("datastream");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        env.setParallelism(2);

        CosmosSink<Order> sink =
                CosmosSink.<Order>builder()
                        .setEndpoint(COSMOS.endpoint().uri().toString())
                        .setAccountKey(COSMOS.endpoint().key())
                        .setDatabase(database)
                        .setContainer("orders")
                        .setConnectionMode(ConnectionMode.GATEWAY)
                        .setPartitionKeyPaths("/tenant", "/region")
                        .setAutoCreate(true)
                        .setDocumentConverter(new OrderToDocument())
                        .setMaxBatchSize(100)
                        .build();
        env.fromData(LongStream.range(0, ORDERS).mapToObj(Order::new).toList())
                .sinkTo(sink)
                .name("orders to Cosmos DB");
        env.execute("DataStream API into Cosmos DB");

        assertThat(COSMOS.containers().partitionKeyPaths(database, "orders"))
                .containsExactly("/tenant", "/region");
        Map<String, JsonNode> documents =
                COSMOS.containers().documents(database, "orders").stream()
                        .collect(Collectors.toMap(d -> d.get("id").asText(), Function.identity()));
        assertThat(documents).hasSize(ORDERS);
        JsonNode order7 = documents.get("order-7");
        assertThat(order7.get("tenant").asText()).isEqualTo("tenant-2");
        assertThat(order7.get("region").asText()).isEqualTo("north");
        assertThat(order7.get("amount").asDouble()).isEqualTo(10.5);
        COSMOS.containers().dropDatabase(database);
    }
}
