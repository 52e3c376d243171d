package io.github.flinkcosmos.embedded.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinkcosmos.embedded.store.AccountStore;
import io.github.flinkcosmos.embedded.store.ContainerResource;
import io.github.flinkcosmos.embedded.store.Json;
import io.github.flinkcosmos.embedded.store.PartitionKeyDefinition;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code pkranges} feed as the SDK reads it: the live ranges, an etag, 304 when unchanged. */
class PartitionKeyRangesFeedTest {

    private final AccountStore store = new AccountStore();
    private final AccountResources resources =
            new AccountResources(
                    store,
                    () -> URI.create("https://localhost:1/"),
                    new io.github.flinkcosmos.embedded.throughput.ThroughputModel());
    private final ContainerResource container;

    PartitionKeyRangesFeedTest() {
        store.create("db");
        container =
                store.database("db")
                        .orElseThrow()
                        .create("c", PartitionKeyDefinition.hash("/pk"), 2)
                        .orElseThrow();
    }

    @Test
    void reportsTheRangesWithAnEtagAndAnswers304ToThatEtag() throws Exception {
        GatewayResponse first = feed(Map.of());

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.headers()).containsEntry("etag", "1");
        JsonNode ranges = Json.parse(first.body()).get("PartitionKeyRanges");
        assertThat(ranges).hasSize(2);
        assertThat(ranges.get(0).get("id").asText()).isEqualTo("0");
        assertThat(ranges.get(0).get("minInclusive").asText()).isEmpty();
        assertThat(ranges.get(1).get("maxExclusive").asText()).isEqualTo("FF");
        assertThat(ranges.get(1).get("parents")).isEmpty();
        assertThat(feed(Map.of("if-none-match", "1")).status()).isEqualTo(304);
    }

    @Test
    void reportsTheChildrenOfASplitWithTheirParentUnderANewEtag() throws Exception {
        container.partitions().split("0");

        GatewayResponse changed = feed(Map.of("if-none-match", "1", "a-im", "Incremental Feed"));

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.headers()).containsEntry("etag", "2");
        JsonNode ranges = Json.parse(changed.body()).get("PartitionKeyRanges");
        assertThat(ranges)
                .extracting(range -> range.get("id").asText())
                .containsExactly("2", "3", "1");
        assertThat(ranges.get(0).get("parents")).extracting(JsonNode::asText).containsExactly("0");
        assertThat(ranges.get(1).get("parents")).extracting(JsonNode::asText).containsExactly("0");
        assertThat(ranges).extracting(range -> range.get("_rid").asText()).doesNotHaveDuplicates();
        assertThat(feed(Map.of("if-none-match", "2")).status()).isEqualTo(304);
    }

    private GatewayResponse feed(Map<String, String> headers) {
        String path = "/dbs/db/colls/c/pkranges";
        return resources.partitionKeyRanges(
                new GatewayRequest(
                        "GET",
                        path,
                        List.of("dbs", "db", "colls", "c", "pkranges"),
                        headers,
                        new byte[0]),
                "db",
                "c");
    }
}
