package io.github.flinkcosmos.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** The few calls of Flink's REST API the scenarios need, against a job manager's address. */
final class FlinkRest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final URI base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    FlinkRest(URI base) {
        this.base = base;
    }

    URI uri() {
        return base;
    }

    /** Whether the REST endpoint answers at all; false while the job manager starts. */
    boolean isUp() {
        try {
            get("config");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Registered task managers with free and total slots. */
    int registeredTaskManagers() throws IOException {
        return get("taskmanagers").get("taskmanagers").size();
    }

    /** The id of the one job with this name, if it was submitted. */
    Optional<String> jobNamed(String name) throws IOException {
        for (JsonNode job : get("jobs/overview").get("jobs")) {
            if (job.get("name").asText().equals(name)) {
                return Optional.of(job.get("jid").asText());
            }
        }
        return Optional.empty();
    }

    /** RUNNING, RESTARTING, FINISHED, FAILED… */
    String jobState(String jobId) throws IOException {
        return get("jobs/" + jobId).get("state").asText();
    }

    /** Whether the job runs with every task running, so that it can checkpoint. */
    boolean allTasksRunning(String jobId) throws IOException {
        JsonNode job = get("jobs/" + jobId);
        if (!job.get("state").asText().equals("RUNNING")) {
            return false;
        }
        for (JsonNode vertex : job.get("vertices")) {
            String status = vertex.get("status").asText();
            if (!status.equals("RUNNING") && !status.equals("FINISHED")) {
                return false;
            }
        }
        return true;
    }

    /** The highest parallelism among the job's vertices. */
    int maxParallelism(String jobId) throws IOException {
        int max = 0;
        for (JsonNode vertex : get("jobs/" + jobId).get("vertices")) {
            max = Math.max(max, vertex.get("parallelism").asInt());
        }
        return max;
    }

    /** How often the job restarted, from the job manager's {@code numRestarts} metric. */
    long restarts(String jobId) throws IOException {
        JsonNode metrics = get("jobs/" + jobId + "/metrics?get=numRestarts");
        return metrics.isEmpty() ? 0 : metrics.get(0).get("value").asLong();
    }

    /** Completed, failed and in-progress checkpoints of the job. */
    CheckpointCounts checkpoints(String jobId) throws IOException {
        JsonNode counts = get("jobs/" + jobId + "/checkpoints").get("counts");
        return new CheckpointCounts(
                counts.get("completed").asLong(),
                counts.get("failed").asLong(),
                counts.get("in_progress").asLong());
    }

    /** Stops the job with a savepoint into this directory (without draining); the trigger id. */
    String stopWithSavepoint(String jobId, String directory) throws IOException {
        String body =
                JSON.createObjectNode()
                        .put("targetDirectory", directory)
                        .put("drain", false)
                        .toString();
        return post("jobs/" + jobId + "/stop", body).get("request-id").asText();
    }

    /** The savepoint's location once it completed, empty while in progress. */
    Optional<String> savepointLocation(String jobId, String triggerId) throws IOException {
        JsonNode status = get("jobs/" + jobId + "/savepoints/" + triggerId);
        if (!status.get("status").get("id").asText().equals("COMPLETED")) {
            return Optional.empty();
        }
        JsonNode operation = status.get("operation");
        if (operation.has("failure-cause")) {
            throw new IllegalStateException("The savepoint failed: " + operation);
        }
        return Optional.of(operation.get("location").asText());
    }

    private JsonNode get(String path) throws IOException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    private JsonNode post(String path, String body) throws IOException {
        return send(
                HttpRequest.newBuilder(base.resolve(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException {
        HttpRequest built = request.timeout(TIMEOUT).build();
        try {
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IOException(
                        "Flink's REST API answered %d to %s: %s"
                                .formatted(response.statusCode(), built.uri(), response.body()));
            }
            return JSON.readTree(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted calling " + built.uri(), e);
        }
    }

    /** A job's checkpoint counters. */
    record CheckpointCounts(long completed, long failed, long inProgress) {}
}
