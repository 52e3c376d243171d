package io.github.flinkcosmos.embedded.partitions;

/**
 * MurmurHash3 (Austin Appleby, public domain), the x86 32-bit and x64 128-bit variants with seed 0,
 * which is what Cosmos DB hashes partition keys with.
 */
final class MurmurHash3 {

    private static final int C1_32 = 0xcc9e2d51;
    private static final int C2_32 = 0x1b873593;
    private static final long C1_128 = 0x87c37b91114253d5L;
    private static final long C2_128 = 0x4cf5ad432745937fL;

    private MurmurHash3() {}

    static int hash32(byte[] data) {
        int length = data.length;
        int h1 = 0;
        int blocks = length & ~3;
        for (int i = 0; i < blocks; i += 4) {
            h1 ^= mix32(littleEndianInt(data, i));
            h1 = Integer.rotateLeft(h1, 13);
            h1 = h1 * 5 + 0xe6546b64;
        }
        int tail = length & 3;
        if (tail > 0) {
            int k1 = 0;
            for (int i = tail - 1; i >= 0; i--) {
                k1 = k1 << 8 | (data[blocks + i] & 0xff);
            }
            h1 ^= mix32(k1);
        }
        h1 ^= length;
        h1 ^= h1 >>> 16;
        h1 *= 0x85ebca6b;
        h1 ^= h1 >>> 13;
        h1 *= 0xc2b2ae35;
        h1 ^= h1 >>> 16;
        return h1;
    }

    /** The two 64-bit halves {@code h1} and {@code h2}, in that order. */
    static long[] hash128(byte[] data) {
        int length = data.length;
        long h1 = 0;
        long h2 = 0;
        int blocks = length & ~15;
        for (int i = 0; i < blocks; i += 16) {
            h1 ^= mixK1(littleEndianLong(data, i, 8));
            h1 = Long.rotateLeft(h1, 27);
            h1 += h2;
            h1 = h1 * 5 + 0x52dce729;
            h2 ^= mixK2(littleEndianLong(data, i + 8, 8));
            h2 = Long.rotateLeft(h2, 31);
            h2 += h1;
            h2 = h2 * 5 + 0x38495ab5;
        }
        int tail = length & 15;
        if (tail > 8) {
            h2 ^= mixK2(littleEndianLong(data, blocks + 8, tail - 8));
        }
        if (tail > 0) {
            h1 ^= mixK1(littleEndianLong(data, blocks, Math.min(tail, 8)));
        }
        h1 ^= length;
        h2 ^= length;
        h1 += h2;
        h2 += h1;
        h1 = fmix64(h1);
        h2 = fmix64(h2);
        h1 += h2;
        h2 += h1;
        return new long[] {h1, h2};
    }

    private static int mix32(int k1) {
        k1 *= C1_32;
        k1 = Integer.rotateLeft(k1, 15);
        return k1 * C2_32;
    }

    private static long mixK1(long k1) {
        k1 *= C1_128;
        k1 = Long.rotateLeft(k1, 31);
        return k1 * C2_128;
    }

    private static long mixK2(long k2) {
        k2 *= C2_128;
        k2 = Long.rotateLeft(k2, 33);
        return k2 * C1_128;
    }

    private static long fmix64(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }

    private static int littleEndianInt(byte[] data, int offset) {
        return (data[offset] & 0xff)
                | (data[offset + 1] & 0xff) << 8
                | (data[offset + 2] & 0xff) << 16
                | data[offset + 3] << 24;
    }

    /** Up to 8 bytes from {@code offset}, the first the least significant. */
    private static long littleEndianLong(byte[] data, int offset, int count) {
        long value = 0;
        for (int i = count - 1; i >= 0; i--) {
            value = value << 8 | (data[offset + i] & 0xffL);
        }
        return value;
    }
}
