package io.github.flinkcosmos.demo;

import com.azure.cosmos.CosmosAsyncContainer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinkcosmos.embedded.CosmosTestEndpoint;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.CloseableIterator;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's second act: the container mirrors a changing table. A bounded stream of score updates
 * feeds a Top-3 per game into a {@code cosmos} table with {@code cosmos.write.delete-mode} = {@code
 * delete}, so a player who drops out of a game's top 3 loses their document. The container is then
 * read back and compared with the same query's result as Flink computes it: its changelog,
 * collected and applied to a map.
 */
final class TopScoresAct {

    static final int GAMES = 3;
    static final int PLAYERS = 12;
    static final int TOP = 3;

    private final CosmosTestEndpoint endpoint;
    private final String container;
    private final long updates;

    TopScoresAct(CosmosTestEndpoint endpoint, String container, long updates) {
        this.endpoint = endpoint;
        this.container = container;
        this.updates = updates;
    }

    TopScoresOutcome run(TableEnvironment sql, CosmosAsyncContainer written, PrintStream out)
            throws Exception {
        out.printf(
                "%nSecond act: %,d score updates of %d players in %d games, the top %d per game"
                        + " into %s/%s with cosmos.write.delete-mode = delete.%n",
                updates, PLAYERS, GAMES, TOP, DemoJob.DATABASE, container);
        long start = System.nanoTime();
        sql.executeSql(sourceTable());
        sql.executeSql(topScoresView());
        sql.executeSql(sinkTable());
        TableResult insert = sql.executeSql("INSERT INTO cosmos_top_scores SELECT * FROM top");

        // The same query, collected: Flink's own result, as a changelog applied to a map.
        Map<TopScoresOutcome.Key, Long> expected = new HashMap<>();
        long changes = 0;
        long retractions = 0;
        try (CloseableIterator<Row> changelog = sql.executeSql("SELECT * FROM top").collect()) {
            while (changelog.hasNext()) {
                Row row = changelog.next();
                TopScoresOutcome.Key key =
                        new TopScoresOutcome.Key(
                                row.<String>getFieldAs("game"), row.<String>getFieldAs("id"));
                changes++;
                if (row.getKind() == RowKind.INSERT || row.getKind() == RowKind.UPDATE_AFTER) {
                    expected.put(key, row.<Number>getFieldAs("score").longValue());
                } else {
                    expected.remove(key);
                    retractions++;
                }
            }
        }
        insert.await();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        TopScoresOutcome outcome =
                new TopScoresOutcome(readContainer(written), expected, changes, retractions);
        outcome.print(out, elapsed);
        return outcome;
    }

    /**
     * Score updates built from a sequence, so that both jobs read the same ones: a game, a player
     * and a score spread over 0 … 10,006 by a multiplication modulo a prime.
     */
    private String sourceTable() {
        return """
                CREATE TEMPORARY TABLE score_updates_source (
                  seq BIGINT
                ) WITH (
                  'connector' = 'datagen',
                  'fields.seq.kind' = 'sequence',
                  'fields.seq.start' = '1',
                  'fields.seq.end' = '%d',
                  'rows-per-second' = '1000000'
                )"""
                .formatted(updates);
    }

    /**
     * Each player's best score per game, and per game the top 3 of those. A player's best only
     * grows, so players enter and leave a game's top 3: the query's changelog retracts rows. Ties
     * are broken by player, so the result does not depend on the order updates arrive in.
     */
    private static String topScoresView() {
        return """
                CREATE TEMPORARY VIEW top AS
                SELECT id, game, score FROM (
                  SELECT id, game, score,
                    ROW_NUMBER() OVER (PARTITION BY game ORDER BY score DESC, id) AS place
                  FROM (
                    SELECT id, game, MAX(score) AS score FROM (
                      SELECT
                        CONCAT('player-', CAST(MOD(CAST(seq / %d AS BIGINT), %d) AS STRING)) AS id,
                        CONCAT('game-', CAST(MOD(seq, %d) AS STRING)) AS game,
                        MOD(seq * 7919, 10007) AS score
                      FROM score_updates_source)
                    GROUP BY id, game))
                WHERE place <= %d"""
                .formatted(GAMES, PLAYERS, GAMES, TOP);
    }

    private String sinkTable() {
        return """
                CREATE TEMPORARY TABLE cosmos_top_scores (
                  id STRING,
                  game STRING,
                  score BIGINT,
                  PRIMARY KEY (id, game) NOT ENFORCED
                ) PARTITIONED BY (game) WITH (
                  'connector' = 'cosmos',
                  'cosmos.endpoint' = '%s',
                  'cosmos.key' = '%s',
                  'cosmos.database' = '%s',
                  'cosmos.container' = '%s',
                  'cosmos.connection-mode' = 'gateway',
                  'cosmos.auto-create' = 'true',
                  'cosmos.write.delete-mode' = 'delete'
                )"""
                .formatted(endpoint.uri(), endpoint.key(), DemoJob.DATABASE, container);
    }

    /** Every document of the container, as anyone could read it with the SDK. */
    private static Map<TopScoresOutcome.Key, Long> readContainer(CosmosAsyncContainer written) {
        Map<TopScoresOutcome.Key, Long> documents = new HashMap<>();
        List<ObjectNode> items =
                written.queryItems("SELECT * FROM c", ObjectNode.class).collectList().block();
        for (ObjectNode item : items == null ? List.<ObjectNode>of() : items) {
            documents.put(
                    new TopScoresOutcome.Key(item.get("game").asText(), item.get("id").asText()),
                    item.get("score").asLong());
        }
        return documents;
    }
}
