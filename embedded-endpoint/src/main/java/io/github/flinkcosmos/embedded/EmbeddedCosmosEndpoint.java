package io.github.flinkcosmos.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinkcosmos.embedded.auth.RequestAuthorizer;
import io.github.flinkcosmos.embedded.faults.FaultInjector;
import io.github.flinkcosmos.embedded.observability.EndpointStats;
import io.github.flinkcosmos.embedded.protocol.Router;
import io.github.flinkcosmos.embedded.server.GatewayServer;
import io.github.flinkcosmos.embedded.server.SelfSignedTls;
import io.github.flinkcosmos.embedded.store.AccountStore;
import io.github.flinkcosmos.embedded.store.ContainerResource;
import io.github.flinkcosmos.embedded.store.Json;
import io.github.flinkcosmos.embedded.store.PartitionKeyDefinition;
import io.github.flinkcosmos.embedded.store.StoredDocument;
import io.github.flinkcosmos.embedded.throughput.ThroughputModel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A Cosmos DB gateway endpoint (API for NoSQL) in this JVM, enough for azure-cosmos in gateway
 * mode: databases, containers with hash or hierarchical partition keys split into partition-key
 * ranges as the service splits them, point and bulk document operations, and simple queries. Tests
 * program faults into it, give containers a request-unit budget, and read back counters and stored
 * documents.
 *
 * <pre>{@code
 * try (EmbeddedCosmosEndpoint endpoint = EmbeddedCosmosEndpoint.start()) {
 *     CosmosAsyncClient client = new CosmosClientBuilder()
 *             .endpoint(endpoint.uri().toString())
 *             .key(endpoint.key())
 *             .gatewayMode()
 *             .buildAsyncClient();
 *     …
 * }
 * }</pre>
 */
public final class EmbeddedCosmosEndpoint implements AutoCloseable {

    /**
     * The Cosmos DB emulator's published, well-known key, the account key of an embedded endpoint
     * unless its builder is given another: each request's signature is checked against it, as the
     * service does.
     */
    public static final String KEY =
            "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    private final GatewayServer server;
    private final URI uri;
    private final AccountStore store;
    private final FaultInjector faults;
    private final ThroughputModel throughput;
    private final EndpointStats stats;
    private final PartitionControl partitions;
    private final RequestAuthorizer authorizer;
    private final String key;

    private EmbeddedCosmosEndpoint(
            GatewayServer server,
            String key,
            URI uri,
            AccountStore store,
            FaultInjector faults,
            ThroughputModel throughput,
            EndpointStats stats,
            RequestAuthorizer authorizer) {
        this.server = server;
        this.key = key;
        this.authorizer = authorizer;
        this.uri = uri;
        this.store = store;
        this.faults = faults;
        this.throughput = throughput;
        this.stats = stats;
        this.partitions = new PartitionControl(store);
    }

