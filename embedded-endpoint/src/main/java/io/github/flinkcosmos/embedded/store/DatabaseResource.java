package io.github.flinkcosmos.embedded.store;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A database and its containers, found by id or by resource id. */
public final class DatabaseResource {

    private final String id;
    private final byte[] rid;
    private final ResourceIds ids;
    private final String etag = Etags.next();
    private final long createdAt = Instant.now().getEpochSecond();
    private final ConcurrentMap<String, ContainerResource> containers = new ConcurrentHashMap<>();

    DatabaseResource(String id, byte[] rid, ResourceIds ids) {
        this.id = id;
        this.rid = rid;
        this.ids = ids;
    }

    public String id() {
        return id;
    }

    public String rid() {
        return ResourceIds.encode(rid);
    }

    public String selfLink() {
        return "dbs/" + rid() + "/";
    }

    public ObjectNode toJson() {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", id);
        node.put("_rid", rid());
        node.put("_self", selfLink());
        node.put("_etag", etag);
        node.put("_colls", "colls/");
        node.put("_users", "users/");
        node.put("_ts", createdAt);
        return node;
    }

    /** Creates the container with one partition-key range; empty when one with this id exists. */
    public Optional<ContainerResource> create(
            String containerId, PartitionKeyDefinition partitionKey) {
        return create(containerId, partitionKey, 1);
    }

    /**
     * Creates the container with {@code ranges} partition-key ranges of equal width; empty when one
     * with this id exists.
     */
    public synchronized Optional<ContainerResource> create(
            String containerId, PartitionKeyDefinition partitionKey, int ranges) {
        if (containers.containsKey(containerId)) {
            return Optional.empty();
        }
        ContainerResource container =
                new ContainerResource(
                        containerId, ids.nextCollection(rid), this, partitionKey, ranges, ids);
        containers.put(containerId, container);
        return Optional.of(container);
    }

    /** The container with this id or resource id. */
    public Optional<ContainerResource> container(String idOrRid) {
        ContainerResource byId = containers.get(idOrRid);
        if (byId != null) {
            return Optional.of(byId);
        }
        return containers.values().stream()
                .filter(container -> container.rid().equals(idOrRid))
                .findFirst();
    }

    /** Every container of the database, in no particular order. */
    public List<ContainerResource> containers() {
        return List.copyOf(containers.values());
    }

    public boolean delete(String containerIdOrRid) {
        return container(containerIdOrRid)
                .map(container -> containers.remove(container.id()) != null)
                .orElse(false);
    }
}
