package io.github.flinkcosmos.chaos;

/**
 * What one scenario did and what it cost.
 *
 * @param faults what was done to the cluster or the endpoint, in words
 * @param kills task managers killed with SIGKILL
 * @param restarts the jobs' restarts, from Flink's numRestarts metric
 * @param repeatedWrites successful writes that gave a document a body it already had: replays
 * @param deletesOfAbsent deletes answered 404, which this changelog never sends without a replay
 * @param extraRequestUnits what the repeated writes and the deletes of absent documents cost
 * @param requestUnits what every document operation of the scenario cost
 * @param bufferedInSavepoint rows the sink's state held in the savepoint, -1 if none was taken
 */
record ScenarioResult(
        String name,
        String faults,
        long rows,
        int kills,
        long restarts,
        ContainerVerdict verdict,
        long writes,
        long repeatedWrites,
        long deletesOfAbsent,
        double extraRequestUnits,
        double requestUnits,
        long bufferedInSavepoint,
        long seconds) {}
