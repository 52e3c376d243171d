package io.github.flinkcosmos.embedded.observability;

import io.github.flinkcosmos.embedded.faults.Operation;
import io.github.flinkcosmos.embedded.faults.OperationKind;
import io.github.flinkcosmos.embedded.faults.RequestKind;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of requests by kind and status and of document operations by kind and status, plus a log
 * of the most recent requests.
 */
public final class EndpointStats {

    /** How many requests the log keeps; older ones are dropped. */
    public static final int LOG_CAPACITY = 10_000;

    /** What {@link #requestsWithPriority} calls a request without a priority header. */
    public static final String NO_PRIORITY = "none";

    private final ConcurrentMap<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LongAdder> operations = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LongAdder> priorities = new ConcurrentHashMap<>();
    private final Deque<LoggedRequest> log = new ArrayDeque<>();
    private volatile OperationListener listener;
    private final DoubleAdder requestUnits = new DoubleAdder();
    private volatile Optional<WriteAudit> audit = Optional.empty();

    public void recordRequest(LoggedRequest request) {
        requests.computeIfAbsent(request.kind() + "/" + request.statusCode(), k -> new LongAdder())
                .increment();
        synchronized (log) {
            if (log.size() == LOG_CAPACITY) {
                log.removeFirst();
            }
            log.addLast(request);
        }
    }

    /** Counts the operation and its charge, and tells the listener, if one is set. */
    public void recordOperation(Operation operation, int statusCode, double requestCharge) {
        recordOperation(operation.kind(), statusCode, requestCharge);
        OperationListener current = listener;
        if (current != null) {
            current.answered(operation, statusCode);
        }
    }

    /**
     * Tells this listener of every document operation from now on, in place of any before; null for
     * none, the default.
     */
    public void listen(OperationListener listener) {
        this.listener = listener;
    }

    public void recordOperation(OperationKind kind, int statusCode, double requestCharge) {
        operations.computeIfAbsent(kind + "/" + statusCode, k -> new LongAdder()).increment();
        requestUnits.add(requestCharge);
    }

    /** The request units charged for every document operation so far. */
    public double requestUnits() {
        return requestUnits.sum();
    }

    /** Starts auditing writes for repeats, afresh; see {@link WriteAudit}. */
    public WriteAudit auditWrites() {
        WriteAudit started = new WriteAudit();
        audit = Optional.of(started);
        return started;
    }

    /** The write audit, if one was started. */
    public Optional<WriteAudit> audit() {
        return audit;
    }

    /**
     * Counts a request by the priority it sent in {@code x-ms-cosmos-priority-level}, as sent
     * ({@code High}, {@code Low}), or {@link #NO_PRIORITY}.
     */
    public void recordPriority(RequestKind kind, Optional<String> priority) {
        priorities
                .computeIfAbsent(kind + "/" + priority.orElse(NO_PRIORITY), k -> new LongAdder())
                .increment();
    }

    /** Requests of this kind that sent this priority level, or {@link #NO_PRIORITY}. */
    public long requestsWithPriority(RequestKind kind, String priority) {
        LongAdder count = priorities.get(kind + "/" + priority);
        return count == null ? 0 : count.sum();
    }

    /** Requests of this kind answered with this status. */
    public long requests(RequestKind kind, int statusCode) {
        LongAdder count = requests.get(kind + "/" + statusCode);
        return count == null ? 0 : count.sum();
    }

    /** Requests of this kind, whatever their status. */
    public long requests(RequestKind kind) {
        return sum(requests, kind + "/");
    }

    /** Document operations of this kind (alone or in bulk) answered with this status. */
    public long operations(OperationKind kind, int statusCode) {
        LongAdder count = operations.get(kind + "/" + statusCode);
        return count == null ? 0 : count.sum();
    }

    public long operations(OperationKind kind) {
        return sum(operations, kind + "/");
    }

    /** Every counter, as "KIND/status" → count, sorted; handy in assertion messages. */
    public Map<String, Long> snapshot() {
        Map<String, Long> all = new TreeMap<>();
        requests.forEach((key, count) -> all.put("request " + key, count.sum()));
        operations.forEach((key, count) -> all.put("operation " + key, count.sum()));
        priorities.forEach((key, count) -> all.put("priority " + key, count.sum()));
        return all;
    }

    public List<LoggedRequest> requestLog() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    /** Clears the counters and the log, and stops a write audit. */
    public void reset() {
        requests.clear();
        operations.clear();
        requestUnits.reset();
        audit = Optional.empty();
        priorities.clear();
        synchronized (log) {
            log.clear();
        }
    }

    private static long sum(Map<String, LongAdder> counters, String prefix) {
        return counters.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(prefix))
                .mapToLong(entry -> entry.getValue().sum())
                .sum();
    }
}
