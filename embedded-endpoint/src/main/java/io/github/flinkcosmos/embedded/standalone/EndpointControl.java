package io.github.flinkcosmos.embedded.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinkcosmos.embedded.faults.RequestKind;
import io.github.flinkcosmos.embedded.store.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The client of a {@link ControlServer}: sets faults of an endpoint in another process and reads
 * its documents and counters.
 *
 * <pre>{@code
 * EndpointControl control = endpointProcess.control();
 * control.unreachableFor(Duration.ofSeconds(20));
 * control.failRequestsFor(Set.of(RequestKind.BULK), 503, Duration.ofSeconds(2));
 * List<JsonNode> documents = control.documents("db", "c");
 * }</pre>
 */
public final class EndpointControl {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final HttpClient http;

    public EndpointControl(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    public URI uri() {
        return base;
    }

    public void createContainer(
            String database, String container, String partitionKeyPath, int ranges) {
        post(
                "containers",
                Map.of(
                        "database", database,
                        "container", container,
                        "partitionKeyPath", partitionKeyPath,
                        "ranges", String.valueOf(ranges)));
    }

    /** Gives the container this many request units per second, from now on. */
    public void provision(String database, String container, int requestUnitsPerSecond) {
        post(
                "throughput",
                Map.of(
                        "database", database,
                        "container", container,
                        "ru", String.valueOf(requestUnitsPerSecond)));
    }

    /** The stored documents, with system properties, sorted by partition key and id. */
    public List<JsonNode> documents(String database, String container) {
        JsonNode array = get("documents", Map.of("database", database, "container", container));
        List<JsonNode> documents = new ArrayList<>(array.size());
        array.forEach(documents::add);
        return documents;
    }

    /**
     * {@code requestUnits} (all document operations), {@code counters} ("operation UPSERT/200" → n,
     * "request BULK/503" → n) and {@code audit} (a WriteAudit summary, or null).
     */
    public JsonNode stats() {
        return get("stats", Map.of());
    }

    /** Starts a write audit afresh: repeated writes are counted from now on. */
    public void auditWrites() {
        post("audit", Map.of());
    }

    public void resetStats() {
        post("stats/reset", Map.of());
    }

    /** Connections are refused, and open ones dropped, for this long; it returns at once. */
    public void unreachableFor(Duration outage) {
        post("faults/unreachable", Map.of("seconds", seconds(outage)));
    }

    /** Every request of these kinds is answered with this status for this long. */
    public void failRequestsFor(Set<RequestKind> kinds, int status, Duration window) {
        String names = kinds.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        post(
                "faults/requests",
                Map.of(
                        "kinds",
                        names,
                        "status",
                        String.valueOf(status),
                        "seconds",
                        seconds(window)));
    }

    /**
     * Every document operation, in bulk or alone, gets this status for this long; with a retry
     * after, as the service sends with a 429.
     */
    public void failOperationsFor(int status, int subStatus, Duration retryAfter, Duration window) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("status", String.valueOf(status));
        parameters.put("subStatus", String.valueOf(subStatus));
        parameters.put("retryAfterMillis", String.valueOf(retryAfter.toMillis()));
        parameters.put("seconds", seconds(window));
        post("faults/operations", parameters);
    }

    /** Every response is this much late for this long. */
    public void spikeLatencyFor(Duration latency, Duration window) {
        post(
                "faults/latency",
                Map.of("millis", String.valueOf(latency.toMillis()), "seconds", seconds(window)));
    }

    /** Removes every fault, and listens again if unreachable. */
    public void clearFaults() {
        post("faults/clear", Map.of());
    }

    private JsonNode get(String path, Map<String, String> parameters) {
        return send(HttpRequest.newBuilder(address(path, parameters)).GET());
    }

    private JsonNode post(String path, Map<String, String> parameters) {
        return send(
                HttpRequest.newBuilder(address(path, parameters))
                        .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private JsonNode send(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(TIMEOUT).build();
        try {
            HttpResponse<byte[]> response =
                    http.send(built, HttpResponse.BodyHandlers.ofByteArray());
            JsonNode body = Json.parse(response.body());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "The endpoint's control API answered %d to %s: %s"
                                .formatted(response.statusCode(), built.uri(), body));
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot reach the control API at " + built.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted calling " + built.uri(), e);
        }
    }

    private URI address(String path, Map<String, String> parameters) {
        String query =
                parameters.entrySet().stream()
                        .map(
                                entry ->
                                        URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8)
                                                + "="
                                                + URLEncoder.encode(
                                                        entry.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"));
        return base.resolve(path + (query.isEmpty() ? "" : "?" + query));
    }

    private static String seconds(Duration duration) {
        return String.valueOf(duration.toMillis() / 1000.0);
    }
}
