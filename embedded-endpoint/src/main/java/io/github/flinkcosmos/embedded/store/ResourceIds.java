package io.github.flinkcosmos.embedded.store;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes Cosmos DB resource ids. The SDK parses them and builds later request paths from them, so
 * they follow the service's layout: 4 bytes of database, then 4 bytes of collection whose first
 * byte has the high bit set, then 8 bytes of document; Base64 with {@code -} instead of {@code /}.
 */
final class ResourceIds {

    private final AtomicInteger databases = new AtomicInteger();
    private final AtomicInteger collections = new AtomicInteger();
    private final AtomicLong documents = new AtomicLong();

    byte[] nextDatabase() {
        return ByteBuffer.allocate(4).putInt(0x8000_0000 | databases.incrementAndGet()).array();
    }

    byte[] nextCollection(byte[] database) {
        return ByteBuffer.allocate(8)
                .put(database)
                .putInt(0x8000_0000 | collections.incrementAndGet())
                .array();
    }

    byte[] nextDocument(byte[] collection) {
        return ByteBuffer.allocate(16).put(collection).putLong(documents.incrementAndGet()).array();
    }

    static byte[] partitionKeyRange(byte[] collection, int rangeId) {
        return ByteBuffer.allocate(16)
                .put(collection)
                .putLong(0x0100_0000_0000_0050L + ((long) rangeId << 32))
                .array();
    }

    static String encode(byte[] rid) {
        return Base64.getEncoder().encodeToString(rid).replace('/', '-');
    }
}
