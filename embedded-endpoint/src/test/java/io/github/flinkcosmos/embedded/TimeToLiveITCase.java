package io.github.flinkcosmos.embedded;

import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosContainerProperties;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.PartitionKeyDefinition;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Documents expire as the service's do: after the document's own {@code ttl} or the container's
 * {@code defaultTtl}, never with -1, and not at all while the container's time-to-live is off. An
 * expired document is gone for reads and queries at once, and its id is free again.
 */
class TimeToLiveITCase {

    @RegisterExtension static final SdkEnvironment COSMOS = new SdkEnvironment();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PartitionKey P = new PartitionKey("p");

    @Test
    void aDocumentsTtlOrTheContainersDefaultExpiresItUnlessTimeToLiveIsOff() throws Exception {
        CosmosAsyncContainer off = SdkClients.newContainer(COSMOS.client(), "/pk");
        try {
            CosmosAsyncContainer on = withDefaultTtl(off, "on", -1);
            CosmosAsyncContainer oneSecond = withDefaultTtl(off, "one-second", 1);
            for (CosmosAsyncContainer container : List.of(off, on, oneSecond)) {
                write(container, "plain", null);
                write(container, "never", -1);
                write(container, "short", 1);
            }

            waitUntilGone(oneSecond, "plain", Duration.ofSeconds(10));
            waitUntilGone(on, "short", Duration.ofSeconds(10));

            assertThat(ids(off)).containsExactly("never", "plain", "short");
            assertThat(ids(on)).containsExactly("never", "plain");
            assertThat(ids(oneSecond)).containsExactly("never");
            assertThatThrownBy(() -> on.readItem("short", P, ObjectNode.class).block())
                    .isInstanceOfSatisfying(
                            CosmosException.class,
                            e -> assertThat(e.getStatusCode()).isEqualTo(404));
            // The id is free again: a create succeeds, and an upsert creates.
            assertThat(on.createItem(document("short", null), P, null).block().getStatusCode())
                    .isEqualTo(201);
            assertThat(
                            oneSecond
                                    .upsertItem(document("plain", null), P, null)
                                    .block()
                                    .getStatusCode())
                    .isEqualTo(201);
        } finally {
            SdkClients.dropDatabase(off);
        }
    }

    private static CosmosAsyncContainer withDefaultTtl(
            CosmosAsyncContainer sibling, String id, int seconds) {
        PartitionKeyDefinition key = new PartitionKeyDefinition();
        key.setPaths(List.of("/pk"));
        CosmosContainerProperties properties = new CosmosContainerProperties(id, key);
        properties.setDefaultTimeToLiveInSeconds(seconds);
        sibling.getDatabase().createContainer(properties).block();
        return sibling.getDatabase().getContainer(id);
    }

    private static void write(CosmosAsyncContainer container, String id, Integer ttl) {
        container.upsertItem(document(id, ttl), P, null).block();
    }

    private static ObjectNode document(String id, Integer ttl) {
        ObjectNode document = JSON.createObjectNode().put("id", id).put("pk", "p");
        if (ttl != null) {
            document.put("ttl", ttl);
        }
        return document;
    }

    private static List<String> ids(CosmosAsyncContainer container) {
        return container
                .queryItems("SELECT * FROM c", ObjectNode.class)
                .byPage()
                .flatMapIterable(page -> page.getResults())
                .map(document -> document.get("id").asText())
                .sort()
                .collectList()
                .block();
    }

    private static void waitUntilGone(CosmosAsyncContainer container, String id, Duration limit)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (ids(container).contains(id)) {
            assertThat(System.nanoTime()).as("%s expired in time", id).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
