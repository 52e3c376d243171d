package io.github.flinkcosmos.connector.cosmos.sink.internal;

import io.github.flinkcosmos.connector.cosmos.sink.CosmosWriteRequest;
import io.github.flinkcosmos.connector.cosmos.testing.LogCapture;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class DroppedWriteLogTest {

    private static final String SECRET_CONTENT = "the-document-body";

    private final AtomicLong clock = new AtomicLong();

    private DroppedWriteLog log() {
        return new DroppedWriteLog(
                LoggerFactory.getLogger(DroppedWriteLogTest.class), "db/c", clock::get);
    }

    private static CosmosWriteRequest request(int n) {
        String json = "{\"id\":\"d%d\",\"body\":\"%s\"}".formatted(n, SECRET_CONTENT);
        return new CosmosWriteRequest(
                "d" + n, List.of("p"), json.getBytes(StandardCharsets.UTF_8), 0);
    }

    private static List<String> lines(LogCapture capture) {
        return capture.text()
                .lines()
                .filter(l -> l.contains(DroppedWriteLogTest.class.getName()))
                .toList();
    }

    @Test
    void logsEachDroppedWriteWithItsIdPartitionKeyAndStatusButNotItsContent() {
        try (LogCapture capture = new LogCapture(Level.WARN)) {
            log().dropped(request(1), 413, 0);

            assertThat(lines(capture))
                    .singleElement()
                    .asString()
                    .contains(
                            "Dropped the upsert of id 'd1', partition key [p] in db/c: status 413,"
                                    + " sub-status 0 is classified DROP")
                    .contains("operationsDropped")
                    .doesNotContain(SECRET_CONTENT);
        }
    }

    @Test
    void logsTenLinesPerTenSecondsThenCountsTheRestInOneLine() {
        try (LogCapture capture = new LogCapture(Level.WARN)) {
            DroppedWriteLog log = log();
            for (int n = 0; n < 25; n++) {
                log.dropped(request(n), 418, 0);
            }
            assertThat(lines(capture)).hasSize(10);

            clock.addAndGet(DroppedWriteLog.WINDOW.toNanos());
            log.dropped(request(99), 418, 0);

            List<String> lines = lines(capture);
            assertThat(lines).hasSize(12);
            assertThat(lines.get(10))
                    .contains(
                            "15 more dropped writes to db/c were not logged one by one in the last 10 s");
            assertThat(lines.get(11)).contains("id 'd99'");
        }
    }

    @Test
    void theSummaryOfTheLastWindowIsWrittenWhenTheWriterCloses() {
        try (LogCapture capture = new LogCapture(Level.WARN)) {
            DroppedWriteLog log = log();
            for (int n = 0; n < 12; n++) {
                log.dropped(request(n), 418, 0);
            }
            log.summarizeWindow();
            log.summarizeWindow();

            assertThat(lines(capture))
                    .hasSize(11)
                    .last()
                    .asString()
                    .contains("2 more dropped writes");
        }
    }
}
