package io.github.flinkcosmos.embedded.protocol;

import io.github.flinkcosmos.embedded.faults.FaultInjector;
import io.github.flinkcosmos.embedded.faults.RequestKind;
import io.github.flinkcosmos.embedded.observability.EndpointStats;
import io.github.flinkcosmos.embedded.store.AccountStore;
import io.github.flinkcosmos.embedded.throughput.ThroughputModel;

import java.io.IOException;
import java.net.URI;
import java.util.function.Supplier;

/** Tells what a request asks for and hands it to the handler for that. */
public final class Router {

    private final AccountResources resources;
    private final PointOperations points;
    private final BulkRequests bulk;
    private final Queries queries;
    private final Offers offers;

    public Router(
            AccountStore store,
            Supplier<URI> endpoint,
            FaultInjector faults,
            ThroughputModel throughput,
            EndpointStats stats) {
        DocumentOperations operations = new DocumentOperations(faults, throughput, stats);
        this.resources = new AccountResources(store, endpoint, throughput);
        this.offers = new Offers(store, throughput);
        this.points = new PointOperations(store, operations);
        this.bulk = new BulkRequests(store, operations);
        this.queries = new Queries(store);
    }

    public RequestKind classify(GatewayRequest request) {
        int depth = request.segments().size();
        if (depth == 0) {
            return RequestKind.ACCOUNT;
        }
        if (request.segment(0).equals("offers") && depth <= 2) {
            return RequestKind.OFFER;
        }
        if (!request.segment(0).equals("dbs")
                || depth == 3 && !request.segment(2).equals("colls")) {
            return RequestKind.UNKNOWN;
        }
        switch (depth) {
            case 1:
            case 2:
                return RequestKind.DATABASE;
            case 3:
            case 4:
                return RequestKind.CONTAINER;
            case 5:
                if (request.segment(4).equals("pkranges")) {
                    return RequestKind.PARTITION_KEY_RANGES;
                }
                if (!request.segment(4).equals("docs")) {
                    return RequestKind.UNKNOWN;
                }
                if (request.headerIsTrue("x-ms-cosmos-is-batch-request")) {
                    return RequestKind.BULK;
                }
                if (request.headerIsTrue("x-ms-cosmos-is-query-plan-request")) {
                    return RequestKind.QUERY_PLAN;
                }
                if (request.headerIsTrue("x-ms-documentdb-isquery")
                        || request.header("content-type")
                                .map(type -> type.startsWith("application/query+json"))
                                .orElse(false)) {
                    return RequestKind.QUERY;
                }
                return RequestKind.DOCUMENT;
            case 6:
                return request.segment(4).equals("docs")
                        ? RequestKind.DOCUMENT
                        : RequestKind.UNKNOWN;
            default:
                return RequestKind.UNKNOWN;
        }
    }

    public GatewayResponse handle(GatewayRequest request, RequestKind kind) throws IOException {
        String method = request.method();
        switch (kind) {
            case ACCOUNT:
                return method.equals("GET") ? resources.account() : notAllowed(request);
            case DATABASE:
                if (request.is("POST", 1)) {
                    return resources.createDatabase(request);
                }
                if (request.is("GET", 2)) {
                    return resources.readDatabase(request.segment(1));
                }
                if (request.is("DELETE", 2)) {
                    return resources.deleteDatabase(request.segment(1));
                }
                return notAllowed(request);
            case CONTAINER:
                if (request.is("POST", 3)) {
                    return resources.createContainer(request, request.segment(1));
                }
                if (request.is("GET", 4)) {
                    return resources.readContainer(request.segment(1), request.segment(3));
                }
                if (request.is("DELETE", 4)) {
                    return resources.deleteContainer(request.segment(1), request.segment(3));
                }
                return notAllowed(request);
            case OFFER:
                if (request.is("POST", 1)) {
                    return offers.query(request);
                }
                if (request.is("GET", 2)) {
                    return offers.read(request.segment(1));
                }
                return notAllowed(request);
            case PARTITION_KEY_RANGES:
                return resources.partitionKeyRanges(
                        request, request.segment(1), request.segment(3));
            case BULK:
                return bulk.execute(request, request.segment(1), request.segment(3));
            case QUERY_PLAN:
                return queries.plan(request);
            case QUERY:
                return queries.execute(request, request.segment(1), request.segment(3));
            case DOCUMENT:
                if (request.is("POST", 5)) {
                    return points.write(request, request.segment(1), request.segment(3));
                }
                if (request.segments().size() == 6) {
                    return points.byId(
                            request, request.segment(1), request.segment(3), request.segment(5));
                }
                return notAllowed(request);
            case UNKNOWN:
            default:
                return GatewayResponse.error(
                        404, 0, "The embedded endpoint does not serve " + request.path());
        }
    }

    private static GatewayResponse notAllowed(GatewayRequest request) {
        return GatewayResponse.error(
                405,
                0,
                "The embedded endpoint does not support "
                        + request.method()
                        + " "
                        + request.path());
    }
}
