package io.github.flinkcosmos.embedded.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinkcosmos.embedded.partitions.EffectivePartitionKey;
import io.github.flinkcosmos.embedded.partitions.PartitionKeyRange;
import io.github.flinkcosmos.embedded.partitions.PartitionLayout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Collectors;

/**
 * A container: its partition-key definition, its partition-key ranges and its documents. Every
 * change is one atomic operation of a concurrent map, so concurrent requests for one key never lose
 * a write; the map is sorted by partition key and id, so a query pages through it stably while
 * others write.
 */
public final class ContainerResource {

    private static final Comparator<DocumentKey> BY_PARTITION_KEY_THEN_ID =
            Comparator.comparing(DocumentKey::partitionKey).thenComparing(DocumentKey::id);

    private final String id;
    private final byte[] rid;
    private final String encodedRid;
    private final String selfLink;
    private final DatabaseResource database;
    private final PartitionKeyDefinition partitionKey;
    private final ResourceIds ids;
    private final PartitionLayout partitions;
    private final String etag = Etags.next();
    private final long createdAt = Instant.now().getEpochSecond();

    /** {@code defaultTtl}: null when time-to-live is off, -1 on without expiry, else seconds. */
    private volatile Integer defaultTimeToLive;

    private final ConcurrentNavigableMap<DocumentKey, StoredDocument> documents =
            new ConcurrentSkipListMap<>(BY_PARTITION_KEY_THEN_ID);

    ContainerResource(
            String id,
            byte[] rid,
            DatabaseResource database,
            PartitionKeyDefinition partitionKey,
            int ranges,
            ResourceIds ids) {
        this.id = id;
        this.rid = rid;
        this.encodedRid = ResourceIds.encode(rid);
        this.selfLink = database.selfLink() + "colls/" + encodedRid + "/";
        this.database = database;
        this.partitionKey = partitionKey;
        this.ids = ids;
        this.partitions = PartitionLayout.even(partitionKey.scheme(), ranges);
    }

    public String id() {
        return id;
    }

    public String rid() {
        return encodedRid;
    }

    public DatabaseResource database() {
        return database;
    }

    public PartitionKeyDefinition partitionKey() {
        return partitionKey;
    }

    public String selfLink() {
        return selfLink;
    }

    /**
     * The container's {@code defaultTtl}: empty when time-to-live is off, -1 when it is on without
     * a default expiry, else seconds. Documents expire by it and their own {@code ttl} as the
     * service's do: an expired document is gone for every read, query and write at once.
     */
    public Optional<Integer> defaultTimeToLive() {
        return Optional.ofNullable(defaultTimeToLive);
    }

    public void defaultTimeToLive(Optional<Integer> seconds) {
        this.defaultTimeToLive = seconds.orElse(null);
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
        if (defaultTimeToLive != null) {
            node.put("defaultTtl", defaultTimeToLive);
        }
        node.put("_rid", encodedRid);
        node.put("_self", selfLink);
        node.put("_etag", etag);
        node.put("_ts", createdAt);
        return node;
    }

    public String etag() {
        return etag;
    }

    /** The partition-key ranges, which a test can split. */
    public PartitionLayout partitions() {
        return partitions;
    }

