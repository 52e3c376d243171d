package io.github.flinkcosmos.embedded.store;

/**
 * What identifies a document in a container: its whole partition-key value, as compact JSON, and
 * its id. Two documents with the same id but another partition-key value are two documents.
 */
public record DocumentKey(String partitionKey, String id) {}
