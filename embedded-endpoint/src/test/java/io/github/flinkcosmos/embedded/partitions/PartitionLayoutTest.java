package io.github.flinkcosmos.embedded.partitions;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartitionLayoutTest {

    @Test
    void cutsTheHashV2KeySpaceIntoEqualRanges() {
        PartitionLayout layout = PartitionLayout.even(PartitioningScheme.HASH_V2, 4);

        assertThat(layout.ranges())
                .extracting(PartitionKeyRange::minInclusive)
                .containsExactly(
                        "",
                        "10000000000000000000000000000000",
                        "20000000000000000000000000000000",
                        "30000000000000000000000000000000");
        assertThat(layout.ranges().get(3).maxExclusive()).isEqualTo("FF");
        assertThat(layout.version()).isEqualTo("1");
    }

    @Test
    void oneRangeIsTheWholeKeySpaceAsBefore() {
        PartitionLayout layout = PartitionLayout.even(PartitioningScheme.HASH_V1, 1);

        assertThat(layout.ranges())
                .containsExactly(new PartitionKeyRange("0", "", "FF", List.of()));
    }

    @Test
    void spreadsKeysEvenlyOverTheRangesOfEveryScheme() {
        for (PartitioningScheme scheme : PartitioningScheme.values()) {
            PartitionLayout layout = PartitionLayout.even(scheme, 4);
            Map<String, Integer> perRange = new TreeMap<>();
            for (int i = 0; i < 4_000; i++) {
                String key =
                        EffectivePartitionKey.of(
                                JsonNodeFactory.instance.arrayNode().add("key-" + i), scheme);
                perRange.merge(layout.rangeOf(key).id(), 1, Integer::sum);
            }
            assertThat(perRange).as(scheme.name()).containsOnlyKeys("0", "1", "2", "3");
            assertThat(perRange.values())
                    .as(scheme.name())
                    .allSatisfy(n -> assertThat(n).isBetween(800, 1200));
        }
    }

    @Test
    void splitsARangeAtItsMidpointIntoChildrenWithTheNextIdsAndTheirLineage() {
        PartitionLayout layout = PartitionLayout.even(PartitioningScheme.HASH_V2, 2);

        List<PartitionKeyRange> children = layout.split("1");
        List<PartitionKeyRange> grandchildren = layout.split("3");

        assertThat(children)
                .containsExactly(
                        new PartitionKeyRange(
                                "2",
                                "20000000000000000000000000000000",
                                "30000000000000000000000000000000",
                                List.of("1")),
                        new PartitionKeyRange(
                                "3", "30000000000000000000000000000000", "FF", List.of("1")));
        assertThat(grandchildren.get(0).parents()).containsExactly("1", "3");
        assertThat(layout.ranges())
                .extracting(PartitionKeyRange::id)
                .containsExactly("0", "2", "4", "5");
        assertThat(layout.isGone("1")).isTrue();
        assertThat(layout.live("1")).isEmpty();
        assertThat(layout.version()).isEqualTo("3");
        assertThat(layout.rangeOf("38000000000000000000000000000000").id()).isEqualTo("5");
        assertThatThrownBy(() -> layout.split("1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'1'")
                .hasMessageContaining("[0, 2, 4, 5]");
    }

    @Test
    void splitsHashV1RangesOnTheHashNumberLine() {
        PartitionLayout layout = PartitionLayout.even(PartitioningScheme.HASH_V1, 1);

        List<PartitionKeyRange> children = layout.split("0");

        assertThat(children.get(0).maxExclusive())
                .isEqualTo(EffectivePartitionKey.encodedNumber(Math.pow(2, 31)));
        assertThat(children.get(1).maxExclusive()).isEqualTo("FF");
    }
}
