package io.github.flinkcosmos.connector.cosmos.sink.internal;

import io.github.flinkcosmos.connector.cosmos.sink.CosmosWriteRequest;
import org.apache.flink.connector.base.sink.writer.RequestEntryWrapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LatestWriteRequestBufferTest {

    private final LatestWriteRequestBuffer buffer = new LatestWriteRequestBuffer();

    @Test
    void keepsTheLastRowOfADocumentInItsPlace() {
        buffer.add(write("a", "v1"), false);
        buffer.add(write("b", "v1"), false);
        buffer.add(write("a", "v2"), false);

        assertThat(versions(buffer.takeBatch(10, Long.MAX_VALUE))).containsExactly("a:v2", "b:v1");
        assertThat(buffer.collapsedCount()).isEqualTo(1);
    }

    @Test
    void holdsBackADocumentWhileItsWriteIsInFlight() {
        buffer.add(write("a", "v1"), false);
        assertThat(versions(buffer.takeBatch(10, Long.MAX_VALUE))).containsExactly("a:v1");

        buffer.add(write("a", "v2"), false);
        buffer.add(write("b", "v1"), false);

        assertThat(versions(buffer.takeBatch(10, Long.MAX_VALUE))).containsExactly("b:v1");
        assertThat(buffer.takeBatch(10, Long.MAX_VALUE)).isEmpty();
        // Regression: the AsyncSink flushes "while not empty"; the batch creator must wait for
        // a release then, so the buffer says when nothing may be sent.
        assertThat(buffer.onlyHeldBack()).isTrue();
        assertThat(buffer.isEmpty()).isFalse();

        buffer.release(key("a"));

        assertThat(buffer.onlyHeldBack()).isFalse();
        assertThat(versions(buffer.takeBatch(10, Long.MAX_VALUE))).containsExactly("a:v2");
    }

    @Test
    void discardsARetryWhenANewerRowOfItsDocumentWaits() {
        buffer.add(write("a", "v1"), false);
        RequestEntryWrapper<CosmosWriteRequest> sent = buffer.takeBatch(10, Long.MAX_VALUE).get(0);
        buffer.add(write("a", "v2"), false);

        buffer.add(sent, true); // v1 comes back for a retry

        assertThat(versions(buffer.takeBatch(10, Long.MAX_VALUE))).containsExactly("a:v2");
        assertThat(buffer.supersededCount()).isEqualTo(1);
    }

    @Test
    void ofTwoVersionedRowsKeepsTheGreaterVersionWhateverTheirOrder() {
        buffer.add(versioned("a", 5), false);
        buffer.add(versioned("a", 3), false); // a late row
        buffer.add(versioned("b", 1), false);
        buffer.add(versioned("b", 2), false);
        buffer.add(versioned("c", 4), false);
        buffer.add(versioned("c", 4), false); // equal: the first stays

        assertThat(versions(buffer.takeBatch(10, Long.MAX_VALUE)))
                .containsExactly("a:5", "b:2", "c:4");
        assertThat(buffer.staleCount()).isEqualTo(2);
        assertThat(buffer.collapsedCount()).isEqualTo(1);
    }

    @Test
    void aRetriedVersionedWriteWinsOverALateRowThatArrivedMeanwhile() {
        buffer.add(versioned("a", 5), false);
        RequestEntryWrapper<CosmosWriteRequest> sent = buffer.takeBatch(10, Long.MAX_VALUE).get(0);
        buffer.add(versioned("a", 3), false);

        buffer.add(sent, true);

        assertThat(versions(buffer.takeBatch(10, Long.MAX_VALUE))).containsExactly("a:5");
        assertThat(buffer.staleCount()).isEqualTo(1);
        assertThat(buffer.size()).isZero();
    }

    private static RequestEntryWrapper<CosmosWriteRequest> versioned(String id, long version) {
        byte[] json =
                ("{\"id\":\"" + id + "\",\"v\":\"" + version + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
        return new RequestEntryWrapper<>(
                new CosmosWriteRequest(id, List.of("p"), json, 0)
                        .withVersion(
                                io.github.flinkcosmos.connector.cosmos.sink.DocumentVersion.of(
                                        version)),
                json.length);
    }

    @Test
    void putsARetryFirstWhenNothingNewerWaits() {
        buffer.add(write("a", "v1"), false);
        RequestEntryWrapper<CosmosWriteRequest> sent = buffer.takeBatch(10, Long.MAX_VALUE).get(0);
        buffer.add(write("b", "v1"), false);

        buffer.add(sent, true);

        assertThat(versions(buffer.takeBatch(10, Long.MAX_VALUE))).containsExactly("a:v1", "b:v1");
    }

    @Test
    void countsEveryWriteHeldBackOrNot() {
        buffer.add(write("a", "v1"), false);
        buffer.takeBatch(10, Long.MAX_VALUE);
        buffer.add(write("a", "v2"), false);
        buffer.add(write("b", "v1"), false);

        assertThat(buffer.size()).isEqualTo(2);
        assertThat(buffer.totalSizeInBytes())
                .isEqualTo(write("a", "v2").getSize() + write("b", "v1").getSize());
        assertThat(buffer.getBufferedState()).hasSize(2);
        assertThat(buffer.onlyHeldBack()).isFalse();
    }

    @Test
    void stopsABatchAtItsByteLimitButAlwaysTakesOne() {
        buffer.add(write("a", "v1"), false);
        buffer.add(write("b", "v1"), false);

        assertThat(buffer.takeBatch(10, 1)).hasSize(1);
        assertThat(buffer.takeBatch(10, 1)).hasSize(1);
    }

    private static CosmosWriteRequest.DocumentKey key(String id) {
        return new CosmosWriteRequest.DocumentKey(List.of("p"), id);
    }

    private static RequestEntryWrapper<CosmosWriteRequest> write(String id, String version) {
        byte[] json =
                ("{\"id\":\"" + id + "\",\"v\":\"" + version + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
        return new RequestEntryWrapper<>(
                new CosmosWriteRequest(id, List.of("p"), json, 0), json.length);
    }

    private static List<String> versions(List<RequestEntryWrapper<CosmosWriteRequest>> batch) {
        return batch.stream()
                .map(RequestEntryWrapper::getRequestEntry)
                .map(
                        r -> {
                            String json = new String(r.document(), StandardCharsets.UTF_8);
                            return r.id()
                                    + ":"
                                    + json.substring(
                                            json.indexOf("\"v\":\"") + 5, json.length() - 2);
                        })
                .toList();
    }
}
