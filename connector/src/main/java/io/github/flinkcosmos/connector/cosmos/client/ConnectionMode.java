package io.github.flinkcosmos.connector.cosmos.client;

import org.apache.flink.annotation.PublicEvolving;

/** How the Cosmos DB client talks to the service. */
@PublicEvolving
public enum ConnectionMode {
    /** TCP connections straight to the replicas; the fastest mode for an Azure account. */
    DIRECT,
    /** HTTPS requests through the account's gateway; local endpoints usually speak only this. */
    GATEWAY
}
