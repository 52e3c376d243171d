package io.github.flinkcosmos.codegen.spec;

/**
 * The option keys that feed the connector-level backoff formula {@code delay = min(initialDelay ×
 * multiplier^(attempt − 1), maxDelay)}.
 */
public record RetryBackoff(
        String maxAttemptsKey, String initialDelayKey, String maxDelayKey, String multiplierKey) {}
