package io.github.flinkcosmos.embedded.throughput;

/**
 * What an operation costs, in request units, by document size: a write costs 5 RU per started KiB,
 * a read 1 RU per started KiB, close to what Cosmos DB charges for a 1 KiB document with the
 * default indexing policy.
 */
public final class RequestUnits {

    private static final int KIB = 1024;

    private RequestUnits() {}

    public static double write(int documentBytes) {
        return 5.0 * startedKib(documentBytes);
    }

    public static double read(int documentBytes) {
        return startedKib(documentBytes);
    }

    private static int startedKib(int bytes) {
        return Math.max(1, (bytes + KIB - 1) / KIB);
    }
}
