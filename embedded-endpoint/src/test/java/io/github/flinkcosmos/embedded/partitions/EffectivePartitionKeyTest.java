package io.github.flinkcosmos.embedded.partitions;

import com.azure.cosmos.implementation.routing.PartitionKeyInternal;
import com.azure.cosmos.implementation.routing.PartitionKeyInternalHelper;
import com.azure.cosmos.models.PartitionKeyDefinition;
import com.azure.cosmos.models.PartitionKeyDefinitionVersion;
import com.azure.cosmos.models.PartitionKind;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint's effective partition keys are the SDK's own, for thousands of values of every kind:
 * the SDK routes by its computation and the endpoint checks by its own, so they must agree.
 */
class EffectivePartitionKeyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void hashV1MatchesTheSdk() throws Exception {
        assertMatchesTheSdk(
                PartitioningScheme.HASH_V1, definition(1, PartitionKind.HASH, "/pk"), 1);
    }

    @Test
    void hashV2MatchesTheSdk() throws Exception {
        assertMatchesTheSdk(
                PartitioningScheme.HASH_V2, definition(2, PartitionKind.HASH, "/pk"), 1);
    }

    @Test
    void multiHashMatchesTheSdkForFullAndPrefixKeys() throws Exception {
        PartitionKeyDefinition definition =
                definition(2, PartitionKind.MULTI_HASH, "/a", "/b", "/c");
        assertMatchesTheSdk(PartitioningScheme.MULTI_HASH, definition, 3);
        assertMatchesTheSdk(PartitioningScheme.MULTI_HASH, definition, 2);
        assertMatchesTheSdk(PartitioningScheme.MULTI_HASH, definition, 1);
    }

    @Test
    void longStringsHashDifferentlyInV1AndV2() {
        String prefix = "x".repeat(100);
        ArrayNode a = NODES.arrayNode().add(prefix + "a");
        ArrayNode b = NODES.arrayNode().add(prefix + "b");

        assertThat(EffectivePartitionKey.of(a, PartitioningScheme.HASH_V1))
                .isEqualTo(EffectivePartitionKey.of(b, PartitioningScheme.HASH_V1));
        assertThat(EffectivePartitionKey.of(a, PartitioningScheme.HASH_V2))
                .isNotEqualTo(EffectivePartitionKey.of(b, PartitioningScheme.HASH_V2));
    }

    @Test
    void theEmptyKeyIsTheLowestEffectiveKey() {
        assertThat(EffectivePartitionKey.of(NODES.arrayNode(), PartitioningScheme.HASH_V2))
                .isEqualTo(EffectivePartitionKey.MIN);
    }

    private static void assertMatchesTheSdk(
            PartitioningScheme scheme, PartitionKeyDefinition definition, int levels)
            throws Exception {
        Random random = new Random(42 + levels);
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (int i = 0; i < 3000; i++) {
            ArrayNode value = NODES.arrayNode();
            for (int level = 0; level < levels; level++) {
                value.add(randomComponent(random, i));
            }
            String json = JSON.writeValueAsString(value);
            String sdk =
                    PartitionKeyInternalHelper.getEffectivePartitionKeyString(
                            PartitionKeyInternal.fromJsonString(json), definition);
            String ours = EffectivePartitionKey.of(JSON.readTree(json), scheme);
            compared++;
            if (!sdk.equals(ours)) {
                mismatches.add(json + " sdk=" + sdk + " ours=" + ours);
            }
        }
        assertThat(compared).isEqualTo(3000);
        assertThat(mismatches).as("values whose effective key differs from the SDK's").isEmpty();
    }

    /** Strings of every length (multi-byte ones too, and beyond 100 bytes), numbers, and more. */
    private static com.fasterxml.jackson.databind.JsonNode randomComponent(Random random, int i) {
        switch (i % 10) {
            case 0:
                return NODES.numberNode(random.nextInt());
            case 1:
                return NODES.numberNode(
                        random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
            case 2:
                return NODES.booleanNode(random.nextBoolean());
            case 3:
                return random.nextBoolean() ? NODES.nullNode() : NODES.objectNode();
            case 4:
                return NODES.textNode(randomString(random, 90 + random.nextInt(200), true));
            case 5:
                return NODES.numberNode(-random.nextLong());
            default:
                return NODES.textNode(randomString(random, random.nextInt(40), i % 3 == 0));
        }
    }

    private static String randomString(Random random, int length, boolean wide) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(
                    wide && random.nextInt(4) == 0
                            ? (char) (0xA0 + random.nextInt(0x2000))
                            : (char) ('!' + random.nextInt(90)));
        }
        return text.toString();
    }

    private static PartitionKeyDefinition definition(
            int version, PartitionKind kind, String... paths) {
        PartitionKeyDefinition definition = new PartitionKeyDefinition();
        definition.setPaths(List.of(paths));
        definition.setKind(kind);
        definition.setVersion(
                version == 1 ? PartitionKeyDefinitionVersion.V1 : PartitionKeyDefinitionVersion.V2);
        return definition;
    }
}
