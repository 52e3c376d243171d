package io.github.flinkcosmos.embedded.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinkcosmos.embedded.partitions.PartitionKeyRange;
import io.github.flinkcosmos.embedded.store.AccountStore;
import io.github.flinkcosmos.embedded.store.ContainerResource;
import io.github.flinkcosmos.embedded.store.DocumentKey;
import io.github.flinkcosmos.embedded.store.Json;
import io.github.flinkcosmos.embedded.store.StoredDocument;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The queries tests and the demo need, in one partition or across all, one partition-key range at a
 * time as the SDK sends them: {@code SELECT VALUE COUNT(1) FROM c}, and {@code SELECT * FROM c}
 * with an optional {@code WHERE c.id = @id}. Anything else is answered 400, naming the supported
 * forms.
 */
final class Queries {

    private static final Pattern COUNT =
            Pattern.compile(
                    "\\s*SELECT\\s+VALUE\\s+COUNT\\s*\\(\\s*1\\s*\\)\\s+FROM\\s+(\\w+)\\s*",
                    Pattern.CASE_INSENSITIVE);

    /** The count as the query plan rewrites it, so that the SDK can add up the ranges' counts. */
    private static final Pattern PARTIAL_COUNT =
            Pattern.compile(
                    "\\s*SELECT\\s+VALUE\\s+\\{\\s*\"item\"\\s*:\\s*COUNT\\s*\\(\\s*1\\s*\\)\\s*}"
                            + "\\s+FROM\\s+(\\w+)\\s*",
                    Pattern.CASE_INSENSITIVE);

    private static final Pattern SELECT_ALL =
            Pattern.compile(
                    "\\s*SELECT\\s+\\*\\s+FROM\\s+(\\w+)"
                            + "(?:\\s+WHERE\\s+(\\w+)(?:\\.id|\\[\\s*\"id\"\\s*])\\s*=\\s*"
                            + "(@\\w+|'[^']*'|\"[^\"]*\"))?\\s*",
                    Pattern.CASE_INSENSITIVE);
    private static final String SUPPORTED =
            "Supported queries: SELECT VALUE COUNT(1) FROM c, SELECT * FROM c,"
                    + " SELECT * FROM c WHERE c.id = @id.";

    private final AccountStore store;

    Queries(AccountStore store) {
        this.store = store;
    }

    /**
     * A parsed query: a count, or a selection optionally narrowed to one id.
     *
     * @param alias the name the query gives the container, {@code c} in {@code FROM c}
     * @param partialCount a count as the plan rewrites it, answered as {@code {"item": n}}
     */
    private record Query(boolean count, Optional<String> id, String alias, boolean partialCount) {}

    /**
     * {@code x-ms-cosmos-is-query-plan-request}: the query runs on every range. A count is
     * rewritten, as the service rewrites it, to a per-range partial count the SDK adds up (its
     * {@code Count} aggregate): without that the SDK would hand back one count per range.
     */
    GatewayResponse plan(GatewayRequest request) throws IOException {
        Optional<Query> query = parse(Json.parse(request.body()));
        if (query.isEmpty()) {
            return GatewayResponse.error(400, 0, SUPPORTED);
        }
        ObjectNode plan = Json.MAPPER.createObjectNode();
        plan.put("partitionedQueryExecutionInfoVersion", 2);
        ObjectNode info = plan.putObject("queryInfo");
        info.put("distinctType", "None");
        info.putNull("top");
        info.putNull("offset");
        info.putNull("limit");
        info.putArray("orderBy");
        info.putArray("orderByExpressions");
        info.putArray("groupByExpressions");
        info.putArray("groupByAliases");
        if (query.get().count()) {
            info.putArray("aggregates").add("Count");
        } else {
            info.putArray("aggregates");
        }
        info.putObject("groupByAliasToAggregateType");
        info.put(
                "rewrittenQuery",
                query.get().count()
                        ? "SELECT VALUE {\"item\": COUNT(1)} FROM " + query.get().alias()
                        : "");
        info.put("hasSelectValue", query.get().count());
        info.putNull("dCountInfo");
        plan.putArray("queryRanges")
                .addObject()
                .put("min", "")
                .put("max", "FF")
                .put("isMinInclusive", true)
                .put("isMaxInclusive", false);
        return GatewayResponse.json(200, plan).withHeader("x-ms-request-charge", "0");
    }

