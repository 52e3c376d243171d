package io.github.flinkcosmos.embedded.store;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Etags and activity ids in UUID form, from a thread-local generator: {@code UUID.randomUUID()}
 * draws from one shared SecureRandom, a lock on every write of the hot path.
 */
public final class Etags {

    private Etags() {}

    public static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }
}
