package io.github.flinkcosmos.embedded.auth;

import io.github.flinkcosmos.embedded.EmbeddedCosmosEndpoint;
import io.github.flinkcosmos.embedded.protocol.GatewayRequest;
import io.github.flinkcosmos.embedded.protocol.GatewayResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Master-key signatures that azure-cosmos 4.81.0 sent with the emulator's key, as captured on the
 * wire, one per kind of resource link: the account, a feed, a path by resource ids (signed over the
 * lower-cased collection id), the docs feed of bulk requests, and a document.
 */
class RequestAuthorizerTest {

    private static final URI ENDPOINT = URI.create("https://localhost:8081/");

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "GET, /, Sat, 21 Nov 2026 10:17:04 GMT, FX5xWA11sju07cCE6KJzKbJIU6J8bJquHfKqewrLALM%3D",
        "POST, /dbs, Sat, 21 Nov 2026 10:17:05 GMT, fjPORuRSSnZO5DM29Wyp6N66NtiKXUiqGiersmcB0Tg%3D",
        "GET, /dbs/gAABAA==/colls/gAABAIAAAAE=/pkranges, Sat, 21 Nov 2026 10:17:05 GMT,"
                + " OsmolKpXuK0tE7D0%2BHlMOPTAS%2Bbti%2FGva2a%2F%2F%2F3nLLo%3D",
        "POST, /dbs/probedb/colls/c1/docs, Sat, 21 Nov 2026 10:17:05 GMT,"
                + " rahbTfvM%2BiSv4wFuBT9KIBqCZU6iLx9Vug75Kz9R9Fg%3D",
        "GET, /dbs/probedb/colls/c1/docs/single-1, Sat, 21 Nov 2026 10:17:05 GMT,"
                + " GUmiEwJ1gvaQlZijSxeD1fKCqtVfdLpgNt2VA%2Fdxk4Q%3D",
        "DELETE, /dbs/probedb/colls/c1/docs/single-1, Sat, 21 Nov 2026 10:17:06 GMT,"
                + " 0dvo%2F5mJRyieMgzh8TLMnUGKzg6EGWLB7cUvGHdguAo%3D",
    })
    void acceptsTheSignaturesTheSdkSent(
            String method, String path, String day, String date, String signature) {
        RequestAuthorizer authorizer = authorizerAt(day + ", " + date);

        assertThat(authorizer.deny(request(method, path, day + ", " + date, signature))).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "GET, /dbs/probedb/colls/c1/docs/single-2, Sat, 21 Nov 2026 10:17:05 GMT,"
                + " GUmiEwJ1gvaQlZijSxeD1fKCqtVfdLpgNt2VA%2Fdxk4Q%3D",
        "PUT, /dbs/probedb/colls/c1/docs/single-1, Sat, 21 Nov 2026 10:17:05 GMT,"
                + " GUmiEwJ1gvaQlZijSxeD1fKCqtVfdLpgNt2VA%2Fdxk4Q%3D",
        "GET, /dbs/probedb/colls/c1/docs/single-1, Sat, 21 Nov 2026 10:17:06 GMT,"
                + " GUmiEwJ1gvaQlZijSxeD1fKCqtVfdLpgNt2VA%2Fdxk4Q%3D",
    })
    void refusesASignatureOverAnotherRequest(
            String method, String path, String day, String date, String signature) {
        Optional<GatewayResponse> denied =
                authorizerAt(day + ", " + date)
                        .deny(request(method, path, day + ", " + date, signature));

        assertThat(denied).isPresent();
        assertThat(denied.get().status()).isEqualTo(401);
        assertThat(new String(denied.get().body(), StandardCharsets.UTF_8))
                .contains("\"code\":\"Unauthorized\"")
                .contains("The input authorization token can't serve the request");
    }

    @ParameterizedTest(name = "/{0}")
    @CsvSource({
        "'', '', ''",
        "dbs, dbs, ''",
        "dbs/db/colls/c/docs, docs, dbs/db/colls/c",
        "dbs/db/colls/c/docs/x, docs, dbs/db/colls/c/docs/x",
        "dbs/gAABAA==/colls/gAABAIAAAAE=/pkranges, pkranges, gaabaiaaaae=",
        "offers, offers, ''",
        "offers/AbCd, offers, abcd",
    })
    void signsOverTheServicesResourceTypeAndLink(String path, String type, String link) {
        List<String> segments =
                Arrays.stream(path.split("/")).filter(segment -> !segment.isEmpty()).toList();

        assertThat(ResourceAddress.of(segments)).isEqualTo(new ResourceAddress(type, link));
    }

    @ParameterizedTest(name = "server clock {0} min from the request''s date")
    @CsvSource({"16", "-16"})
    void refusesADateOutsideFifteenMinutes(long minutes) {
        String date = "Sat, 21 Nov 2026 10:17:04 GMT";
        RequestAuthorizer authorizer =
                authorizerAt(date).clock(Clock.offset(clockAt(date), Duration.ofMinutes(minutes)));

        Optional<GatewayResponse> denied =
                authorizer.deny(
                        request(
                                "GET",
                                "/",
                                date,
                                "FX5xWA11sju07cCE6KJzKbJIU6J8bJquHfKqewrLALM%3D"));

        assertThat(denied.map(GatewayResponse::status)).contains(401);
        assertThat(new String(denied.get().body(), StandardCharsets.UTF_8))
                .contains("The authorization token is not valid at the current time");
    }

    @ParameterizedTest(name = "server clock {0} min from the request''s date")
    @CsvSource({"14", "-14"})
    void acceptsADateWithinFifteenMinutes(long minutes) {
        String date = "Sat, 21 Nov 2026 10:17:04 GMT";
        RequestAuthorizer authorizer =
                authorizerAt(date).clock(Clock.offset(clockAt(date), Duration.ofMinutes(minutes)));

        assertThat(
                        authorizer.deny(
                                request(
                                        "GET",
                                        "/",
                                        date,
                                        "FX5xWA11sju07cCE6KJzKbJIU6J8bJquHfKqewrLALM%3D")))
                .isEmpty();
    }

    private static RequestAuthorizer authorizerAt(String date) {
        return new RequestAuthorizer(EmbeddedCosmosEndpoint.KEY, () -> ENDPOINT)
                .clock(clockAt(date));
    }

    private static Clock clockAt(String date) {
        Instant instant =
                java.time.ZonedDateTime.parse(
                                date, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    private static GatewayRequest request(
            String method, String path, String date, String encodedSignature) {
        List<String> segments =
                Arrays.stream(path.split("/"))
                        .filter(segment -> !segment.isEmpty())
                        .map(segment -> URLDecoder.decode(segment, StandardCharsets.UTF_8))
                        .toList();
        String authorization = "type%3Dmaster%26ver%3D1.0%26sig%3D" + encodedSignature.strip();
        return new GatewayRequest(
                method,
                path,
                segments,
                Map.of("authorization", authorization, "x-ms-date", date),
                new byte[0]);
    }
}
