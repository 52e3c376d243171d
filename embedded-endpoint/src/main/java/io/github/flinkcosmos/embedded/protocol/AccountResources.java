package io.github.flinkcosmos.embedded.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinkcosmos.embedded.partitions.PartitionKeyRange;
import io.github.flinkcosmos.embedded.partitions.PartitionLayout;
import io.github.flinkcosmos.embedded.store.AccountStore;
import io.github.flinkcosmos.embedded.store.ContainerResource;
import io.github.flinkcosmos.embedded.store.DatabaseResource;
import io.github.flinkcosmos.embedded.store.Json;
import io.github.flinkcosmos.embedded.store.PartitionKeyDefinition;
import io.github.flinkcosmos.embedded.throughput.ThroughputModel;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The account, database, container and partition-key-range requests. */
final class AccountResources {

    private final AccountStore store;
    private final Supplier<URI> endpoint;
    private final ThroughputModel throughput;

    AccountResources(AccountStore store, Supplier<URI> endpoint, ThroughputModel throughput) {
        this.store = store;
        this.endpoint = endpoint;
        this.throughput = throughput;
    }

    /** {@code GET /}: the account, with the endpoint itself as its only region. */
    GatewayResponse account() {
        ObjectNode account = Json.MAPPER.createObjectNode();
        account.put("_rid", endpoint.get().getHost());
        account.put("_self", "");
        account.put("id", endpoint.get().getHost());
        account.put("_dbs", "//dbs/");
        account.put("media", "//media/");
        account.put("addresses", "//addresses/");
        ObjectNode location =
                Json.MAPPER
                        .createObjectNode()
                        .put("name", "Embedded")
                        .put("databaseAccountEndpoint", endpoint.get().toString());
        account.putArray("writableLocations").add(location);
        account.putArray("readableLocations").add(location.deepCopy());
        account.put("enableMultipleWriteLocations", false);
        account.putObject("userReplicationPolicy")
                .put("asyncReplication", false)
                .put("minReplicaSetSize", 1)
                .put("maxReplicasetSize", 4);
        account.putObject("userConsistencyPolicy").put("defaultConsistencyLevel", "Session");
        account.putObject("systemReplicationPolicy")
                .put("minReplicaSetSize", 1)
                .put("maxReplicasetSize", 4);
        account.putObject("readPolicy")
                .put("primaryReadCoefficient", 1)
                .put("secondaryReadCoefficient", 1);
        // The SDK parses this string as JSON of its own.
        account.put(
                "queryEngineConfiguration",
                "{\"maxSqlQueryInputLength\":262144,\"maxJoinsPerSqlQuery\":5,"
                        + "\"maxLogicalAndPerSqlQuery\":500,\"maxLogicalOrPerSqlQuery\":500,"
                        + "\"maxUdfRefPerSqlQuery\":10,\"maxInExpressionItemsCount\":16000,"
                        + "\"queryMaxInMemorySortDocumentCount\":500,"
                        + "\"maxQueryRequestTimeoutFraction\":0.9,"
                        + "\"sqlAllowNonFiniteNumbers\":false,\"sqlAllowAggregateFunctions\":true,"
                        + "\"sqlAllowSubQuery\":true,\"sqlAllowScalarSubQuery\":true,"
                        + "\"allowNewKeywords\":true,\"sqlAllowLike\":false,"
                        + "\"maxSpatialQueryCells\":12,\"spatialMaxGeometryPointCount\":256,"
                        + "\"sqlAllowTop\":true,\"enableSpatialIndexing\":true}");
        return GatewayResponse.json(200, account);
    }

    /** {@code POST /dbs}. */
    GatewayResponse createDatabase(GatewayRequest request) throws IOException {
        String id = Json.parse(request.body()).path("id").asText("");
        if (id.isEmpty()) {
            return GatewayResponse.error(400, 0, "The database has no 'id'.");
        }
        return store.create(id)
                .map(database -> created(database.toJson(), database.toJson().get("_etag")))
                .orElseGet(
                        () ->
                                GatewayResponse.error(
                                        409, 0, "Database '" + id + "' already exists."));
    }

    /** {@code GET /dbs/{db}}. */
    GatewayResponse readDatabase(String database) {
        return store.database(database)
                .map(found -> GatewayResponse.json(200, found.toJson()))
                .orElseGet(() -> missingDatabase(database));
    }

    /** {@code DELETE /dbs/{db}}. */
    GatewayResponse deleteDatabase(String database) {
        return store.delete(database) ? GatewayResponse.empty(204) : missingDatabase(database);
    }

