package io.github.flinkcosmos.embedded.identity;

import java.util.List;
import java.util.Map;

/** One request to the token service: method, path segments, query or form fields, headers. */
record TokenRequest(
        String method,
        List<String> segments,
        Map<String, String> query,
        Map<String, String> form,
        Map<String, String> headers) {

    String field(String name) {
        return form.getOrDefault(name, "");
    }
}
