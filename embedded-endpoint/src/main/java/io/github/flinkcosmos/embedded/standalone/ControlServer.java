package io.github.flinkcosmos.embedded.standalone;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.flinkcosmos.embedded.EmbeddedCosmosEndpoint;
import io.github.flinkcosmos.embedded.faults.OperationFailure;
import io.github.flinkcosmos.embedded.faults.OperationMatch;
import io.github.flinkcosmos.embedded.faults.RequestFailure;
import io.github.flinkcosmos.embedded.faults.RequestKind;
import io.github.flinkcosmos.embedded.observability.WriteAudit;
import io.github.flinkcosmos.embedded.store.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A small HTTP API on 127.0.0.1 through which another process sets an endpoint's faults and reads
 * its documents and counters. Every parameter is a query parameter; answers are JSON.
 *
 * <pre>
 * GET  /health
 * GET  /documents?database=D&amp;container=C        the stored documents, system properties included
 * GET  /stats                                    request units, counters, the write audit
 * POST /stats/reset                              clears counters; stops the audit
 * POST /audit                                    starts a write audit afresh
 * POST /containers?database=D&amp;container=C&amp;partitionKeyPath=/pk[&amp;ranges=N]
 * POST /throughput?database=D&amp;container=C&amp;ru=R     a request-unit budget per second
 * POST /faults/unreachable?seconds=S             refuses connections for S seconds
 * POST /faults/requests?kinds=BULK,DOCUMENT&amp;status=503[&amp;subStatus=N]&amp;seconds=S
 * POST /faults/operations?status=429[&amp;subStatus=3200][&amp;retryAfterMillis=M]&amp;seconds=S
 * POST /faults/latency?millis=M&amp;seconds=S          every response M ms late for S seconds
 * POST /faults/clear                             removes every fault, listens again
 * </pre>
 */
public final class ControlServer implements AutoCloseable {

    private final HttpServer server;
    private final EmbeddedCosmosEndpoint endpoint;
    private final ScheduledExecutorService timer;
    private final ExecutorService handlers;

    private ControlServer(
            HttpServer server,
            EmbeddedCosmosEndpoint endpoint,
            ScheduledExecutorService timer,
            ExecutorService handlers) {
        this.server = server;
        this.endpoint = endpoint;
        this.timer = timer;
        this.handlers = handlers;
    }

