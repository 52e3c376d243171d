package io.github.flinkcosmos.embedded;

import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosContainerProperties;
import com.azure.cosmos.models.PartitionKind;
import io.github.flinkcosmos.embedded.faults.RequestKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Databases, containers and partition-key ranges, driven by the real SDK over HTTPS. */
class ResourcesITCase {

    @RegisterExtension static final SdkEnvironment COSMOS = new SdkEnvironment();

    @Test
    void createsAndReadsADatabaseAndRejectsADuplicate() {
        String name = "it-db-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            assertThat(COSMOS.client().createDatabase(name).block().getStatusCode()).isEqualTo(201);
            assertThat(COSMOS.client().getDatabase(name).read().block().getProperties().getId())
                    .isEqualTo(name);
            assertThatThrownBy(() -> COSMOS.client().createDatabase(name).block())
                    .isInstanceOfSatisfying(
                            CosmosException.class,
                            e -> assertThat(e.getStatusCode()).isEqualTo(409));
        } finally {
            COSMOS.client().getDatabase(name).delete().block();
        }
        assertThatThrownBy(() -> COSMOS.client().getDatabase(name).read().block())
                .isInstanceOfSatisfying(
                        CosmosException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
    }

    @Test
    void returnsAHashPartitionKeyAsCreated() {
        CosmosAsyncContainer container = SdkClients.newContainer(COSMOS.client(), "/pk");
        try {
            CosmosContainerProperties read = container.read().block().getProperties();

            assertThat(read.getPartitionKeyDefinition().getPaths()).containsExactly("/pk");
            assertThat(read.getPartitionKeyDefinition().getKind()).isEqualTo(PartitionKind.HASH);
            assertThat(read.getResourceId()).isNotBlank();
        } finally {
            SdkClients.dropDatabase(container);
        }
    }

    @Test
    void returnsAHierarchicalPartitionKeyAsCreated() {
        CosmosAsyncContainer container =
                SdkClients.newContainer(COSMOS.client(), "/tenant", "/region", "/user");
        try {
            CosmosContainerProperties read = container.read().block().getProperties();

            assertThat(read.getPartitionKeyDefinition().getPaths())
                    .containsExactly("/tenant", "/region", "/user");
            assertThat(read.getPartitionKeyDefinition().getKind())
                    .isEqualTo(PartitionKind.MULTI_HASH);
        } finally {
            SdkClients.dropDatabase(container);
        }
    }

    @Test
    void rejectsADuplicateContainerAndReportsAMissingOne() {
        CosmosAsyncContainer container = SdkClients.newContainer(COSMOS.client(), "/pk");
        try {
            assertThatThrownBy(
                            () ->
                                    container
                                            .getDatabase()
                                            .createContainer(container.getId(), "/pk")
                                            .block())
                    .isInstanceOfSatisfying(
                            CosmosException.class,
                            e -> assertThat(e.getStatusCode()).isEqualTo(409));
            assertThatThrownBy(() -> container.getDatabase().getContainer("missing").read().block())
                    .isInstanceOfSatisfying(
                            CosmosException.class,
                            e -> assertThat(e.getStatusCode()).isEqualTo(404));
        } finally {
            SdkClients.dropDatabase(container);
        }
    }

    @Test
    void servesThePartitionKeyRangeFeedIncrementally() {
        assumeTrue(COSMOS.endpoint().isEmbedded(), "counts requests of the embedded endpoint");
        EmbeddedCosmosEndpoint embedded = COSMOS.endpoint().embedded().get();
        CosmosAsyncContainer container = SdkClients.newContainer(COSMOS.client(), "/pk");
        try {
            // The first document operation makes the SDK read the feed, then check it is current.
            container.createItem(java.util.Map.of("id", "1", "pk", "a")).block();

            assertThat(embedded.stats().requests(RequestKind.PARTITION_KEY_RANGES, 200))
                    .isGreaterThanOrEqualTo(1);
            assertThat(embedded.stats().requests(RequestKind.PARTITION_KEY_RANGES, 304))
                    .as("%s", embedded.stats().snapshot())
                    .isGreaterThanOrEqualTo(1);
        } finally {
            SdkClients.dropDatabase(container);
        }
    }
}
