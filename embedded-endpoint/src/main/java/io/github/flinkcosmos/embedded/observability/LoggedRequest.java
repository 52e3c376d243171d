package io.github.flinkcosmos.embedded.observability;

import io.github.flinkcosmos.embedded.faults.RequestKind;

/** One request the endpoint answered, for assertions on what a client sent. */
public record LoggedRequest(String method, String path, RequestKind kind, int statusCode) {}