    /** A live range as the {@code pkranges} feed reports it. */
    public ObjectNode partitionKeyRangeJson(PartitionKeyRange range) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", range.id());
        node.put("minInclusive", range.minInclusive());
        node.put("maxExclusive", range.maxExclusive());
        node.put("ridPrefix", Integer.parseInt(range.id()));
        node.put("throughputFraction", 1.0 / partitions.size());
        node.put("status", "online");
        range.parents().forEach(node.putArray("parents")::add);
        String rangeRid =
                ResourceIds.encode(
                        ResourceIds.partitionKeyRange(rid, Integer.parseInt(range.id())));
        node.put("_rid", rangeRid);
        node.put("_self", selfLink + "pkranges/" + rangeRid + "/");
        node.put("_etag", etag + "-" + range.id());
        node.put("_ts", createdAt);
        return node;
    }

    /** The effective partition key of a canonical partition-key value such as {@code ["p1"]}. */
    public String effectiveKeyOf(String partitionKeyValue) {
        try {
            return EffectivePartitionKey.of(
                    Json.MAPPER.readTree(partitionKeyValue), partitionKey.scheme());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The live range that holds documents of this partition-key value. */
    public PartitionKeyRange rangeFor(String partitionKeyValue) {
        List<PartitionKeyRange> ranges = partitions.ranges();
        return ranges.size() == 1
                ? ranges.get(0)
                : partitions.rangeOf(effectiveKeyOf(partitionKeyValue));
    }

    /** Whether a document of this partition-key value belongs to the range. */
    public boolean holds(PartitionKeyRange range, String partitionKeyValue) {
        return isWholeKeySpace(range) || range.contains(effectiveKeyOf(partitionKeyValue));
    }

    private static boolean isWholeKeySpace(PartitionKeyRange range) {
        return range.minInclusive().equals(EffectivePartitionKey.MIN)
                && range.maxExclusive().equals(EffectivePartitionKey.MAX);
    }

    /** The partition-key value of a document body, in the store's canonical form. */
    public String partitionKeyOf(JsonNode body) {
        return Json.canonicalPartitionKey(partitionKey.valueOf(body));
    }

    /**
     * A document ready to store, its {@code ttl} read from the bytes; for callers without a tree.
     */
    public StoredDocument prepare(DocumentKey key, byte[] bodyJson) {
        try {
            return prepare(key, bodyJson, timeToLiveOf(Json.MAPPER.readTree(bodyJson)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A document ready to store: the body with system properties added.
     *
     * @param bodyJson the document as a serialized JSON object without system properties
     * @param timeToLive its own {@code ttl} ({@link #timeToLiveOf}), null without one
     */
    public StoredDocument prepare(DocumentKey key, byte[] bodyJson, Integer timeToLive) {
        Instant now = Instant.now();
        String documentEtag = Etags.next();
        String documentRid = ResourceIds.encode(ids.nextDocument(rid));
        String systemProperties =
                "\"_rid\":\""
                        + documentRid
                        + "\",\"_self\":\""
                        + selfLink
                        + "docs/"
                        + documentRid
                        + "/\",\"_etag\":\""
                        + documentEtag
                        + "\",\"_ts\":"
                        + now.getEpochSecond()
                        + "}";
        return new StoredDocument(
                key,
                withSystemProperties(bodyJson, systemProperties),
                documentEtag,
                now.toEpochMilli(),
                timeToLive);
    }

    /**
     * A document's own {@code ttl}: -1 (never) or a positive number of seconds; null without one,
     * or for a value the service would not take as one (0, null, not an integer).
     */
    public static Integer timeToLiveOf(JsonNode body) {
        JsonNode ttl = body.path("ttl");
        return ttl.isInt() && (ttl.asInt() > 0 || ttl.asInt() == -1) ? ttl.asInt() : null;
    }

    /** Whether the service no longer shows this document, its time to live being over. */
    private boolean expired(StoredDocument document) {
        Integer defaultTtl = defaultTimeToLive;
        return defaultTtl != null && document.expired(defaultTtl, System.currentTimeMillis());
    }

    /** The stored document of this key unless it expired; an expired one is removed. */
    private StoredDocument live(DocumentKey key) {
        StoredDocument stored = documents.get(key);
        if (stored != null && expired(stored)) {
            documents.remove(key, stored);
            return null;
        }
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

    /** Stores the document only if none has its key; false when one already does. */
    public boolean create(StoredDocument document) {
        while (true) {
            StoredDocument existing = documents.putIfAbsent(document.key(), document);
            if (existing == null) {
                return true;
            }
            if (!expired(existing)) {
                return false;
            }
            if (documents.replace(document.key(), existing, document)) {
                return true;
            }
        }
    }

    /** Stores the document, replacing any with its key; true when it replaced a live one. */
    public boolean upsert(StoredDocument document) {
        StoredDocument previous = documents.put(document.key(), document);
        return previous != null && !expired(previous);
    }

    /** Replaces the document with its key; false when there is none. */
    public boolean replace(StoredDocument document) {
        while (true) {
            StoredDocument existing = live(document.key());
            if (existing == null) {
                return false;
            }
            if (documents.replace(document.key(), existing, document)) {
                return true;
            }
        }
    }

    /** Replaces {@code current} only if it is still what is stored. */
    public boolean replace(StoredDocument current, StoredDocument document) {
        return documents.replace(document.key(), current, document);
    }

    public Optional<StoredDocument> get(DocumentKey key) {
        return Optional.ofNullable(live(key));
    }

    public Optional<StoredDocument> remove(DocumentKey key) {
        StoredDocument removed = documents.remove(key);
        return removed == null || expired(removed) ? Optional.empty() : Optional.of(removed);
    }

    /** Removes {@code current} only if it is still what is stored. */
    public boolean remove(StoredDocument current) {
        return documents.remove(current.key(), current);
    }

    /**
     * Up to {@code limit} documents after {@code after}, in key order, of one partition-key value
     * or all of them.
     */
    public List<StoredDocument> page(
            Optional<String> partitionKeyValue, Optional<DocumentKey> after, int limit) {
        return page(partitionKeyValue, Optional.empty(), after, limit);
    }

    /**
     * Up to {@code limit} documents after {@code after}, in key order, of one partition-key value
     * or all of them, and of one partition-key range or all of them.
     */
    public List<StoredDocument> page(
            Optional<String> partitionKeyValue,
            Optional<PartitionKeyRange> keyRange,
            Optional<DocumentKey> after,
            int limit) {
        NavigableMap<DocumentKey, StoredDocument> range = range(partitionKeyValue);
        if (after.isPresent()) {
            range = range.tailMap(after.get(), false);
        }
        List<StoredDocument> page = new ArrayList<>(Math.min(limit, 1024));
        for (StoredDocument document : range.values()) {
            if (page.size() == limit) {
                break;
            }
            if ((keyRange.isEmpty() || holds(keyRange.get(), document.key().partitionKey()))
                    && !expired(document)) {
                page.add(document);
            }
        }
        return page;
    }

    /** The documents of one partition-key value, or all, in key order. */
    public List<StoredDocument> documents(Optional<String> partitionKeyValue) {
        if (defaultTimeToLive == null) {
            return new ArrayList<>(range(partitionKeyValue).values());
        }
        return range(partitionKeyValue).values().stream()
                .filter(document -> !expired(document))
                .collect(Collectors.toCollection(ArrayList::new));
    }

    /**
     * The documents of one partition-key value, or all, in one partition-key range, in key order.
     */
    public List<StoredDocument> documents(
            Optional<String> partitionKeyValue, Optional<PartitionKeyRange> keyRange) {
        if (keyRange.isEmpty() || isWholeKeySpace(keyRange.get())) {
            return documents(partitionKeyValue);
        }
        return range(partitionKeyValue).values().stream()
                .filter(document -> holds(keyRange.get(), document.key().partitionKey()))
                .filter(document -> !expired(document))
                .toList();
    }

    public int count(Optional<String> partitionKeyValue) {
        return defaultTimeToLive == null
                ? range(partitionKeyValue).size()
                : documents(partitionKeyValue).size();
    }

    /** How many documents of one partition-key value, or all, one range holds. */
    public int count(Optional<String> partitionKeyValue, Optional<PartitionKeyRange> keyRange) {
        if (keyRange.isEmpty() || isWholeKeySpace(keyRange.get())) {
            return count(partitionKeyValue);
        }
        return documents(partitionKeyValue, keyRange).size();
    }

    /** Keys of one partition-key value are contiguous, since the map sorts by it first. */
    private NavigableMap<DocumentKey, StoredDocument> range(Optional<String> partitionKeyValue) {
        if (partitionKeyValue.isEmpty()) {
            return documents;
        }
        String value = partitionKeyValue.get();
        return documents.subMap(
                new DocumentKey(value, ""), true, new DocumentKey(value + '\0', ""), false);
    }

    public int size() {
        return count(Optional.empty());
    }
}
