package io.github.flinkcosmos.embedded.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * The queries tests and the demo need, in one partition or across all: {@code SELECT VALUE COUNT(1)
 * FROM c}, and {@code SELECT * FROM c} with an optional {@code WHERE c.id = @id}. Anything else is
 * answered 400, naming the supported forms.
 */
final class Queries {

    private static final Pattern COUNT =
            Pattern.compile(
                    "\\s*SELECT\\s+VALUE\\s+COUNT\\s*\\(\\s*1\\s*\\)\\s+FROM\\s+\\w+\\s*",
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

    /** A parsed query: a count, or a selection optionally narrowed to one id. */
    private record Query(boolean count, Optional<String> id) {}

    /** {@code x-ms-cosmos-is-query-plan-request}: every supported query runs on one range. */
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
        info.putArray("aggregates");
        info.putObject("groupByAliasToAggregateType");
        info.put("rewrittenQuery", "");
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
        if (query.get().count()) {
            long count =
                    query.get().id().isEmpty()
                            ? source.count(canonicalKey)
                            : source.documents(canonicalKey).stream()
                                    .filter(doc -> doc.key().id().equals(query.get().id().get()))
                                    .count();
            return page(source, List.of(Long.toString(count)), Optional.empty());
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
                        ? source.documents(canonicalKey).stream()
                                .filter(doc -> doc.key().id().equals(query.get().id().get()))
                                .toList()
                        : source.page(canonicalKey, after, pageSize + 1);
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
        if (COUNT.matcher(text).matches()) {
            return Optional.of(new Query(true, Optional.empty()));
        }
        Matcher select = SELECT_ALL.matcher(text);
        if (!select.matches()) {
            return Optional.empty();
        }
        if (select.group(2) == null) {
            return Optional.of(new Query(false, Optional.empty()));
        }
        if (!select.group(1).equals(select.group(2))) {
            return Optional.empty();
        }
        String value = select.group(3);
        if (value.startsWith("@")) {
            for (JsonNode parameter : body.path("parameters")) {
                if (parameter.path("name").asText().equals(value)) {
                    return Optional.of(
                            new Query(false, Optional.of(parameter.path("value").asText())));
                }
            }
            return Optional.empty();
        }
        return Optional.of(new Query(false, Optional.of(value.substring(1, value.length() - 1))));
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
