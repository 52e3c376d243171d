package io.github.flinkcosmos.embedded.partitions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The effective partition key of a partition-key value: the upper-case hex string that the service
 * and the SDK place a document by, and that partition-key ranges bound. Computed as the service
 * does it, byte for byte: each component is written with a type marker ({@code 0x00} undefined,
 * {@code 0x01} null, {@code 0x02} false, {@code 0x03} true, {@code 0x05} number, {@code 0x08}
 * string), then hashed.
 *
 * <ul>
 *   <li>Hash V1: strings cut to 100 chars; a 32-bit MurmurHash3 of the components; the result is
 *       the binary encoding of the hash as a number followed by the (cut) components.
 *   <li>Hash V2: a 128-bit MurmurHash3 of the components, big-endian, its top two bits cleared.
 *   <li>MultiHash: the V2 hash of each level on its own, concatenated.
 * </ul>
 */
public final class EffectivePartitionKey {

    /** The lowest effective partition key, the start of the first range. */
    public static final String MIN = "";

    /** Above every effective partition key, the end of the last range. */
    public static final String MAX = "FF";

    private static final int V1_MAX_STRING_CHARS = 100;
    private static final int BINARY_MAX_STRING_BYTES = 100;
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private static final int UNDEFINED = 0x00;
    private static final int NULL = 0x01;
    private static final int FALSE = 0x02;
    private static final int TRUE = 0x03;
    private static final int NUMBER = 0x05;
    private static final int STRING = 0x08;

    private EffectivePartitionKey() {}

    /**
     * @param value the partition-key value as a JSON array, one element per path ({@code []} is the
     *     empty key, whose effective key is {@link #MIN}); an empty object or array element is
     *     "undefined"
     */
    public static String of(JsonNode value, PartitioningScheme scheme) {
        if (!value.isArray()) {
            throw new IllegalArgumentException("A partition-key value is a JSON array: " + value);
        }
        if (value.size() == 0) {
            return MIN;
        }
        switch (scheme) {
            case HASH_V1:
                return hashV1(value);
            case HASH_V2:
                return HEX.formatHex(hashV2(hashingBytesV2(value, 0, value.size())));
            case MULTI_HASH:
            default:
                StringBuilder key = new StringBuilder(32 * value.size());
                for (int i = 0; i < value.size(); i++) {
                    key.append(HEX.formatHex(hashV2(hashingBytesV2(value, i, i + 1))));
                }
                return key.toString();
        }
    }

    /** The binary encoding of a number alone, as V1 range boundaries are written. */
    static String encodedNumber(double number) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(10);
        writeBinaryNumber(out, number);
        return HEX.formatHex(out.toByteArray());
    }

    private static String hashV1(JsonNode value) {
        JsonNode[] truncated = new JsonNode[value.size()];
        ByteArrayOutputStream hashed = new ByteArrayOutputStream();
        for (int i = 0; i < value.size(); i++) {
            JsonNode component = value.get(i);
            if (component.isTextual() && component.asText().length() > V1_MAX_STRING_CHARS) {
                component = TextNode.valueOf(component.asText().substring(0, V1_MAX_STRING_CHARS));
            }
            truncated[i] = component;
            writeForHashing(hashed, component, 0x00);
        }
        long hash = Integer.toUnsignedLong(MurmurHash3.hash32(hashed.toByteArray()));
        ByteArrayOutputStream key = new ByteArrayOutputStream();
        writeBinaryNumber(key, (double) hash);
        for (JsonNode component : truncated) {
            writeBinary(key, component);
        }
        return HEX.formatHex(key.toByteArray());
    }

    private static byte[] hashingBytesV2(JsonNode value, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = from; i < to; i++) {
            writeForHashing(out, value.get(i), 0xFF);
        }
        return out.toByteArray();
    }

    /** h2 then h1, both big-endian, with the two top bits cleared so that every key is below FF. */
    private static byte[] hashV2(byte[] bytes) {
        long[] hash = MurmurHash3.hash128(bytes);
        byte[] key = new byte[16];
        for (int i = 0; i < 8; i++) {
            key[i] = (byte) (hash[1] >>> (56 - 8 * i));
            key[8 + i] = (byte) (hash[0] >>> (56 - 8 * i));
        }
        key[0] &= 0x3F;
        return key;
    }

    /** A component as it is hashed; strings end with {@code end}. */
    private static void writeForHashing(ByteArrayOutputStream out, JsonNode component, int end) {
        if (component.isTextual()) {
            out.write(STRING);
            out.writeBytes(component.asText().getBytes(StandardCharsets.UTF_8));
            out.write(end);
        } else if (component.isNumber()) {
            out.write(NUMBER);
            long bits = Double.doubleToLongBits(component.asDouble());
            for (int i = 0; i < 8; i++) {
                out.write((int) (bits >>> (8 * i)));
            }
        } else {
            out.write(typeMarker(component));
        }
    }

    /** A component in the order-preserving binary encoding that V1 effective keys use. */
    private static void writeBinary(ByteArrayOutputStream out, JsonNode component) {
        if (component.isTextual()) {
            out.write(STRING);
            byte[] utf8 = component.asText().getBytes(StandardCharsets.UTF_8);
            boolean shortString = utf8.length <= BINARY_MAX_STRING_BYTES;
            int count = shortString ? utf8.length : BINARY_MAX_STRING_BYTES + 1;
            for (int i = 0; i < count; i++) {
                // Every byte is shifted up by one (0xFF wraps to 0x00), so that 0x00 ends a string.
                out.write((byte) (utf8[i] + 1));
            }
            if (shortString) {
                out.write(0x00);
            }
        } else if (component.isNumber()) {
            writeBinaryNumber(out, component.asDouble());
        } else {
            out.write(typeMarker(component));
        }
    }

    /**
     * The number's bits made to sort as unsigned integers, written as a first byte of 8 payload
     * bits and then bytes of 7 payload bits each followed by a 1 bit, the last followed by a 0 bit.
     */
    private static void writeBinaryNumber(ByteArrayOutputStream out, double number) {
        out.write(NUMBER);
        long raw = Double.doubleToRawLongBits(number);
        long payload =
                Long.compareUnsigned(raw, Long.MIN_VALUE) < 0 ? raw ^ Long.MIN_VALUE : ~raw + 1;
        out.write((int) (payload >>> 56));
        payload <<= 8;
        // At least one more byte, even when the remaining payload is zero.
        int chunk = (int) (payload >>> 56) | 0x01;
        payload <<= 7;
        while (payload != 0) {
            out.write(chunk);
            chunk = (int) (payload >>> 56) | 0x01;
            payload <<= 7;
        }
        out.write(chunk & 0xFE);
    }

    private static int typeMarker(JsonNode component) {
        if (component.isNull()) {
            return NULL;
        }
        if (component.isBoolean()) {
            return component.asBoolean() ? TRUE : FALSE;
        }
        if ((component.isObject() || component.isArray()) && component.size() == 0) {
            return UNDEFINED;
        }
        throw new IllegalArgumentException(
                "A partition-key component is a string, number, boolean, null or {} (undefined),"
                        + " not "
                        + component);
    }
}
