package io.github.flinkcosmos.embedded.protocol;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A request as the handlers see it: method, decoded path segments, headers with lower-case names,
 * and the body.
 */
public record GatewayRequest(
        String method,
        String path,
        List<String> segments,
        Map<String, String> headers,
        byte[] body) {

    public GatewayRequest {
        segments = List.copyOf(segments);
        headers = Map.copyOf(headers);
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    public boolean headerIsTrue(String name) {
        return header(name).map(value -> value.equalsIgnoreCase("true")).orElse(false);
    }

    public boolean is(String method, int segmentCount) {
        return this.method.equals(method) && segments.size() == segmentCount;
    }

    public String segment(int index) {
        return segments.get(index);
    }
}
