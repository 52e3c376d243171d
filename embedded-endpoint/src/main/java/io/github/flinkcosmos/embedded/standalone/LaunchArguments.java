package io.github.flinkcosmos.embedded.standalone;

import io.github.flinkcosmos.embedded.EmbeddedCosmosEndpoint;

import java.util.List;
import java.util.Optional;

/**
 * What {@link EndpointMain} is told on its command line.
 *
 * <pre>
 * --port N            the endpoint's port; 0 (the default) picks a free one
 * --control-port N    the control API's port on 127.0.0.1; 0 (the default) picks a free one
 * --key KEY           the account key (Base64); the emulator's well-known key by default
 * --partitions N      partition-key ranges of every new container; 1 by default
 * --plain-http        HTTP instead of HTTPS with a self-signed certificate
 * --audit-writes      count repeated writes from the start (see WriteAudit)
 * </pre>
 */
record LaunchArguments(
        int port,
        int controlPort,
        Optional<String> key,
        int partitions,
        boolean plainHttp,
        boolean auditWrites) {

    static final String USAGE =
            "Usage: EndpointMain [--port N] [--control-port N] [--key BASE64] [--partitions N]"
                    + " [--plain-http] [--audit-writes]";

    static LaunchArguments parse(List<String> args) {
        int port = 0;
        int controlPort = 0;
        Optional<String> key = Optional.empty();
        int partitions = 1;
        boolean plainHttp = false;
        boolean auditWrites = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--port" -> port = port(args, ++i, arg);
                case "--control-port" -> controlPort = port(args, ++i, arg);
                case "--key" -> key = Optional.of(value(args, ++i, arg));
                case "--partitions" -> partitions = positive(args, ++i, arg);
                case "--plain-http" -> plainHttp = true;
                case "--audit-writes" -> auditWrites = true;
                default ->
                        throw new IllegalArgumentException(
                                "Unknown argument '%s'. %s".formatted(arg, USAGE));
            }
        }
        return new LaunchArguments(port, controlPort, key, partitions, plainHttp, auditWrites);
    }

    EmbeddedCosmosEndpoint.Builder endpoint() {
        EmbeddedCosmosEndpoint.Builder builder = EmbeddedCosmosEndpoint.builder().port(port);
        key.ifPresent(builder::key);
        return plainHttp ? builder.plainHttp() : builder;
    }

    private static String value(List<String> args, int index, String name) {
        if (index >= args.size()) {
            throw new IllegalArgumentException("%s needs a value. %s".formatted(name, USAGE));
        }
        return args.get(index);
    }

    private static int port(List<String> args, int index, String name) {
        int port = integer(args, index, name);
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(
                    "%s must be a port from 0 to 65535, got %d".formatted(name, port));
        }
        return port;
    }

    private static int positive(List<String> args, int index, String name) {
        int value = integer(args, index, name);
        if (value < 1) {
            throw new IllegalArgumentException(
                    "%s must be at least 1, got %d".formatted(name, value));
        }
        return value;
    }

    private static int integer(List<String> args, int index, String name) {
        String value = value(args, index, name);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "%s must be a whole number, got '%s'".formatted(name, value), e);
        }
    }
}
