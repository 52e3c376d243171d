package io.github.flinkcosmos.embedded.store;

/**
 * A document as stored: its JSON with the system properties ({@code _rid}, {@code _etag}, {@code
 * _ts}, {@code _self}) already added, kept as bytes because that is what every read sends.
 */
public record StoredDocument(DocumentKey key, byte[] json, String etag) {}
