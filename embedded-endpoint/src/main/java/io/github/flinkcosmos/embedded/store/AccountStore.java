package io.github.flinkcosmos.embedded.store;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Everything the endpoint stores: databases, their containers, and their documents. */
public final class AccountStore {

    private final ResourceIds ids = new ResourceIds();
    private final ConcurrentMap<String, DatabaseResource> databases = new ConcurrentHashMap<>();
    private volatile int rangesForNewContainers = 1;

    /** How many partition-key ranges a container created by a client gets; 1 unless a test says. */
    public int rangesForNewContainers() {
        return rangesForNewContainers;
    }

    public void rangesForNewContainers(int ranges) {
        if (ranges < 1) {
            throw new IllegalArgumentException("A container has at least 1 range, got " + ranges);
        }
        this.rangesForNewContainers = ranges;
    }

    /** Creates the database; empty when one with this id exists. */
    public synchronized Optional<DatabaseResource> create(String databaseId) {
        if (databases.containsKey(databaseId)) {
            return Optional.empty();
        }
        DatabaseResource database = new DatabaseResource(databaseId, ids.nextDatabase(), ids);
        databases.put(databaseId, database);
        return Optional.of(database);
    }

    /** The database with this id or resource id. */
    public Optional<DatabaseResource> database(String idOrRid) {
        DatabaseResource byId = databases.get(idOrRid);
        if (byId != null) {
            return Optional.of(byId);
        }
        return databases.values().stream()
                .filter(database -> database.rid().equals(idOrRid))
                .findFirst();
    }

    public Optional<ContainerResource> container(String databaseIdOrRid, String containerIdOrRid) {
        return database(databaseIdOrRid).flatMap(database -> database.container(containerIdOrRid));
    }

    /** Every container of every database, in no particular order. */
    public List<ContainerResource> containers() {
        return databases.values().stream()
                .flatMap(database -> database.containers().stream())
                .toList();
    }

    public boolean delete(String databaseIdOrRid) {
        return database(databaseIdOrRid)
                .map(database -> databases.remove(database.id()) != null)
                .orElse(false);
    }
}
