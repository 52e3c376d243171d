package io.github.flinkcosmos.embedded.server;

import io.github.flinkcosmos.embedded.auth.RequestAuthorizer;
import io.github.flinkcosmos.embedded.faults.FaultInjector;
import io.github.flinkcosmos.embedded.observability.EndpointStats;
import io.github.flinkcosmos.embedded.protocol.Router;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The Netty server under the endpoint: HTTP/1.1, optionally over TLS, on loopback. */
public final class GatewayServer implements AutoCloseable {

    /**
     * Generous on purpose: the service limits a document to 2 MB (checked per operation, 413) and a
     * batch request to about 2 MB, but a test may want to send more to see what happens.
     */
    private static final int MAX_REQUEST_BYTES = 256 * 1024 * 1024;

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ServerBootstrap bootstrap;
    private final int port;

    /** Every accepted connection, so that {@link #stopListening()} can drop them. */
    private final ChannelGroup connections;

    /** The listening channels; empty while the server does not listen. Guarded by this. */
    private List<Channel> listening;

    private GatewayServer(
            EventLoopGroup boss,
            EventLoopGroup workers,
            ServerBootstrap bootstrap,
            ChannelGroup connections,
            List<Channel> listening) {
        this.boss = boss;
        this.workers = workers;
        this.bootstrap = bootstrap;
        this.connections = connections;
        this.listening = List.copyOf(listening);
        this.port = ((InetSocketAddress) listening.get(0).localAddress()).getPort();
    }

    /**
     * Binds to the port on 127.0.0.1, and on ::1 where the machine has IPv6 loopback, since clients
     * are given {@code localhost}; port 0 picks a free one.
     */
    public static GatewayServer start(
            int port,
            Optional<SslContext> tls,
            Router router,
            FaultInjector faults,
            EndpointStats stats,
            RequestAuthorizer authorizer) {
        EventLoopGroup boss = new NioEventLoopGroup(1);
        EventLoopGroup workers = new NioEventLoopGroup();
        GatewayHandler handler = new GatewayHandler(router, faults, stats, authorizer);
        ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        try {
            ServerBootstrap bootstrap =
                    new ServerBootstrap()
                            .group(boss, workers)
                            .channel(NioServerSocketChannel.class)
                            .option(ChannelOption.SO_BACKLOG, 1024)
                            .childOption(ChannelOption.TCP_NODELAY, true)
                            .childHandler(
                                    new ChannelInitializer<SocketChannel>() {
                                        @Override
                                        protected void initChannel(SocketChannel socket) {
                                            connections.add(socket);
                                            ChannelPipeline pipeline = socket.pipeline();
                                            tls.ifPresent(
                                                    context ->
                                                            pipeline.addLast(
                                                                    context.newHandler(
                                                                            socket.alloc())));
                                            pipeline.addLast(new HttpServerCodec());
                                            pipeline.addLast(
                                                    new HttpObjectAggregator(MAX_REQUEST_BYTES));
                                            pipeline.addLast(handler);
                                        }
                                    });
            return new GatewayServer(boss, workers, bootstrap, connections, bind(bootstrap, port));
        } catch (Exception e) {
            // bind() may throw a checked BindException; the event loops must not outlive it.
            boss.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Cannot start the endpoint on port " + port, e);
        }
    }

    private static List<Channel> bind(ServerBootstrap bootstrap, int port)
            throws InterruptedException {
        List<Channel> channels = new ArrayList<>();
        Channel ipv4 = bootstrap.bind(new InetSocketAddress("127.0.0.1", port)).sync().channel();
        channels.add(ipv4);
        int boundPort = ((InetSocketAddress) ipv4.localAddress()).getPort();
        ChannelFuture ipv6 = bootstrap.bind(new InetSocketAddress("::1", boundPort)).await();
        if (ipv6.isSuccess()) {
            channels.add(ipv6.channel());
        }
        return channels;
    }

    public int port() {
        return port;
    }

    /**
     * Closes the listening sockets, so that connecting is refused, and drops every open connection,
     * as an endpoint that is down or cut off; {@link #startListening()} binds the same port again.
     */
    public synchronized void stopListening() {
        listening.forEach(channel -> channel.close().syncUninterruptibly());
        listening = List.of();
        connections.close().syncUninterruptibly();
    }

    /** Listens again on the port the server had; does nothing if it listens. */
    public synchronized void startListening() {
        if (!listening.isEmpty()) {
            return;
        }
        try {
            listening = bind(bootstrap, port);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while binding port " + port, e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot listen on port " + port + " again", e);
        }
    }

    @Override
    public synchronized void close() {
        listening.forEach(channel -> channel.close().syncUninterruptibly());
        connections.close().syncUninterruptibly();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
