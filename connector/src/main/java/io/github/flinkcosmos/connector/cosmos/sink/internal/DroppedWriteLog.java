package io.github.flinkcosmos.connector.cosmos.sink.internal;

import io.github.flinkcosmos.connector.cosmos.sink.CosmosWriteRequest;
import org.apache.flink.annotation.Internal;
import org.slf4j.Logger;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Logs every write the sink drops at WARN, naming the document and the status, so that a dropped
 * row never vanishes without a trace: at most {@value #LINES_PER_WINDOW} lines per {@link #WINDOW},
 * then one line that counts the rest. Used from the writer's callback threads, hence synchronized.
 */
@Internal
public final class DroppedWriteLog {

    static final int LINES_PER_WINDOW = 10;
    static final Duration WINDOW = Duration.ofSeconds(10);

    private final Logger log;
    private final String containerPath;
    private final LongSupplier nanoClock;
    private long windowStart;
    private int loggedInWindow;
    private long suppressedInWindow;

    /**
     * @param containerPath the container written to, for messages, e.g. {@code db/orders}
     * @param nanoClock {@link System#nanoTime}, or a test's clock
     */
    public DroppedWriteLog(Logger log, String containerPath, LongSupplier nanoClock) {
        this.log = log;
        this.containerPath = containerPath;
        this.nanoClock = nanoClock;
        this.windowStart = nanoClock.getAsLong();
    }

    /** Logs one dropped write, or counts it when this window has had its lines. */
    public synchronized void dropped(CosmosWriteRequest request, int status, int subStatus) {
        long now = nanoClock.getAsLong();
        if (now - windowStart >= WINDOW.toNanos()) {
            summarizeWindow();
            windowStart = now;
        }
        if (loggedInWindow < LINES_PER_WINDOW) {
            loggedInWindow++;
            log.warn(
                    "Dropped the {} of id '{}', partition key {} in {}: status {}, sub-status {} is"
                            + " classified DROP, so it is not retried and does not fail the job"
                            + " (counted in operationsDropped).",
                    request.kind().name().toLowerCase(java.util.Locale.ROOT),
                    request.id(),
                    request.partitionKey(),
                    containerPath,
                    status,
                    subStatus);
        } else {
            suppressedInWindow++;
        }
    }

    /** Counts what the last window did not log; called when a new window starts and on close. */
    public synchronized void summarizeWindow() {
        if (suppressedInWindow > 0) {
            log.warn(
                    "{} more dropped writes to {} were not logged one by one in the last {} s (at"
                            + " most {} lines per {} s).",
                    suppressedInWindow,
                    containerPath,
                    WINDOW.toSeconds(),
                    LINES_PER_WINDOW,
                    WINDOW.toSeconds());
        }
        loggedInWindow = 0;
        suppressedInWindow = 0;
    }
}
