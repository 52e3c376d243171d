package io.github.flinkcosmos.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The documents of every end-to-end run, built from a sequence number {@code n}: the raw SDK builds
 * them in Java, the Flink SQL job from a datagen sequence, and both yield the same JSON (the
 * benchmark compares stored documents to make sure).
 *
 * @param noteLength how many characters of padding each document carries, which sets its size
 * @param keys the partition-key values, document {@code n} taking {@code keys[n % size]}; empty for
 *     the default {@code pk-0} to {@code pk-63}
 */
record BenchmarkDocuments(int noteLength, List<String> keys) {

    static final int PARTITION_KEYS = 64;

    /** A rate that means "as fast as the writer can", for a source or a raw program. */
    static final long UNPACED = Long.MAX_VALUE;

    private static final int CUSTOMERS = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    BenchmarkDocuments {
        keys = List.copyOf(keys);
    }

    BenchmarkDocuments(int noteLength) {
        this(noteLength, List.of());
    }

    /** The small documents, with these partition-key values in turn. */
    static BenchmarkDocuments small(List<String> keys) {
        return new BenchmarkDocuments(small().noteLength(), keys);
    }

    /** About 170 bytes of JSON, like a narrow row of a streaming job. */
    static BenchmarkDocuments small() {
        return new BenchmarkDocuments(64);
    }

    ObjectNode document(long n) {
        return JSON.createObjectNode()
                .put("id", "doc-" + n)
                .put("pk", key(n))
                .put("amount", n * 1.25)
                .put("currency", "EUR")
                .put("customer", "customer-" + n % CUSTOMERS)
                .put("note", "x".repeat(noteLength));
    }

    static String partitionKey(long n) {
        return "pk-" + n % PARTITION_KEYS;
    }

    /** Document {@code n}'s partition-key value. */
    String key(long n) {
        return keys.isEmpty() ? partitionKey(n) : keys.get((int) (n % keys.size()));
    }

    /**
     * The SQL expression of {@link #key} over the sequence column {@code n}; each literal is cast,
     * so that a CASE of literals of different lengths does not pad them to one CHAR length.
     */
    String keyExpression() {
        if (keys.isEmpty()) {
            return "CONCAT('pk-', CAST(MOD(n, %d) AS STRING))".formatted(PARTITION_KEYS);
        }
        return IntStream.range(0, keys.size())
                .mapToObj(i -> " WHEN %d THEN CAST('%s' AS STRING)".formatted(i, keys.get(i)))
                .collect(Collectors.joining("", "CASE MOD(n, %d)".formatted(keys.size()), " END"));
    }

    /**
     * A bounded datagen sequence 0 … rows − 1, as fast as the source can go (datagen's default is
     * 10,000 rows per second).
     */
    static String sourceTable(String name, long rows) {
        return sourceTable(name, rows, UNPACED);
    }

    /** The same sequence at a given rate. */
    static String sourceTable(String name, long rows, long rowsPerSecond) {
        return """
                CREATE TEMPORARY TABLE %s (n BIGINT) WITH (
                  'connector' = 'datagen',
                  'fields.n.kind' = 'sequence',
                  'fields.n.start' = '0',
                  'fields.n.end' = '%d',
                  'rows-per-second' = '%d'
                )"""
                .formatted(name, rows - 1, rowsPerSecond);
    }

    /** A cosmos sink table that creates its container, partitioned like the raw SDK's. */
    static String sinkTable(
            String name,
            URI endpoint,
            String key,
            String database,
            String container,
            Map<String, String> moreOptions) {
        String options =
                moreOptions.entrySet().stream()
                        .map(
                                option ->
                                        ",\n  '%s' = '%s'"
                                                .formatted(option.getKey(), option.getValue()))
                        .collect(Collectors.joining());
        return """
                CREATE TEMPORARY TABLE %s (
                  id STRING,
                  pk STRING,
                  amount DOUBLE,
                  currency STRING,
                  customer STRING,
                  note STRING,
                  PRIMARY KEY (id, pk) NOT ENFORCED
                ) PARTITIONED BY (pk) WITH (
                  'connector' = 'cosmos',
                  'cosmos.endpoint' = '%s',
                  'cosmos.key' = '%s',
                  'cosmos.database' = '%s',
                  'cosmos.container' = '%s',
                  'cosmos.connection-mode' = 'gateway',
                  'cosmos.auto-create' = 'true'%s
                )"""
                .formatted(name, endpoint, key, database, container, options);
    }

    /** The INSERT that turns the sequence into the same documents as {@link #document}. */
    String insert(String sink, String source) {
        return """
                INSERT INTO %s
                SELECT
                  CONCAT('doc-', CAST(n AS STRING)),
                  %s,
                  CAST(n AS DOUBLE) * 1.25,
                  'EUR',
                  CONCAT('customer-', CAST(MOD(n, %d) AS STRING)),
                  REPEAT('x', %d)
                FROM %s"""
                .formatted(sink, keyExpression(), CUSTOMERS, noteLength, source);
    }

    /**
     * The size in bytes of a document with a six-digit sequence number, like most of a run's, as
     * JSON: what the request-unit model charges by.
     */
    int typicalBytes() {
        return document(123_456).toString().length();
    }
}
