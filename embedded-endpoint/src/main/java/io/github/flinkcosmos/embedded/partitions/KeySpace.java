package io.github.flinkcosmos.embedded.partitions;

import java.math.BigInteger;
import java.util.Locale;

/**
 * The effective keys a scheme produces, as positions on a line from 0 to {@link #end()}, so that
 * ranges can be cut evenly and split at their midpoint. Hash V2 and MultiHash keys start with a
 * 128-bit hash whose top two bits are clear, so their first 32 hex digits lie in [0, 2^126); a Hash
 * V1 key starts with a 32-bit hash written as a number, so it lies in [0, 2^32).
 */
final class KeySpace {

    private final PartitioningScheme scheme;
    private final BigInteger end;

    KeySpace(PartitioningScheme scheme) {
        this.scheme = scheme;
        this.end =
                scheme == PartitioningScheme.HASH_V1
                        ? BigInteger.ONE.shiftLeft(32)
                        : BigInteger.ONE.shiftLeft(126);
    }

    BigInteger end() {
        return end;
    }

    /** The range boundary at this position: "" at 0, "FF" at the end. */
    String boundary(BigInteger position) {
        if (position.signum() == 0) {
            return EffectivePartitionKey.MIN;
        }
        if (position.equals(end)) {
            return EffectivePartitionKey.MAX;
        }
        if (scheme == PartitioningScheme.HASH_V1) {
            return EffectivePartitionKey.encodedNumber(position.doubleValue());
        }
        return String.format(Locale.ROOT, "%032X", position);
    }
}
