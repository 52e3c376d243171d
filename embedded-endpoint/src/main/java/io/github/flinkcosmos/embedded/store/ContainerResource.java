package io.github.flinkcosmos.embedded.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A container: its partition-key definition and its documents, safe for concurrent requests. */
public final class ContainerResource {

    private final String id;
    private final byte[] rid;
    private final DatabaseResource database;
    private final PartitionKeyDefinition partitionKey;
    private final ResourceIds ids;
    private final String etag = UUID.randomUUID().toString();
    private final long createdAt = Instant.now().getEpochSecond();
    private final ConcurrentMap<DocumentKey, StoredDocument> documents = new ConcurrentHashMap<>();

    ContainerResource(
            String id,
            byte[] rid,
            DatabaseResource database,
            PartitionKeyDefinition partitionKey,
            ResourceIds ids) {
        this.id = id;
        this.rid = rid;
        this.database = database;
        this.partitionKey = partitionKey;
        this.ids = ids;
    }

    public String id() {
        return id;
    }

    public String rid() {
        return ResourceIds.encode(rid);
    }

    public DatabaseResource database() {
        return database;
    }

    public PartitionKeyDefinition partitionKey() {
        return partitionKey;
    }

    public String selfLink() {
        return database.selfLink() + "colls/" + rid() + "/";
    }

    /** The container as the SDK reads it. */
    public ObjectNode toJson() {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", id);
        node.set("partitionKey", partitionKey.toJson());
        ObjectNode indexing = node.putObject("indexingPolicy");
        indexing.put("automatic", true);
        indexing.put("indexingMode", "consistent");
        indexing.putArray("includedPaths").addObject().put("path", "/*");
        indexing.putArray("excludedPaths");
        node.putObject("uniqueKeyPolicy");
        node.putObject("geospatialConfig");
        node.put("_rid", rid());
        node.put("_self", selfLink());
        node.put("_etag", etag);
        node.put("_ts", createdAt);
        return node;
    }

    public String etag() {
        return etag;
    }

    /** The only partition-key range; one range covers every key. */
    public ObjectNode partitionKeyRangeJson() {
        ObjectNode range = Json.MAPPER.createObjectNode();
        range.put("id", "0");
        range.put("minInclusive", "");
        range.put("maxExclusive", "FF");
        range.put("ridPrefix", 0);
        range.put("throughputFraction", 1);
        range.put("status", "online");
        range.putArray("parents");
        range.put("_rid", ResourceIds.encode(ResourceIds.partitionKeyRange(rid)));
        range.put("_self", selfLink() + "pkranges/0/");
        range.put("_etag", etag);
        range.put("_ts", createdAt);
        return range;
    }

    /** The partition-key value of a document body, in the store's compact form. */
    public String partitionKeyOf(JsonNode body) {
        return Json.compact(partitionKey.valueOf(body));
    }

    /**
     * Stores the document, replacing any with the same key; returns what is now stored.
     *
     * @param bodyJson the document as a serialized JSON object without system properties
     */
    public StoredDocument put(DocumentKey key, byte[] bodyJson) {
        String documentEtag = UUID.randomUUID().toString();
        String documentRid = ResourceIds.encode(ids.nextDocument(rid));
        String systemProperties =
                "\"_rid\":\""
                        + documentRid
                        + "\",\"_self\":\""
                        + selfLink()
                        + "docs/"
                        + documentRid
                        + "/\",\"_etag\":\""
                        + documentEtag
                        + "\",\"_ts\":"
                        + Instant.now().getEpochSecond()
                        + "}";
        StoredDocument stored =
                new StoredDocument(
                        key, withSystemProperties(bodyJson, systemProperties), documentEtag);
        documents.put(key, stored);
        return stored;
    }

    /**
     * Appends the system properties to the serialized object by replacing its closing brace, so
     * that a written document is serialized once, not twice.
     */
    private static byte[] withSystemProperties(byte[] bodyJson, String systemProperties) {
        byte[] tail = systemProperties.getBytes(StandardCharsets.UTF_8);
        int end = bodyJson.length - 1; // the closing brace
        boolean empty = end == 1;
        byte[] json = new byte[end + (empty ? 0 : 1) + tail.length];
        System.arraycopy(bodyJson, 0, json, 0, end);
        int offset = end;
        if (!empty) {
            json[offset++] = ',';
        }
        System.arraycopy(tail, 0, json, offset, tail.length);
        return json;
    }

    /** Stores the document only if no document has its key; empty when one already does. */
    public Optional<StoredDocument> putIfAbsent(DocumentKey key, byte[] bodyJson) {
        synchronized (documents) {
            if (documents.containsKey(key)) {
                return Optional.empty();
            }
            return Optional.of(put(key, bodyJson));
        }
    }

    public Optional<StoredDocument> get(DocumentKey key) {
        return Optional.ofNullable(documents.get(key));
    }

    public boolean contains(DocumentKey key) {
        return documents.containsKey(key);
    }

    public Optional<StoredDocument> remove(DocumentKey key) {
        return Optional.ofNullable(documents.remove(key));
    }

    /** Every document, or those of one partition-key value, ordered by partition key and id. */
    public List<StoredDocument> documents(Optional<String> partitionKeyValue) {
        Collection<StoredDocument> all = documents.values();
        List<StoredDocument> selected = new ArrayList<>(all.size());
        for (StoredDocument document : all) {
            if (partitionKeyValue.isEmpty()
                    || partitionKeyValue.get().equals(document.key().partitionKey())) {
                selected.add(document);
            }
        }
        selected.sort(
                (a, b) -> {
                    int byKey = a.key().partitionKey().compareTo(b.key().partitionKey());
                    return byKey != 0 ? byKey : a.key().id().compareTo(b.key().id());
                });
        return selected;
    }

    public int size() {
        return documents.size();
    }
}
