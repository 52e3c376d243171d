package io.github.flinkcosmos.demo;

import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.CosmosException;

import java.util.List;

/** Counts a container's documents with the SDK, the way anyone can check what a job wrote. */
final class DocumentCounter {

    private static final int NOT_FOUND = 404;

    private final CosmosAsyncContainer container;

    DocumentCounter(CosmosAsyncContainer container) {
        this.container = container;
    }

    /** The number of documents, or 0 while the sink has not created the container yet. */
    long count() {
        try {
            List<Long> counts =
                    container
                            .queryItems("SELECT VALUE COUNT(1) FROM c", Long.class)
                            .collectList()
                            .block();
            return counts == null ? 0 : counts.stream().mapToLong(Long::longValue).sum();
        } catch (CosmosException e) {
            if (e.getStatusCode() == NOT_FOUND) {
                return 0;
            }
            throw e;
        }
    }
}
