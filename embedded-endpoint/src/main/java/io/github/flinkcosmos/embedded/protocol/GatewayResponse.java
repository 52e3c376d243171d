package io.github.flinkcosmos.embedded.protocol;

import io.github.flinkcosmos.embedded.store.Json;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A response before it is written: status, headers beyond the common ones, the body, and how long
 * an injected fault holds it back.
 */
public record GatewayResponse(
        int status, Map<String, String> headers, byte[] body, Duration delay) {

    public GatewayResponse {
        headers = Map.copyOf(headers);
    }

    public GatewayResponse(int status, Map<String, String> headers, byte[] body) {
        this(status, headers, body, Duration.ZERO);
    }

    public static GatewayResponse json(int status, byte[] body) {
        return new GatewayResponse(status, Map.of(), body);
    }

    public static GatewayResponse json(int status, Object body) {
        return json(status, Json.bytes(body));
    }

    public static GatewayResponse empty(int status) {
        return new GatewayResponse(status, Map.of(), new byte[0]);
    }

    /** An error in the service's shape, {@code {"code": …, "message": …}}. */
    public static GatewayResponse error(int status, int subStatus, String message) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (subStatus != 0) {
            headers.put("x-ms-substatus", Integer.toString(subStatus));
        }
        String body =
                Json.MAPPER
                        .createObjectNode()
                        .put("code", codeOf(status))
                        .put("message", message)
                        .toString();
        return new GatewayResponse(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    public GatewayResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new GatewayResponse(status, more, body, delay);
    }

    public GatewayResponse withDelay(Duration delay) {
        return new GatewayResponse(status, headers, body, delay);
    }

    private static String codeOf(int status) {
        switch (status) {
            case 400:
                return "BadRequest";
            case 401:
                return "Unauthorized";
            case 403:
                return "Forbidden";
            case 404:
                return "NotFound";
            case 408:
                return "RequestTimeout";
            case 409:
                return "Conflict";
            case 410:
                return "Gone";
            case 413:
                return "RequestEntityTooLarge";
            case 429:
                return "TooManyRequests";
            case 449:
                return "RetryWith";
            case 503:
                return "ServiceUnavailable";
            default:
                return status >= 500 ? "InternalServerError" : "Error";
        }
    }
}
