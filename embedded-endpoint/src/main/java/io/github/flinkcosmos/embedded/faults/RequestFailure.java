package io.github.flinkcosmos.embedded.faults;

import java.time.Duration;

/** What happens to a whole request that a fault rule matches. */
public sealed interface RequestFailure {

    /** Answers with this status instead of handling the request. */
    static RequestFailure status(int statusCode) {
        return new Respond(statusCode, 0);
    }

    static RequestFailure status(int statusCode, int subStatusCode) {
        return new Respond(statusCode, subStatusCode);
    }

    /** Holds the response back this long, for example longer than a client's timeout. */
    static RequestFailure delay(Duration delay) {
        return new Delay(delay);
    }

    /** Resets the TCP connection without answering. */
    static RequestFailure resetConnection() {
        return new ResetConnection();
    }

    record Respond(int statusCode, int subStatusCode) implements RequestFailure {}

    record Delay(Duration delay) implements RequestFailure {}

    record ResetConnection() implements RequestFailure {}
}
