package io.github.flinkcosmos.chaos;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * A deterministic changelog of keyed, versioned updates and deletes, and the table it ends in.
 *
 * <p>Event {@code s} of {@code 0 … rows-1} is about id {@code s mod ids}, in round {@code s div
 * ids}; it gives the id version {@code round + 1}, or deletes it when {@link #deletes(long, long)}
 * says so; a later round brings a deleted id back. Flink computes this as a GROUP BY over a datagen
 * sequence, with a HAVING that drops the groups whose latest event is a delete, so the sink sees
 * inserts, updates (UPDATE_BEFORE and UPDATE_AFTER) and groups leaving the result; {@link
 * #expectedTable()} replays the same events in plain Java, without Flink.
 *
 * @param ids how many distinct ids
 * @param rows how many events; every id gets {@code rows / ids} of them, some one more
 * @param rowsPerSecond the source's rate, so that failures land in the middle of the job
 */
record ChangelogWorkload(int ids, long rows, int rowsPerSecond) {

    /** The full run of -Pchaos: 50,000 ids, six versions each. */
    static final ChangelogWorkload FULL = new ChangelogWorkload(50_000, 300_000, 4_000);

    /**
     * The short run of mvn verify: a minute of rows, so that the job still runs when the kill and
     * the outage come after its first checkpoint, also on a loaded machine (at 1,000 rows/s it once
     * finished first).
     */
    static final ChangelogWorkload SHORT = new ChangelogWorkload(5_000, 30_000, 500);

    /** Whether event {@code round} of this id deletes it: about one event in seven. */
    static boolean deletes(long id, long round) {
        return (id * 31 + round * 17) % 7 == 0;
    }

    static String payload(long id, long version) {
        return "payload-" + id + "-" + version;
    }

    /** The final table, id → version, from the events themselves; absent ids are deleted. */
    Map<String, Integer> expectedTable() {
        Map<String, Integer> table = new HashMap<>();
        for (long s = 0; s < rows; s++) {
            long id = s % ids;
            long round = s / ids;
            if (deletes(id, round)) {
                table.remove(String.valueOf(id));
            } else {
                table.put(String.valueOf(id), (int) (round + 1));
            }
        }
        return table;
    }

    /**
     * The SQL client script: job settings, the source, the Cosmos DB table and the INSERT. The
     * formulas are {@link #deletes} and {@link #payload} in SQL.
     *
     * @param sinkOptions extra WITH options of the sink, such as its buffering, as SQL pairs
     * @param settings extra SET statements, such as the savepoint to resume from
     */
    String script(
            String jobName,
            int parallelism,
            URI endpoint,
            String key,
            String database,
            String container,
            String sinkOptions,
            String settings) {
        return """
                SET 'pipeline.name' = '%s';
                SET 'parallelism.default' = '%d';
                SET 'execution.checkpointing.interval' = '2 s';
                SET 'execution.checkpointing.min-pause' = '500 ms';
                SET 'table.exec.sink.upsert-materialize' = 'NONE';
                %s

                CREATE TABLE events (
                  seq BIGINT
                ) WITH (
                  'connector' = 'datagen',
                  'fields.seq.kind' = 'sequence',
                  'fields.seq.start' = '0',
                  'fields.seq.end' = '%d',
                  'rows-per-second' = '%d',
                  'scan.parallelism' = '1'
                );

                CREATE TABLE documents (
                  id STRING,
                  version INT,
                  payload STRING,
                  PRIMARY KEY (id) NOT ENFORCED
                ) WITH (
                  'connector' = 'cosmos',
                  'cosmos.endpoint' = '%s',
                  'cosmos.key' = '%s',
                  'cosmos.database' = '%s',
                  'cosmos.container' = '%s',
                  'cosmos.connection-mode' = 'gateway',
                  'cosmos.write.delete-mode' = 'delete',
                  'cosmos.async.bulk.request-timeout-ms' = '4000'%s
                );

                INSERT INTO documents
                SELECT
                  CAST(id AS STRING),
                  CAST(MAX(rnd) + 1 AS INT),
                  CONCAT('payload-', CAST(id AS STRING), '-', CAST(MAX(rnd) + 1 AS STRING))
                FROM (
                  SELECT seq %% %d AS id, CAST(FLOOR(seq / %d) AS BIGINT) AS rnd FROM events
                )
                GROUP BY id
                HAVING MOD(id * 31 + MAX(rnd) * 17, 7) <> 0;
                """
                .formatted(
                        jobName,
                        parallelism,
                        settings,
                        rows - 1,
                        rowsPerSecond,
                        endpoint,
                        key,
                        database,
                        container,
                        sinkOptions.isEmpty() ? "" : ",\n  " + sinkOptions,
                        ids,
                        ids);
    }
}
