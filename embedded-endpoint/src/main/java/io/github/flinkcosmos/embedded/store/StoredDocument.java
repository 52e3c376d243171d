package io.github.flinkcosmos.embedded.store;

/**
 * A document as stored: its JSON with the system properties ({@code _rid}, {@code _etag}, {@code
 * _ts}, {@code _self}) already added, kept as bytes because that is what every read sends.
 *
 * @param lastModifiedMillis when it was written, the instant its {@code _ts} is taken from
 * @param timeToLive its own {@code ttl} in seconds (-1 for never), or null without one
 */
public record StoredDocument(
        DocumentKey key, byte[] json, String etag, long lastModifiedMillis, Integer timeToLive) {

    /**
     * Whether the service no longer shows it, as time-to-live works: only when the container's
     * time-to-live is on ({@code defaultTtl} present), after the document's own {@code ttl} or else
     * the container's, -1 meaning never; with the container's off, a {@code ttl} is ignored.
     *
     * @param defaultTimeToLive the container's {@code defaultTtl}, null when off
     */
    public boolean expired(Integer defaultTimeToLive, long nowMillis) {
        if (defaultTimeToLive == null) {
            return false;
        }
        int seconds = timeToLive != null ? timeToLive : defaultTimeToLive;
        return seconds > 0 && nowMillis >= lastModifiedMillis + seconds * 1000L;
    }
}
