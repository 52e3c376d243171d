package io.github.flinkcosmos.benchmark;

import io.github.flinkcosmos.connector.cosmos.sink.CosmosWriteRequest;

import javax.management.JMException;
import javax.management.ObjectName;

import java.lang.management.ManagementFactory;

/**
 * The live heap and how many documents the sink holds in it, from the JVM's class histogram (what
 * {@code jcmd GC.class_histogram} prints): a full collection, then every live object counted by
 * class. Each document the sink holds, buffered, in flight or waiting for a retry, is one {@link
 * CosmosWriteRequest}.
 */
final class LiveHeap {

    private static final String HELD_CLASS = CosmosWriteRequest.class.getName();

    private LiveHeap() {}

    /**
     * One look at the heap after a full collection.
     *
     * @param storedDocuments documents the embedded endpoint, in the same JVM, has stored; it holds
     *     them in the same heap, so they have to be told apart from the sink's
     */
    record Sample(long liveBytes, long heldDocuments, long storedDocuments) {

        Sample minus(Sample before) {
            return new Sample(
                    liveBytes - before.liveBytes,
                    heldDocuments - before.heldDocuments,
                    storedDocuments - before.storedDocuments);
        }
    }

    static Sample sample(long storedDocuments) {
        String histogram;
        try {
            histogram =
                    (String)
                            ManagementFactory.getPlatformMBeanServer()
                                    .invoke(
                                            new ObjectName(
                                                    "com.sun.management:type=DiagnosticCommand"),
                                            "gcClassHistogram",
                                            new Object[] {new String[0]},
                                            new String[] {String[].class.getName()});
        } catch (JMException e) {
            throw new IllegalStateException(
                    "The memory run needs a HotSpot JVM's class histogram (jcmd GC.class_histogram)",
                    e);
        }
        long held = 0;
        long total = -1;
        for (String line : histogram.split("\n")) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length >= 4 && columns[3].equals(HELD_CLASS)) {
                held = Long.parseLong(columns[1]);
            } else if (columns.length == 3 && columns[0].equals("Total")) {
                total = Long.parseLong(columns[2]);
            }
        }
        if (total < 0) {
            throw new IllegalStateException("The class histogram has no Total line");
        }
        return new Sample(total, held, storedDocuments);
    }
}