    /** Starts an HTTPS endpoint on a free port. */
    public static EmbeddedCosmosEndpoint start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The account endpoint to give the SDK, for example {@code https://localhost:41234/}. */
    public URI uri() {
        return uri;
    }

    /** The account key every request's signature is checked against: {@link #KEY} unless set. */
    public String key() {
        return key;
    }

    /**
     * Makes the endpoint unreachable, as a service that is down or a network that is cut: the
     * listening sockets close, so new connections are refused, and open connections are dropped.
     * Stored documents, faults and counters stay. {@link #startListening()} ends it.
     */
    public void stopListening() {
        server.stopListening();
    }

    /** Listens again on the same port after {@link #stopListening()}; does nothing otherwise. */
    public void startListening() {
        server.startListening();
    }

    public FaultInjector faults() {
        return faults;
    }

    public ThroughputModel throughput() {
        return throughput;
    }

    public EndpointStats stats() {
        return stats;
    }

    /** The containers' partition-key ranges: how many a new container gets, splits, counters. */
    public PartitionControl partitions() {
        return partitions;
    }

    /**
     * How requests are authorized: the master key always; Entra ID tokens from the issuers trusted
     * here, with role assignments when enforced.
     */
    public RequestAuthorizer authorization() {
        return authorizer;
    }

    /**
     * The stored documents of a container, with system properties, sorted by key; empty if none.
     */
    public List<JsonNode> documents(String database, String container) {
        Optional<ContainerResource> found = store.container(database, container);
        List<JsonNode> documents = new ArrayList<>();
        if (found.isPresent()) {
            for (StoredDocument document : found.get().documents(Optional.empty())) {
                try {
                    documents.add(Json.parse(document.json()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return documents;
    }

    /**
     * Creates a container with a hash partition key on this path, and its database when missing, as
     * a test's set-up; an existing container is kept as it is.
     */
    public void createContainer(String database, String container, String partitionKeyPath) {
        createContainer(database, container, partitionKeyPath, store.rangesForNewContainers());
    }

    /** As {@link #createContainer(String, String, String)}, with this many partition-key ranges. */
    public void createContainer(
            String database, String container, String partitionKeyPath, int ranges) {
        store.create(database);
        store.database(database)
                .orElseThrow()
                .create(container, PartitionKeyDefinition.hash(partitionKeyPath), ranges);
    }

    @Override
    public void close() {
        server.close();
    }

    /** How to start an endpoint. */
    public static final class Builder {

        private int port;
        private boolean tls = true;
        private String key = KEY;

        private Builder() {}

        /** The port to listen on; 0, the default, picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The account key, Base64 as the service gives it; {@link #KEY} by default. */
        public Builder key(String key) {
            Base64.getDecoder().decode(key); // refuses a key the SDK could not sign with
            this.key = key;
            return this;
        }

        /** Plain HTTP instead of HTTPS with a self-signed certificate. */
        public Builder plainHttp() {
            this.tls = false;
            return this;
        }

        /**
         * Starts the endpoint and sets the SDK's switches for local endpoints, JVM-wide system
         * properties that the SDK reads once, when its first client is built (so start an endpoint
         * before building a client):
         *
         * <ul>
         *   <li>HTTP without TLS is allowed, always: it only lets a client use an {@code http://}
         *       endpoint it is explicitly given, and a plain-HTTP endpoint started later in the
         *       same JVM would otherwise be refused.
         *   <li>Certificate validation is turned off when this endpoint speaks HTTPS, as for the
         *       Cosmos DB emulator. That applies to every Cosmos DB client of the JVM, so a JVM
         *       that talks to a real account must not start an HTTPS embedded endpoint.
         * </ul>
         */
        public EmbeddedCosmosEndpoint start() {
            System.setProperty("COSMOS.HTTP_CONNECTION_WITHOUT_TLS_ALLOWED", "true");
            if (tls) {
                System.setProperty(
                        "COSMOS.EMULATOR_SERVER_CERTIFICATE_VALIDATION_DISABLED", "true");
            }
            AccountStore store = new AccountStore();
            FaultInjector faults = new FaultInjector();
            ThroughputModel throughput = new ThroughputModel();
            EndpointStats stats = new EndpointStats();
            // The router needs the address it is reachable at, known only once bound.
            AtomicReference<URI> address = new AtomicReference<>();
            Router router = new Router(store, address::get, faults, throughput, stats);
            RequestAuthorizer authorizer = new RequestAuthorizer(key, address::get);
            GatewayServer server =
                    GatewayServer.start(
                            port,
                            tls ? Optional.of(SelfSignedTls.create()) : Optional.empty(),
                            router,
                            faults,
                            stats,
                            authorizer);
            URI uri = URI.create((tls ? "https" : "http") + "://localhost:" + server.port() + "/");
            address.set(uri);
            return new EmbeddedCosmosEndpoint(
                    server, key, uri, store, faults, throughput, stats, authorizer);
        }
    }
}