    /**
     * {@code POST /dbs/{db}/colls}: one path is a hash key, two or three a MultiHash key. Manual
     * throughput ({@code x-ms-offer-throughput}, at least 400 RU/s) or autoscale ({@code
     * x-ms-cosmos-offer-autopilot-settings} with a {@code maxThroughput} of at least 1,000) gives
     * the new container a budget and an offer; without either it has unlimited throughput, unlike
     * the service (which gives 400 RU/s), so that tests that do not care never see 429s.
     */
    GatewayResponse createContainer(GatewayRequest request, String databaseId) throws IOException {
        Optional<DatabaseResource> database = store.database(databaseId);
        if (database.isEmpty()) {
            return missingDatabase(databaseId);
        }
        JsonNode body = Json.parse(request.body());
        String id = body.path("id").asText("");
        JsonNode partitionKey = body.path("partitionKey");
        if (id.isEmpty() || partitionKey.path("paths").size() == 0) {
            return GatewayResponse.error(
                    400, 0, "A container needs an 'id' and a partition key with paths.");
        }
        if (partitionKey.path("paths").size() > 3) {
            return GatewayResponse.error(
                    400,
                    0,
                    "A partition key has at most 3 paths, got " + partitionKey.get("paths"));
        }
        JsonNode defaultTtl = body.path("defaultTtl");
        if (!defaultTtl.isMissingNode()
                && !defaultTtl.isNull()
                && (!defaultTtl.isInt() || defaultTtl.asInt() == 0 || defaultTtl.asInt() < -1)) {
            return GatewayResponse.error(
                    400, 0, "defaultTtl is -1 or a positive number of seconds, got " + defaultTtl);
        }
        Optional<Provisioned> provisioned;
        try {
            provisioned = provisioned(request);
        } catch (IllegalArgumentException e) {
            return GatewayResponse.error(400, 0, e.getMessage());
        }
        return database.get()
                .create(
                        id,
                        PartitionKeyDefinition.fromJson(partitionKey),
                        store.rangesForNewContainers())
                .map(
                        container -> {
                            container.defaultTimeToLive(
                                    defaultTtl.isInt()
                                            ? Optional.of(defaultTtl.asInt())
                                            : Optional.empty());
                            provisioned.ifPresent(
                                    offer -> {
                                        if (offer.autoscale()) {
                                            throughput.provisionAutoscale(
                                                    databaseId, id, offer.requestUnits());
                                        } else {
                                            throughput.provision(
                                                    databaseId, id, offer.requestUnits());
                                        }
                                    });
                            return created(container.toJson(), container.toJson().get("_etag"));
                        })
                .orElseGet(
                        () ->
                                GatewayResponse.error(
                                        409, 0, "Container '" + id + "' already exists."));
    }

    /** Throughput a create asks for: manual RU/s or an autoscale maximum. */
    private record Provisioned(boolean autoscale, int requestUnits) {}

    private static Optional<Provisioned> provisioned(GatewayRequest request) throws IOException {
        Optional<String> manual = request.header("x-ms-offer-throughput");
        Optional<String> autoscale = request.header("x-ms-cosmos-offer-autopilot-settings");
        if (manual.isPresent() && autoscale.isPresent()) {
            throw new IllegalArgumentException(
                    "A container has manual or autoscale throughput, not both.");
        }
        if (manual.isPresent()) {
            int requestUnits = parseThroughput(manual.get());
            if (requestUnits < 400) {
                throw new IllegalArgumentException(
                        "The offer throughput is at least 400 RU/s, got " + requestUnits + ".");
            }
            return Optional.of(new Provisioned(false, requestUnits));
        }
        if (autoscale.isPresent()) {
            int maximum =
                    Json.parse(autoscale.get().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                            .path("maxThroughput")
                            .asInt(0);
            if (maximum < 1000) {
                throw new IllegalArgumentException(
                        "An autoscale maxThroughput is at least 1000 RU/s, got "
                                + autoscale.get()
                                + ".");
            }
            return Optional.of(new Provisioned(true, maximum));
        }
        return Optional.empty();
    }

    private static int parseThroughput(String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("x-ms-offer-throughput is not a number: " + value);
        }
    }

    /** {@code GET /dbs/{db}/colls/{c}}. */
    GatewayResponse readContainer(String database, String container) {
        return store.container(database, container)
                .map(
                        found ->
                                GatewayResponse.json(200, found.toJson())
                                        .withHeader("etag", found.etag()))
                .orElseGet(() -> missingContainer(database, container));
    }

    /** {@code DELETE /dbs/{db}/colls/{c}}. */
    GatewayResponse deleteContainer(String database, String container) {
        Optional<ContainerResource> found = store.container(database, container);
        boolean deleted =
                found.isPresent()
                        && store.database(database).map(db -> db.delete(container)).orElse(false);
        if (deleted) {
            throughput.unlimited(found.get().database().id(), found.get().id());
        }
        return deleted ? GatewayResponse.empty(204) : missingContainer(database, container);
    }

    /**
     * {@code GET …/pkranges}: the live ranges, each with the ranges it was split from in {@code
     * parents}. The etag changes with every split; a request that already has the current one gets
     * 304. Any other request gets every live range, which the SDK merges into its routing map
     * whether it asked for the whole feed or for the changes since its etag.
     */
    GatewayResponse partitionKeyRanges(GatewayRequest request, String database, String container) {
        Optional<ContainerResource> found = store.container(database, container);
        if (found.isEmpty()) {
            return missingContainer(database, container);
        }
        PartitionLayout partitions = found.get().partitions();
        String etag = partitions.version();
        List<PartitionKeyRange> ranges = partitions.ranges();
        if (request.header("if-none-match").map(etag::equals).orElse(false)) {
            return GatewayResponse.empty(304).withHeader("etag", etag);
        }
        ObjectNode feed = Json.MAPPER.createObjectNode();
        feed.put("_rid", found.get().rid());
        ArrayNode nodes = feed.putArray("PartitionKeyRanges");
        ranges.forEach(range -> nodes.add(found.get().partitionKeyRangeJson(range)));
        feed.put("_count", ranges.size());
        return GatewayResponse.json(200, feed)
                .withHeader("etag", etag)
                .withHeader("x-ms-item-count", Integer.toString(ranges.size()));
    }

    private static GatewayResponse created(ObjectNode body, JsonNode etag) {
        return GatewayResponse.json(201, body).withHeader("etag", etag.asText());
    }

    static GatewayResponse missingDatabase(String database) {
        return GatewayResponse.error(404, 0, "Database '" + database + "' does not exist.");
    }

    static GatewayResponse missingContainer(String database, String container) {
        return GatewayResponse.error(
                404,
                0,
                "Container '" + container + "' does not exist in database '" + database + "'.");
    }
}
