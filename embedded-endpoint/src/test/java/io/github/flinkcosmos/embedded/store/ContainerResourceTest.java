package io.github.flinkcosmos.embedded.store;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ContainerResourceTest {

    private static final DocumentKey KEY = new DocumentKey("[\"p\"]", "a");

    /** Regression: a create and an upsert of one key, racing, could both answer "created". */
    @Test
    void aCreateAndAnUpsertOfOneKeyNeverBothCreateIt() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 2_000; round++) {
                ContainerResource container = newContainer();
                CountDownLatch start = new CountDownLatch(1);
                Future<Boolean> createCreated =
                        threads.submit(
                                () -> {
                                    start.await();
                                    return container.create(container.prepare(KEY, body("1")));
                                });
                Future<Boolean> upsertCreated =
                        threads.submit(
                                () -> {
                                    start.await();
                                    return !container.upsert(container.prepare(KEY, body("2")));
                                });
                start.countDown();

                // Both results before any check: the map counts a new key only after the put.
                boolean created = createCreated.get(5, TimeUnit.SECONDS);
                boolean upserted = upsertCreated.get(5, TimeUnit.SECONDS);
                assertThat(created && upserted).as("round %d", round).isFalse();
                assertThat(container.size()).isEqualTo(1);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void pagesThroughOnePartitionKeyValueInKeyOrder() {
        ContainerResource container = newContainer();
        for (String pk : List.of("[\"b\"]", "[\"a\"]", "[\"ab\"]")) {
            for (String id : List.of("2", "1", "3")) {
                container.upsert(container.prepare(new DocumentKey(pk, id), body(id)));
            }
        }

        List<StoredDocument> first = container.page(Optional.of("[\"a\"]"), Optional.empty(), 2);
        List<StoredDocument> rest =
                container.page(Optional.of("[\"a\"]"), Optional.of(first.get(1).key()), 2);

        assertThat(first).extracting(d -> d.key().id()).containsExactly("1", "2");
        assertThat(rest).extracting(d -> d.key().id()).containsExactly("3");
        assertThat(container.count(Optional.of("[\"a\"]"))).isEqualTo(3);
        assertThat(container.count(Optional.empty())).isEqualTo(9);
    }

    @Test
    void addsSystemPropertiesToTheSerializedBody() throws Exception {
        ContainerResource container = newContainer();

        StoredDocument stored = container.prepare(KEY, body("1"));

        assertThat(Json.parse(stored.json()).fieldNames())
                .toIterable()
                .containsExactly("id", "pk", "_rid", "_self", "_etag", "_ts");
        assertThat(Json.parse(stored.json()).get("_etag").asText()).isEqualTo(stored.etag());
    }

    /** Regression: the SDK sends [1.0] for a document holding 1, which was a mismatch. */
    @Test
    void canonicalisesNumericPartitionKeys() throws Exception {
        assertThat(Json.canonicalPartitionKey("[1]"))
                .isEqualTo(Json.canonicalPartitionKey("[1.0]"));
        assertThat(Json.canonicalPartitionKey("[\"1\"]"))
                .isNotEqualTo(Json.canonicalPartitionKey("[1]"));
    }

    private static ContainerResource newContainer() {
        return new AccountStore()
                .create("db")
                .orElseThrow()
                .create("c", PartitionKeyDefinition.hash("/pk"))
                .orElseThrow();
    }

    private static byte[] body(String value) {
        return ("{\"id\":\"a\",\"pk\":\"" + value + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
