package io.github.flinkcosmos.embedded.standalone;

import io.github.flinkcosmos.embedded.EmbeddedCosmosEndpoint;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs an embedded endpoint in a process of its own, so that its documents and counters outlive the
 * processes that write to it, with a {@link ControlServer control API} on another loopback port.
 * Once both listen it prints one line on stdout,
 *
 * <pre>
 * EMBEDDED_COSMOS_ENDPOINT_READY endpoint=http://localhost:41234/ control=http://127.0.0.1:41235/
 * </pre>
 *
 * and runs until it is killed. {@link EndpointProcess} starts it and reads that line.
 */
public final class EndpointMain {

    /** The first word of the line printed once the endpoint and the control API listen. */
    public static final String READY = "EMBEDDED_COSMOS_ENDPOINT_READY";

    private EndpointMain() {}

    public static void main(String[] args) throws InterruptedException {
        LaunchArguments arguments;
        try {
            arguments = LaunchArguments.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        EmbeddedCosmosEndpoint endpoint = arguments.endpoint().start();
        endpoint.partitions().rangesForNewContainers(arguments.partitions());
        if (arguments.auditWrites()) {
            endpoint.stats().auditWrites();
        }
        ControlServer control = ControlServer.start(endpoint, arguments.controlPort());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    control.close();
                                    endpoint.close();
                                    stopped.countDown();
                                },
                                "embedded-endpoint-shutdown"));
        System.out.println(readyLine(endpoint.uri(), control.uri()));
        System.out.flush();
        stopped.await();
    }

    static String readyLine(URI endpoint, URI control) {
        return "%s endpoint=%s control=%s".formatted(READY, endpoint, control);
    }
}
