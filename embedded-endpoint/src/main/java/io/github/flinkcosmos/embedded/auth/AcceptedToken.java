package io.github.flinkcosmos.embedded.auth;

import java.time.Instant;

/**
 * One Entra ID token the endpoint accepted, and when it was used: a client that refreshes its
 * tokens in time shows a chain of them, each first used before the one before it expired.
 *
 * @param principalId the token's {@code oid}, or without one its application id
 * @param expiry the token's {@code exp}
 * @param firstUse when the endpoint first accepted it, by the endpoint's clock
 * @param lastUse when it last accepted it
 * @param requests how many requests it authenticated
 */
public record AcceptedToken(
        String principalId, Instant expiry, Instant firstUse, Instant lastUse, long requests) {

    /** A token accepted once, now. */
    static AcceptedToken firstUse(String principalId, Instant expiry, Instant now) {
        return new AcceptedToken(principalId, expiry, now, now, 1);
    }

    /** This token, accepted once more. */
    AcceptedToken usedAgain(AcceptedToken use) {
        return new AcceptedToken(
                principalId,
                expiry,
                firstUse.isBefore(use.firstUse) ? firstUse : use.firstUse,
                lastUse.isAfter(use.lastUse) ? lastUse : use.lastUse,
                requests + use.requests);
    }
}