    /** {@code x-ms-documentdb-isquery}: one page of results, with a continuation if more. */
    GatewayResponse execute(GatewayRequest request, String databaseId, String containerId)
            throws IOException {
        Optional<ContainerResource> container = store.container(databaseId, containerId);
        if (container.isEmpty()) {
            return AccountResources.missingContainer(databaseId, containerId);
        }
        Optional<Query> query = parse(Json.parse(request.body()));
        if (query.isEmpty()) {
            return GatewayResponse.error(400, 0, SUPPORTED);
        }
        Optional<String> partitionKey = request.header("x-ms-documentdb-partitionkey");
        Optional<String> canonicalKey =
                partitionKey.isEmpty()
                        ? Optional.empty()
                        : Optional.of(Json.canonicalPartitionKey(partitionKey.get()));
        ContainerResource source = container.get();
        Optional<PartitionKeyRange> range = Optional.empty();
        Optional<String> named = RangeRouting.namedRange(request);
        if (named.isPresent()) {
            range = RangeRouting.live(source, named.get());
            if (range.isEmpty()) {
                return RangeRouting.gone(source, named.get());
            }
        }
        Optional<PartitionKeyRange> keys = effectiveKeyRange(request, range);
        if (query.get().count()) {
            long count = source.count(canonicalKey, keys);
            String value = Long.toString(count);
            return page(
                    source,
                    List.of(query.get().partialCount() ? "{\"item\":" + value + "}" : value),
                    Optional.empty());
        }
        int pageSize =
                request.header("x-ms-max-item-count")
                        .map(Integer::parseInt)
                        .filter(size -> size > 0)
                        .orElse(100);
        Optional<DocumentKey> after =
                request.header("x-ms-continuation")
                        .filter(token -> !token.isEmpty())
                        .map(Queries::keyOf);
        List<StoredDocument> documents =
                query.get().id().isPresent()
                        ? source.documents(canonicalKey, keys).stream()
                                .filter(doc -> doc.key().id().equals(query.get().id().get()))
                                .toList()
                        : source.page(canonicalKey, keys, after, pageSize + 1);
        boolean more = documents.size() > pageSize;
        List<StoredDocument> page = more ? documents.subList(0, pageSize) : documents;
        Optional<String> continuation =
                more ? Optional.of(tokenOf(page.get(page.size() - 1).key())) : Optional.empty();
        return page(
                source,
                page.stream().map(doc -> new String(doc.json(), StandardCharsets.UTF_8)).toList(),
                continuation);
    }

    /**
     * The effective keys the request reads: those of the range it names, narrowed to {@code
     * x-ms-start-epk} and {@code x-ms-end-epk} when it sends them, as the SDK does for a prefix of
     * a hierarchical key (every key that starts with the prefix's hashes).
     */
    private static Optional<PartitionKeyRange> effectiveKeyRange(
            GatewayRequest request, Optional<PartitionKeyRange> range) {
        Optional<String> start = request.header("x-ms-start-epk");
        Optional<String> end = request.header("x-ms-end-epk");
        if (start.isEmpty() && end.isEmpty()) {
            return range;
        }
        String min = start.orElse(range.map(PartitionKeyRange::minInclusive).orElse(""));
        String max = end.orElse(range.map(PartitionKeyRange::maxExclusive).orElse("FF"));
        if (range.isPresent()) {
            min = max(min, range.get().minInclusive());
            max = min(max, range.get().maxExclusive());
        }
        return Optional.of(
                new PartitionKeyRange(
                        range.map(PartitionKeyRange::id).orElse(""), min, max, List.of()));
    }

    private static String max(String a, String b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String min(String a, String b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * The continuation token is the last key returned, so a page starts after it even when
     * documents were written between pages.
     */
    private static String tokenOf(DocumentKey key) {
        return Json.MAPPER.createArrayNode().add(key.partitionKey()).add(key.id()).toString();
    }

    private static DocumentKey keyOf(String token) {
        JsonNode key = parseUnchecked(token.getBytes(StandardCharsets.UTF_8));
        return new DocumentKey(key.path(0).asText(), key.path(1).asText());
    }

    private static GatewayResponse page(
            ContainerResource container, List<String> jsonValues, Optional<String> continuation) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(
                ("{\"_rid\":\"" + container.rid() + "\",\"Documents\":[")
                        .getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < jsonValues.size(); i++) {
            if (i > 0) {
                body.write(',');
            }
            body.writeBytes(jsonValues.get(i).getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(
                ("],\"_count\":" + jsonValues.size() + "}").getBytes(StandardCharsets.UTF_8));
        GatewayResponse response =
                GatewayResponse.json(200, body.toByteArray())
                        .withHeader("x-ms-item-count", Integer.toString(jsonValues.size()));
        return continuation
                .map(token -> response.withHeader("x-ms-continuation", token))
                .orElse(response);
    }

    private static Optional<Query> parse(JsonNode body) {
        String text = body.path("query").asText("");
        Matcher count = COUNT.matcher(text);
        if (count.matches()) {
            return Optional.of(new Query(true, Optional.empty(), count.group(1), false));
        }
        Matcher partialCount = PARTIAL_COUNT.matcher(text);
        if (partialCount.matches()) {
            return Optional.of(new Query(true, Optional.empty(), partialCount.group(1), true));
        }
        Matcher select = SELECT_ALL.matcher(text);
        if (!select.matches()) {
            return Optional.empty();
        }
        if (select.group(2) == null) {
            return Optional.of(new Query(false, Optional.empty(), select.group(1), false));
        }
        if (!select.group(1).equals(select.group(2))) {
            return Optional.empty();
        }
        String value = select.group(3);
        if (value.startsWith("@")) {
            for (JsonNode parameter : body.path("parameters")) {
                if (parameter.path("name").asText().equals(value)) {
                    return Optional.of(
                            new Query(
                                    false,
                                    Optional.of(parameter.path("value").asText()),
                                    select.group(1),
                                    false));
                }
            }
            return Optional.empty();
        }
        return Optional.of(
                new Query(
                        false,
                        Optional.of(value.substring(1, value.length() - 1)),
                        select.group(1),
                        false));
    }

    private static JsonNode parseUnchecked(byte[] json) {
        try {
            return Json.parse(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "Not JSON: " + new String(json, StandardCharsets.UTF_8), e);
        }
    }
}
