package io.github.flinkcosmos.connector.cosmos.sink;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CosmosSinkBuilderTest {

    private static final String KEY = "c2VjcmV0LWtleS12YWx1ZQ==";

    private static CosmosSinkBuilder<String> complete() {
        return CosmosSink.<String>builder()
                .setEndpoint("https://account.documents.azure.com:443/")
                .setAccountKey(KEY)
                .setDatabase("db")
                .setContainer("c")
                .setPartitionKeyPaths("/pk")
                .setDocumentConverter(s -> CosmosDocument.of(s, List.of(s), "{}".getBytes()));
    }

    @Test
    void buildsWithTheAsyncSinkDefaults() {
        CosmosSink<String> sink = complete().build();

        assertThat(sink).isNotNull();
    }

    @Test
    void namesTheMissingSetterOfEachRequiredConcept() {
        assertThatThrownBy(() -> CosmosSink.<String>builder().build())
                .hasMessage("A CosmosSink needs an endpoint: call setEndpoint");
        assertThatThrownBy(
                        () ->
                                CosmosSink.<String>builder()
                                        .setEndpoint("https://a.documents.azure.com/")
                                        .setAccountKey(KEY)
                                        .setDatabase("db")
                                        .setContainer("c")
                                        .setDocumentConverter(
                                                s -> CosmosDocument.of(s, List.of(), new byte[0]))
                                        .build())
                .hasMessage(
                        "A CosmosSink needs the container's partition-key paths: call"
                                + " setPartitionKeyPaths");
    }

    @Test
    void refusesPartitionKeyPathsTheServiceWouldRefuse() {
        assertThatThrownBy(() -> complete().setPartitionKeyPaths("pk"))
                .hasMessageContaining("starts with '/'")
                .hasMessageContaining("got pk");
        assertThatThrownBy(() -> complete().setPartitionKeyPaths("/a", "/b", "/c", "/d"))
                .hasMessage("A partition key has 1 to 3 paths, but 4 were given");
        assertThatThrownBy(() -> complete().setPartitionKeyPaths(List.of()))
                .hasMessage("A partition key has 1 to 3 paths, but 0 were given");
    }

    @Test
    void refusesARetryBackoffOutsideTheSpecsRanges() {
        Duration second = Duration.ofSeconds(1);
        assertThatThrownBy(() -> complete().setRetryBackoff(0, second, second, 1.0))
                .hasMessage(
                        "The maximum number of retries (cosmos.retry.max-attempts) must be at least 1, got 0");
        assertThatThrownBy(() -> complete().setRetryBackoff(1, second, Duration.ZERO, 1.0))
                .hasMessageContaining("must not be less than the initial delay PT1S, got PT0S");
        assertThatThrownBy(() -> complete().setRetryBackoff(1, second, second, 0.5))
                .hasMessageEndingWith("must be a finite number of at least 1.0, got 0.5");
        assertThatThrownBy(() -> complete().setRetryBackoff(1, second, second, Double.NaN))
                .hasMessageEndingWith("must be a finite number of at least 1.0, got NaN");
    }

    @Test
    void refusesAMicroBatchConcurrencyOutsideOneToFive() {
        assertThatThrownBy(() -> complete().setMaxMicroBatchConcurrency(6))
                .hasMessage("maxMicroBatchConcurrency must be from 1 to 5, got 6");
    }

    @Test
    void refusesASoftDeleteMarkerThatIsNoTopLevelFieldAndATtlBelowOne() {
        assertThatThrownBy(() -> complete().setSoftDelete("a/b", 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("markerField must be a top-level field name, got 'a/b'");
        assertThatThrownBy(() -> complete().setSoftDelete("ttl", 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be 'id' or 'ttl'");
        assertThatThrownBy(() -> complete().setSoftDelete("deleted", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ttlSeconds must be at least 1, got 0");
    }

    @Test
    void refusesSoftDeletesWithAWriteModeThatWouldLeaveTheMarkOnARevivedDocument() {
        for (WriteMode mode : List.of(WriteMode.CREATE, WriteMode.PATCH)) {
            assertThatThrownBy(
                            () ->
                                    complete()
                                            .setDeleteMode(DeleteMode.SOFT_DELETE)
                                            .setWriteMode(mode)
                                            .build())
                    .as(mode.name())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Delete mode SOFT_DELETE")
                    .hasMessageContaining("needs write mode UPSERT")
                    .hasMessageContaining("but it is " + mode);
        }
        complete().setDeleteMode(DeleteMode.SOFT_DELETE).build();
        complete().setDeleteMode(DeleteMode.DELETE).setWriteMode(WriteMode.PATCH).build();
    }

    @Test
    void refusesABlankAccountKey() {
        assertThatThrownBy(() -> complete().setAccountKey(" "))
                .hasMessage("accountKey must not be blank");
    }

    @Test
    void refusesAPartitionKeyValueCosmosDbCannotHold() {
        assertThatThrownBy(() -> CosmosDocument.of("d1", List.of(List.of()), new byte[0]))
                .hasMessageContaining("document 'd1'")
                .hasMessageContaining("java.util");
        assertThat(CosmosDocument.of("d1", List.of(3, true, "x"), new byte[0]).partitionKey())
                .containsExactly(3.0, true, "x");
    }

    @Test
    void checksTheThroughputSettingsByTheRulesOfTheirOptions() {
        assertThatThrownBy(() -> complete().setThroughputControlThreshold(0))
                .hasMessage("threshold must be above 0 and at most 1, got 0.0");
        assertThatThrownBy(() -> complete().setThroughputControlThreshold(1.5))
                .hasMessage("threshold must be above 0 and at most 1, got 1.5");
        assertThatThrownBy(() -> complete().setThroughputControlTarget(0))
                .hasMessage("requestUnitsPerSecond must be at least 1, got 0");
        assertThatThrownBy(() -> complete().setAutoCreateThroughput(399))
                .hasMessage("Manual throughput is at least 400 RU/s, got 399");
        assertThatThrownBy(() -> complete().setAutoCreateAutoscaleMaxThroughput(999))
                .hasMessage("An autoscale maximum is at least 1000 RU/s, got 999");
        assertThatThrownBy(() -> complete().setThrottlingRetry(-1, java.time.Duration.ofSeconds(1)))
                .hasMessage("maxAttempts must not be negative, got -1");
        complete()
                .setThroughputControlTarget(1000)
                .setThroughputControlThreshold(0.5)
                .setRequestPriority(
                        io.github.flinkcosmos.connector.cosmos.client.RequestPriority.LOW)
                .setAutoCreateThroughput(400)
                .setAutoCreateAutoscaleMaxThroughput(1000)
                .setThrottlingRetry(0, java.time.Duration.ofMinutes(10))
                .build();
    }
}
