package io.github.flinkcosmos.embedded.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinkcosmos.embedded.store.AccountStore;
import io.github.flinkcosmos.embedded.store.ContainerResource;
import io.github.flinkcosmos.embedded.store.Json;
import io.github.flinkcosmos.embedded.throughput.ThroughputBudget;
import io.github.flinkcosmos.embedded.throughput.ThroughputModel;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offers of containers with a request-unit budget, as the SDK reads them for {@code
 * readThroughput} and for a throughput-control threshold: a {@code POST /offers} query (by {@code
 * offerResourceId}, the container's resource id) and a {@code GET /offers/{id}}. A container
 * without a budget has no offer, as a container in a database of shared throughput has none.
 */
final class Offers {

    private static final Pattern QUOTED = Pattern.compile("'([^']*)'|\"([^\"]*)\"");

    private final AccountStore store;
    private final ThroughputModel throughput;

    Offers(AccountStore store, ThroughputModel throughput) {
        this.store = store;
        this.throughput = throughput;
    }

    /**
     * {@code POST /offers} with a query: the offers whose {@code offerResourceId} is one of the
     * resource ids the query names (as a parameter or a literal), or every offer for a query that
     * names none.
     */
    GatewayResponse query(GatewayRequest request) throws IOException {
        JsonNode body = Json.parse(request.body());
        Set<String> named = namedValues(body);
        ArrayNode offers = Json.MAPPER.createArrayNode();
        for (ContainerResource container : store.containers()) {
            Optional<ThroughputBudget> budget = budgetOf(container);
            boolean wanted =
                    !body.path("query").asText("").toLowerCase().contains("where")
                            || named.contains(container.rid());
            if (budget.isPresent() && wanted) {
                offers.add(offerJson(container, budget.get()));
            }
        }
        ObjectNode feed = Json.MAPPER.createObjectNode();
        feed.put("_rid", "");
        feed.set("Offers", offers);
        feed.put("_count", offers.size());
        return GatewayResponse.json(200, feed)
                .withHeader("x-ms-item-count", Integer.toString(offers.size()));
    }

    /** {@code GET /offers/{id}}. */
    GatewayResponse read(String offerId) {
        for (ContainerResource container : store.containers()) {
            Optional<ThroughputBudget> budget = budgetOf(container);
            if (budget.isPresent() && budget.get().offerId().equalsIgnoreCase(offerId)) {
                return GatewayResponse.json(200, offerJson(container, budget.get()));
            }
        }
        return GatewayResponse.error(404, 0, "Offer '" + offerId + "' does not exist.");
    }

    private Optional<ThroughputBudget> budgetOf(ContainerResource container) {
        return throughput.budget(container.database().id(), container.id());
    }

    /**
     * An offer as the service shows it (version 2): manual throughput in {@code offerThroughput},
     * or autoscale with its maximum in {@code offerAutopilotSettings} and a tenth of it, where
     * autoscale starts, as the current throughput.
     */
    private static ObjectNode offerJson(ContainerResource container, ThroughputBudget budget) {
        ObjectNode offer = Json.MAPPER.createObjectNode();
        String id = budget.offerId();
        int requestUnits = (int) budget.requestUnitsPerSecond();
        offer.put("id", id);
        offer.put("_rid", id);
        offer.put("_self", "offers/" + id + "/");
        offer.put("_etag", "\"" + id + "-" + requestUnits + "\"");
        offer.put("_ts", System.currentTimeMillis() / 1000);
        offer.put("offerVersion", "V2");
        offer.put("offerType", "Invalid");
        offer.put("resource", container.selfLink());
        offer.put("offerResourceId", container.rid());
        ObjectNode content = offer.putObject("content");
        if (budget.autoscale()) {
            content.put("offerThroughput", Math.max(requestUnits / 10, 400));
            content.putObject("offerAutopilotSettings").put("maxThroughput", requestUnits);
        } else {
            content.put("offerThroughput", requestUnits);
        }
        content.put("offerIsRUPerMinuteThroughputEnabled", false);
        return offer;
    }

    /** The string values of the query's parameters and the literals in its text. */
    private static Set<String> namedValues(JsonNode body) {
        Set<String> values = new HashSet<>();
        for (JsonNode parameter : body.path("parameters")) {
            values.add(parameter.path("value").asText());
        }
        Matcher quoted = QUOTED.matcher(body.path("query").asText(""));
        List<String> literals = new ArrayList<>();
        while (quoted.find()) {
            literals.add(quoted.group(1) != null ? quoted.group(1) : quoted.group(2));
        }
        values.addAll(literals);
        return values;
    }
}