    /** Starts the API on 127.0.0.1 at this port, 0 for a free one. */
    public static ControlServer start(EmbeddedCosmosEndpoint endpoint, int port) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the control API on port " + port, e);
        }
        ScheduledExecutorService timer =
                Executors.newSingleThreadScheduledExecutor(
                        task -> {
                            Thread thread = new Thread(task, "embedded-endpoint-control-timer");
                            thread.setDaemon(true);
                            return thread;
                        });
        ExecutorService handlers = Executors.newFixedThreadPool(2);
        ControlServer control = new ControlServer(server, endpoint, timer, handlers);
        server.createContext("/", control::handle);
        server.setExecutor(handlers);
        server.start();
        return control;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @Override
    public void close() {
        server.stop(0);
        timer.shutdownNow();
        handlers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> query = query(exchange.getRequestURI());
            String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            try {
                byte[] answer = route(route, new Parameters(query));
                send(exchange, 200, answer);
            } catch (IllegalArgumentException e) {
                send(exchange, 400, error(e.getMessage()));
            } catch (RuntimeException e) {
                send(exchange, 500, error(e.toString()));
            }
        }
    }

    private byte[] route(String route, Parameters query) {
        switch (route) {
            case "GET /health":
                return ok();
            case "GET /documents":
                return Json.bytes(
                        endpoint.documents(query.text("database"), query.text("container")));
            case "GET /stats":
                return Json.bytes(stats());
            case "POST /stats/reset":
                endpoint.stats().reset();
                return ok();
            case "POST /audit":
                endpoint.stats().auditWrites();
                return ok();
            case "POST /containers":
                endpoint.createContainer(
                        query.text("database"),
                        query.text("container"),
                        query.text("partitionKeyPath"),
                        query.integer("ranges").orElse(1));
                return ok();
            case "POST /throughput":
                endpoint.throughput()
                        .provision(
                                query.text("database"),
                                query.text("container"),
                                query.integer("ru").orElseThrow(() -> missing("ru")));
                return ok();
            case "POST /faults/unreachable":
                Duration outage = query.seconds();
                endpoint.stopListening();
                timer.schedule(endpoint::startListening, outage.toMillis(), TimeUnit.MILLISECONDS);
                return ok();
            case "POST /faults/requests":
                endpoint.faults()
                        .failRequestsFor(
                                query.kinds(),
                                query.seconds(),
                                RequestFailure.status(
                                        query.integer("status")
                                                .orElseThrow(() -> missing("status")),
                                        query.integer("subStatus").orElse(0)));
                return ok();
            case "POST /faults/operations":
                endpoint.faults()
                        .failOperationsFor(
                                OperationMatch.any(),
                                query.seconds(),
                                new OperationFailure(
                                        query.integer("status")
                                                .orElseThrow(() -> missing("status")),
                                        query.integer("subStatus").orElse(0),
                                        query.integer("retryAfterMillis").map(Duration::ofMillis)));
                return ok();
            case "POST /faults/latency":
                endpoint.faults()
                        .spikeLatencyFor(
                                query.seconds(),
                                Duration.ofMillis(
                                        query.integer("millis")
                                                .orElseThrow(() -> missing("millis"))));
                return ok();
            case "POST /faults/clear":
                endpoint.faults().clear();
                endpoint.startListening();
                return ok();
            default:
                throw new IllegalArgumentException(
                        "No route '%s'; see ControlServer's Javadoc for the routes"
                                .formatted(route));
        }
    }

    private ObjectNode stats() {
        ObjectNode stats = Json.MAPPER.createObjectNode();
        stats.put("requestUnits", endpoint.stats().requestUnits());
        stats.set("counters", Json.MAPPER.valueToTree(endpoint.stats().snapshot()));
        Optional<WriteAudit.Summary> audit = endpoint.stats().audit().map(WriteAudit::summary);
        stats.set("audit", audit.isPresent() ? Json.MAPPER.valueToTree(audit.get()) : null);
        return stats;
    }

    private static IllegalArgumentException missing(String parameter) {
        return new IllegalArgumentException("The query parameter '" + parameter + "' is missing");
    }

    private static byte[] ok() {
        return "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] error(String message) {
        ObjectNode error = Json.MAPPER.createObjectNode().put("error", message);
        return Json.bytes(error);
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, String> query(URI uri) {
        String raw = uri.getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return Map.of();
        }
        return Arrays.stream(raw.split("&"))
                .map(pair -> pair.split("=", 2))
                .collect(
                        Collectors.toMap(
                                pair -> decode(pair[0]),
                                pair -> pair.length == 2 ? decode(pair[1]) : "",
                                (first, second) -> second));
    }

    private static String decode(String component) {
        return URLDecoder.decode(component, StandardCharsets.UTF_8);
    }

    /** The query parameters of one control request, read with messages that name them. */
    private record Parameters(Map<String, String> values) {

        String text(String name) {
            String value = values.get(name);
            if (value == null || value.isEmpty()) {
                throw missing(name);
            }
            return value;
        }

        Optional<Integer> integer(String name) {
            String value = values.get(name);
            if (value == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(Integer.parseInt(value));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "The query parameter '%s' must be a whole number, got '%s'"
                                .formatted(name, value));
            }
        }

        Duration seconds() {
            String value = text("seconds");
            try {
                return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "The query parameter 'seconds' must be a number, got '%s'"
                                .formatted(value));
            }
        }

        Set<RequestKind> kinds() {
            String value = text("kinds");
            Set<RequestKind> kinds = EnumSet.noneOf(RequestKind.class);
            for (String kind : value.split(",")) {
                try {
                    kinds.add(RequestKind.valueOf(kind.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                            "Unknown request kind '%s' in 'kinds'; one of %s"
                                    .formatted(kind, Arrays.toString(RequestKind.values())));
                }
            }
            return kinds;
        }
    }
}
