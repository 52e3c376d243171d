package io.github.flinkcosmos.connector.cosmos.client;

import org.apache.flink.annotation.Internal;

import java.util.List;

/**
 * Why a sink cannot be built as configured: one or more problems, each naming the option, column or
 * container at fault and what to write instead, and never a secret.
 */
@Internal
public final class CosmosConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public CosmosConfigurationException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public CosmosConfigurationException(String problem) {
        this(List.of(problem));
    }

    /** Each problem as one sentence or more, in the order found. */
    public List<String> problems() {
        return problems;
    }
}
