package io.github.flinkcosmos.connector.cosmos.client;

import com.azure.cosmos.CosmosAsyncClient;
import io.github.flinkcosmos.connector.cosmos.testing.CosmosEnvironment;
import io.github.flinkcosmos.connector.cosmos.testing.CosmosTestContainers;
import io.github.flinkcosmos.embedded.faults.RequestFailure;
import io.github.flinkcosmos.embedded.faults.RequestKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Auto-create when other subtasks get there first. The SDK's "create if not exists" reads, then
 * creates on a 404; a 404 injected into the read stands for "another subtask had not created it
 * yet", so our create meets the real resource and answers 409, as in the race.
 */
class ContainerAutoCreatorITCase {

    @RegisterExtension static final CosmosEnvironment COSMOS = CosmosEnvironment.embeddedOnly();

    private final String database = CosmosTestContainers.uniqueDatabase("autocreate");
    private final List<CosmosAsyncClient> clients = new ArrayList<>();

    @BeforeEach
    void clearFaults() {
        COSMOS.embedded().faults().clear();
    }

    @AfterEach
    void cleanUp() {
        COSMOS.embedded().faults().clear();
        clients.forEach(CosmosAsyncClient::close);
        COSMOS.containers().dropDatabase(database);
    }

    @Test
    void aContainerCreatedBetweenOurReadAndOurCreateIsUsed() {
        COSMOS.containers().create(database, "orders", "/tenant");
        COSMOS.embedded()
                .faults()
                .failRequests(RequestKind.CONTAINER, 1, RequestFailure.status(404));

        long conflictsBefore = COSMOS.embedded().stats().requests(RequestKind.CONTAINER, 409);

        ContainerAutoCreator.ensure(client(), connection("orders"), List.of("/tenant"));

        assertThat(COSMOS.embedded().stats().requests(RequestKind.CONTAINER, 409))
                .as("our create met the existing container")
                .isEqualTo(conflictsBefore + 1);
        assertThat(COSMOS.containers().partitionKeyPaths(database, "orders"))
                .containsExactly("/tenant");
    }

    @Test
    void aDatabaseCreatedBetweenOurReadAndOurCreateIsUsed() {
        COSMOS.containers().create(database, "existing", "/tenant");
        COSMOS.embedded()
                .faults()
                .failRequests(RequestKind.DATABASE, 1, RequestFailure.status(404));

        long conflictsBefore = COSMOS.embedded().stats().requests(RequestKind.DATABASE, 409);

        ContainerAutoCreator.ensure(client(), connection("orders"), List.of("/tenant", "/id"));

        assertThat(COSMOS.embedded().stats().requests(RequestKind.DATABASE, 409))
                .as("our create met the existing database")
                .isEqualTo(conflictsBefore + 1);

        assertThat(COSMOS.containers().partitionKeyPaths(database, "orders"))
                .containsExactly("/tenant", "/id");
    }

    /** The race as it happens; the tests above force it, this one shows the whole start-up. */
    @Test
    void manySubtasksStartingAtOnceAllSucceed() {
        int subtasks = 6;
        CyclicBarrier start = new CyclicBarrier(subtasks);
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (int i = 0; i < subtasks; i++) {
            CosmosAsyncClient client = client();
            starts.add(
                    CompletableFuture.runAsync(
                            () -> {
                                await(start);
                                ContainerAutoCreator.ensure(
                                        client, connection("orders"), List.of("/tenant"));
                            }));
        }

        CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
        assertThat(COSMOS.containers().partitionKeyPaths(database, "orders"))
                .containsExactly("/tenant");
    }

    @Test
    void givesUpWhenTheResourceKeepsConflicting() {
        COSMOS.containers().create(database, "orders", "/tenant");
        // Every attempt: the read says "missing", the create says "exists".
        for (int attempt = 0; attempt < 3; attempt++) {
            COSMOS.embedded()
                    .faults()
                    .failRequests(RequestKind.CONTAINER, 1, RequestFailure.status(404))
                    .failRequests(RequestKind.CONTAINER, 1, RequestFailure.status(409));
        }

        assertThatThrownBy(
                        () ->
                                ContainerAutoCreator.ensure(
                                        client(), connection("orders"), List.of("/tenant")))
                .hasMessage(
                        "Cannot create database or container for '"
                                + database
                                + "/orders' (cosmos.auto-create): status 409, sub-status 0.");
    }

    @Test
    void otherFailuresStillFailWithTheStatus() {
        COSMOS.embedded()
                .faults()
                .failRequests(RequestKind.DATABASE, 1, RequestFailure.status(403, 5301));

        assertThatThrownBy(
                        () ->
                                ContainerAutoCreator.ensure(
                                        client(), connection("orders"), List.of("/tenant")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(
                        "Cannot create database or container for '"
                                + database
                                + "/orders' (cosmos.auto-create): status 403, sub-status 5301.");
    }

    private CosmosConnection connection(String container) {
        return new CosmosConnection(
                COSMOS.endpoint().uri().toString(),
                new AccountKey(COSMOS.endpoint().key()),
                database,
                container,
                ConnectionMode.GATEWAY,
                List.of());
    }

    private CosmosAsyncClient client() {
        CosmosAsyncClient client = CosmosClients.create(connection("orders"));
        clients.add(client);
        return client;
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
