package io.github.flinkcosmos.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Writes the scenarios' figures as the Markdown results file of {@code -Pchaos}. */
final class ChaosReport {

    static final String COMMAND =
            "mvn -B -Pchaos -pl chaos -am verify -Dtest=none -Dit.test=ChaosITCase"
                    + " -Dsurefire.failIfNoSpecifiedTests=false"
                    + " -Dfailsafe.failIfNoSpecifiedTests=false";

    private ChaosReport() {}

    static void write(Path file, ChangelogWorkload workload, List<ScenarioResult> results)
            throws IOException {
        StringBuilder out = new StringBuilder();
        out.append(
                """
                # Chaos: a real Flink cluster under fire

                Written by `%s` (the `chaos` module, `ChaosITCase`). Each scenario starts the \
                embedded endpoint in a process of its own, a standalone Flink %s session cluster \
                of separate processes (one `StandaloneSessionClusterEntrypoint`, \
                `TaskManagerRunner`s of one slot each, hashmap state, checkpoints every 2 s to a \
                local directory, fixed-delay restarts), and submits the job through Flink's SQL \
                client with the shaded jar (`--jar`).

                The workload is a deterministic changelog: a datagen sequence of %,d events over \
                %,d ids at %,d rows/s, grouped by id with a HAVING that drops ids whose latest \
                event deletes them, written with `cosmos.write.delete-mode = delete`. The sink \
                sees inserts, UPDATE_BEFORE/UPDATE_AFTER pairs and groups leaving the result. The \
                expected container is computed from the generator in plain Java, without Flink; \
                at the end every document is read back from the endpoint and compared: every id \
                present at its last version and payload, every deleted id absent.

                A *repeated write* gives a document a body it already had (a replay after a \
                restore or a retried request whose first attempt was applied); a *delete of an \
                absent document* (404) only happens on a replay with this changelog. Their \
                request units are the *extra RU*. Request units are the endpoint's model (5 RU \
                per started KiB written).

                | Scenario | Faults | Kills survived | Restarts | Documents expected | Lost | Stale | Resurrected | Writes | Repeated writes | Deletes of absent | Extra RU | Total RU | Rows in savepoint state | Seconds |
                |---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
                """
                        .formatted(
                                COMMAND,
                                org.apache.flink.runtime.util.EnvironmentInformation.getVersion(),
                                workload.rows(),
                                workload.ids(),
                                workload.rowsPerSecond()));
        for (ScenarioResult r : results) {
            ContainerVerdict v = r.verdict();
            out.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %s | %d | %d | %,d | %d | %d | %d | %,d | %,d | %,d | %,.0f | %,.0f | %s | %d |%n",
                            r.name(),
                            r.faults(),
                            r.kills(),
                            r.restarts(),
                            v.expectedPresent(),
                            v.lost(),
                            v.stale(),
                            v.resurrected(),
                            r.writes(),
                            r.repeatedWrites(),
                            r.deletesOfAbsent(),
                            r.extraRequestUnits(),
                            r.requestUnits(),
                            r.bufferedInSavepoint() < 0
                                    ? "–"
                                    : String.valueOf(r.bufferedInSavepoint()),
                            r.seconds()));
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, out.toString());
    }
}
