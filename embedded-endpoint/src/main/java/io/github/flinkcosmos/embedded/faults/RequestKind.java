package io.github.flinkcosmos.embedded.faults;

/** What a gateway request asks for. */
public enum RequestKind {
    ACCOUNT,
    DATABASE,
    CONTAINER,
    PARTITION_KEY_RANGES,
    DOCUMENT,
    BULK,
    QUERY_PLAN,
    QUERY,
    /** The {@code /offers} query and reads: a container's provisioned throughput. */
    OFFER,
    UNKNOWN
}
