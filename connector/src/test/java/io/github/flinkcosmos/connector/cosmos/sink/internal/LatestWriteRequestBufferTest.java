package io.github.flinkcosmos.connector.cosmos.sink.internal;

import io.github.flinkcosmos.connector.cosmos.sink.CosmosWriteRequest;
import org.apache.flink.connector.base.sink.writer.RequestEntryWrapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LatestWriteRequestBufferTest {

    private final LatestWriteRequestBuffer buffer =
            new LatestWriteRequestBuffer(500, Long.MAX_VALUE, 4);

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
        // The AsyncSink flushes "while not empty": a held-back write is nothing to send yet, or
        // its flush timer would wait on the task thread for the write in flight.
        assertThat(buffer.isEmpty()).isTrue();
        assertThat(buffer.bufferedCount()).isEqualTo(1);

        buffer.release(key("a"));

        assertThat(buffer.isEmpty()).isFalse();
        assertThat(buffer.flushesNow()).as("no timer may be waiting for it").isTrue();
        assertThat(versions(buffer.takeBatch(10, Long.MAX_VALUE))).containsExactly("a:v2");
        assertThat(buffer.flushesNow()).as("cleared once nothing is left to send").isFalse();
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
    void countsOnlySendableWritesForTheAsyncSinkAndEveryWriteForTheBufferLimit() {
        buffer.add(write("a", "v1"), false);
        buffer.takeBatch(10, Long.MAX_VALUE);
        buffer.add(write("a", "v2"), false);
        buffer.add(write("b", "v1"), false);

        assertThat(buffer.size()).isEqualTo(1);
        assertThat(buffer.totalSizeInBytes()).isEqualTo(write("b", "v1").getSize());
        assertThat(buffer.bufferedCount()).isEqualTo(2);
        assertThat(buffer.bufferedBytes())
                .isEqualTo(write("a", "v2").getSize() + write("b", "v1").getSize());
        assertThat(buffer.getBufferedState()).hasSize(2);
        assertThat(buffer.hasInFlight()).isTrue();
    }

    @Test
    void makesEachBatchOfOneRangeAndLetsTheRangesTakeTurns() {
        LatestWriteRequestBuffer ranged = new LatestWriteRequestBuffer(500, Long.MAX_VALUE, 4);
        ranged.useRanges(2, LatestWriteRequestBufferTest::rangeByFirstLetter);
        for (String id : List.of("a1", "b1", "a2", "b2", "a3")) {
            ranged.add(write(id, "v"), false);
        }

        assertThat(ids(ranged.takeBatch(10, Long.MAX_VALUE))).containsExactly("a1", "a2", "a3");
        assertThat(ids(ranged.takeBatch(10, Long.MAX_VALUE))).containsExactly("b1", "b2");
    }

    @Test
    void countsTheRowsOfEveryRangeTowardsAFullBatchAndThenSendsEachRange() {
        LatestWriteRequestBuffer ranged = new LatestWriteRequestBuffer(4, Long.MAX_VALUE, 4);
        ranged.useRanges(2, LatestWriteRequestBufferTest::rangeByFirstLetter);
        for (String id : List.of("a1", "b1", "b2")) {
            ranged.add(write(id, "v"), false);
        }
        assertThat(ranged.size()).as("no full batch yet").isEqualTo(3);
        assertThat(ranged.flushesNow()).isFalse();

        ranged.add(write("a2", "v"), false);

        assertThat(ranged.size()).as("the two ranges' rows make a full batch").isEqualTo(4);
        assertThat(ids(ranged.takeBatch(10, Long.MAX_VALUE))).containsExactly("a1", "a2");
        assertThat(ranged.flushesNow()).as("the other range sends too, at once").isTrue();
        assertThat(ids(ranged.takeBatch(10, Long.MAX_VALUE))).containsExactly("b1", "b2");
        assertThat(ranged.flushesNow()).as("cleared once nothing is left to send").isFalse();
    }

    @Test
    void aRowArrivingAfterARoundWaitsForAFullBatchAgain() {
        LatestWriteRequestBuffer ranged = new LatestWriteRequestBuffer(4, Long.MAX_VALUE, 4);
        ranged.useRanges(2, LatestWriteRequestBufferTest::rangeByFirstLetter);
        ranged.add(write("a1", "v"), false);
        ranged.add(write("b1", "v"), false);
        ranged.takeBatch(10, Long.MAX_VALUE); // the flush timer's round
        ranged.takeBatch(10, Long.MAX_VALUE);

        ranged.add(write("a2", "v"), false);

        assertThat(ranged.flushesNow())
                .as("a2 would go alone, and so would every row after it")
                .isFalse();
    }

    @Test
    void sendsAFullBatchOfOneRangeFirstAndAloneWithoutARound() {
        LatestWriteRequestBuffer ranged = new LatestWriteRequestBuffer(3, Long.MAX_VALUE, 4);
        ranged.useRanges(2, LatestWriteRequestBufferTest::rangeByFirstLetter);
        for (String id : List.of("a1", "b1", "b2", "b3")) {
            ranged.add(write(id, "v"), false);
        }

        assertThat(ranged.size()).isEqualTo(3);
        assertThat(ids(ranged.takeBatch(10, Long.MAX_VALUE))).containsExactly("b1", "b2", "b3");
        assertThat(ranged.flushesNow()).as("a1 waits for its batch or the timer").isFalse();
        assertThat(ranged.size()).isEqualTo(1);
        assertThat(ranged.isEmpty()).isFalse();
    }

    @Test
    void countsTheBytesOfEveryRangeTowardsTheFlushSize() {
        LatestWriteRequestBuffer ranged = new LatestWriteRequestBuffer(500, Long.MAX_VALUE, 4);
        ranged.useRanges(2, LatestWriteRequestBufferTest::rangeByFirstLetter);
        ranged.add(write("a1", "v"), false);
        ranged.add(write("b1", "v"), false);

        assertThat(ranged.totalSizeInBytes())
                .isEqualTo(write("a1", "v").getSize() + write("b1", "v").getSize());
    }

    @Test
    void aRangeAtItsLimitWaitsWhileTheOthersGoOn() {
        LatestWriteRequestBuffer ranged = new LatestWriteRequestBuffer(2, Long.MAX_VALUE, 1);
        ranged.useRanges(2, LatestWriteRequestBufferTest::rangeByFirstLetter);
        for (String id : List.of("a1", "a2", "a3", "a4", "b1")) {
            ranged.add(write(id, "v"), false);
        }

        List<RequestEntryWrapper<CosmosWriteRequest>> hot = ranged.takeBatch(10, Long.MAX_VALUE);
        assertThat(ids(hot)).as("the range's in-flight limit caps the batch").hasSize(2);
        WriteLane.Batch hotBatch = ranged.batchOf(hot.get(0).getRequestEntry());

        // Range "a" has its one bulk request in flight: only "b1" can be sent.
        assertThat(ranged.size()).isEqualTo(1);
        assertThat(ids(ranged.takeBatch(10, Long.MAX_VALUE))).containsExactly("b1");
        assertThat(ranged.isEmpty()).isTrue();
        assertThat(ranged.bufferedCount()).isEqualTo(2);

        // "a" throttled: its writes come back for a retry and its limit halves, to 1.
        ranged.batchEnded(hotBatch, true);
        ranged.add(hot.get(1), true); // as the AsyncSink puts retries back: last first
        ranged.add(hot.get(0), true);

        assertThat(ranged.inFlightLimit()).as("a's limit halved to 1, b's still 2").isEqualTo(3);
        assertThat(ranged.flushesNow()).isTrue();
        assertThat(ids(ranged.takeBatch(10, Long.MAX_VALUE))).containsExactly("a1");
    }

    @Test
    void aRangeWithoutThrottlingGrowsItsLimitByTen() {
        LatestWriteRequestBuffer ranged = new LatestWriteRequestBuffer(20, Long.MAX_VALUE, 4);
        ranged.add(write("a", "v"), false);
        List<RequestEntryWrapper<CosmosWriteRequest>> sent = ranged.takeBatch(10, Long.MAX_VALUE);

        ranged.batchEnded(ranged.batchOf(sent.get(0).getRequestEntry()), false);

        assertThat(ranged.inFlightLimit()).isEqualTo(30);
    }

    @Test
    void halvesARangesLimitOncePerThrottlingEpisode() {
        LatestWriteRequestBuffer ranged = new LatestWriteRequestBuffer(10, Long.MAX_VALUE, 4);
        for (String id : List.of("a1", "a2", "a3", "a4")) {
            ranged.add(write(id, "v"), false);
        }
        // The limit starts at 10 and grows by 10 after a request without throttling.
        ranged.batchEnded(ranged.batchOf(first(ranged.takeBatch(1, Long.MAX_VALUE))), false);
        WriteLane.Batch one = ranged.batchOf(first(ranged.takeBatch(1, Long.MAX_VALUE)));
        WriteLane.Batch two = ranged.batchOf(first(ranged.takeBatch(1, Long.MAX_VALUE)));
        assertThat(ranged.inFlightLimit()).isEqualTo(20);

        ranged.batchEnded(one, true);
        ranged.batchEnded(two, true);

        assertThat(ranged.inFlightLimit())
                .as("both requests met one episode: 20 halves once, not twice to 5")
                .isEqualTo(10);
        WriteLane.Batch after = ranged.batchOf(first(ranged.takeBatch(1, Long.MAX_VALUE)));
        ranged.batchEnded(after, true);
        assertThat(ranged.inFlightLimit())
                .as("a request sent after the halving that meets throttling halves it again")
                .isEqualTo(5);
    }

    private static CosmosWriteRequest first(List<RequestEntryWrapper<CosmosWriteRequest>> batch) {
        return batch.get(0).getRequestEntry();
    }

    @Test
    void sortsBufferedWritesIntoTheRangesOnceTheyAreKnown() {
        buffer.add(write("a1", "v"), false);
        buffer.add(write("b1", "v"), false);
        buffer.add(write("a2", "v"), false);

        buffer.useRanges(2, LatestWriteRequestBufferTest::rangeByFirstLetter);

        assertThat(buffer.rangeCount()).isEqualTo(2);
        assertThat(ids(buffer.takeBatch(10, Long.MAX_VALUE))).containsExactly("a1", "a2");
        assertThat(ids(buffer.takeBatch(10, Long.MAX_VALUE))).containsExactly("b1");
    }

    private static int rangeByFirstLetter(CosmosWriteRequest request) {
        return request.id().charAt(0) - 'a';
    }

    private static List<String> ids(List<RequestEntryWrapper<CosmosWriteRequest>> batch) {
        return batch.stream().map(entry -> entry.getRequestEntry().id()).toList();
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
