package io.github.flinkcosmos.embedded.server;

import io.github.flinkcosmos.embedded.auth.RequestAuthorizer;
import io.github.flinkcosmos.embedded.faults.FaultInjector;
import io.github.flinkcosmos.embedded.faults.RequestFailure;
import io.github.flinkcosmos.embedded.faults.RequestKind;
import io.github.flinkcosmos.embedded.observability.EndpointStats;
import io.github.flinkcosmos.embedded.observability.LoggedRequest;
import io.github.flinkcosmos.embedded.protocol.GatewayRequest;
import io.github.flinkcosmos.embedded.protocol.GatewayResponse;
import io.github.flinkcosmos.embedded.protocol.Router;
import io.github.flinkcosmos.embedded.store.Etags;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Answers one HTTP request: applies a whole-request fault if one is due, routes the request,
 * records it, and writes the response, after any injected delay, without blocking the event loop.
 */
@ChannelHandler.Sharable
final class GatewayHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private final Router router;
    private final FaultInjector faults;
    private final EndpointStats stats;
    private final RequestAuthorizer authorizer;

    GatewayHandler(
            Router router,
            FaultInjector faults,
            EndpointStats stats,
            RequestAuthorizer authorizer) {
        this.router = router;
        this.authorizer = authorizer;
        this.faults = faults;
        this.stats = stats;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest http) {
        GatewayRequest request = toRequest(http);
        RequestKind kind = router.classify(request);
        stats.recordPriority(kind, request.header("x-ms-cosmos-priority-level"));
        // The service authorizes before anything else: a refused request meets no fault.
        Optional<GatewayResponse> denied = authorizer.deny(request);
        Optional<RequestFailure> failure =
                denied.isPresent() ? Optional.empty() : faults.failureFor(kind);
        if (failure.isPresent() && failure.get() instanceof RequestFailure.ResetConnection) {
            stats.recordRequest(new LoggedRequest(request.method(), request.path(), kind, 0));
            // SO_LINGER 0 makes close() send a TCP reset instead of a graceful FIN.
            ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
            ctx.close();
            return;
        }
        GatewayResponse response = denied.orElseGet(() -> respond(request, kind, failure));
        stats.recordRequest(
                new LoggedRequest(request.method(), request.path(), kind, response.status()));
        Duration delay = faults.addedLatency().plus(response.delay());
        if (failure.isPresent() && failure.get() instanceof RequestFailure.Delay added) {
            delay = delay.plus(added.delay());
        }
        boolean keepAlive = HttpUtil.isKeepAlive(http);
        if (delay.isZero()) {
            write(ctx, response, keepAlive);
        } else {
            ctx.executor()
                    .schedule(
                            () -> write(ctx, response, keepAlive),
                            delay.toNanos(),
                            TimeUnit.NANOSECONDS);
        }
    }

    private GatewayResponse respond(
            GatewayRequest request, RequestKind kind, Optional<RequestFailure> failure) {
        if (failure.isPresent() && failure.get() instanceof RequestFailure.Respond respond) {
            return GatewayResponse.error(
                    respond.statusCode(), respond.subStatusCode(), "Injected fault");
        }
        try {
            return router.handle(request, kind);
        } catch (IOException e) {
            return GatewayResponse.error(
                    400, 0, "The embedded endpoint cannot read this request: " + e.getMessage());
        } catch (RuntimeException e) {
            return GatewayResponse.error(
                    500, 0, "The embedded endpoint failed on this request: " + e);
        }
    }

    private static GatewayRequest toRequest(FullHttpRequest http) {
        QueryStringDecoder uri = new QueryStringDecoder(http.uri());
        List<String> segments = new ArrayList<>();
        for (String segment : uri.rawPath().split("/")) {
            if (!segment.isEmpty()) {
                // Path segments, not form data: a '+' in an id is a plus, not a space.
                segments.add(QueryStringDecoder.decodeComponent(segment.replace("+", "%2B")));
            }
        }
        Map<String, String> headers = new HashMap<>();
        http.headers().forEach(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
        return new GatewayRequest(
                http.method().name(),
                uri.rawPath(),
                segments,
                headers,
                ByteBufUtil.getBytes(http.content()));
    }

    private static void write(
            ChannelHandlerContext ctx, GatewayResponse response, boolean keepAlive) {
        FullHttpResponse http =
                new DefaultFullHttpResponse(
                        HttpVersion.HTTP_1_1,
                        HttpResponseStatus.valueOf(response.status()),
                        Unpooled.wrappedBuffer(response.body()));
        http.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .set(HttpHeaderNames.CONTENT_LENGTH, response.body().length)
                .set("x-ms-activity-id", Etags.next())
                .set("x-ms-request-charge", "1");
        // No x-ms-session-token: the SDK dereferences a null alt-content-path when it gets one.
        response.headers().forEach(http.headers()::set);
        if (keepAlive) {
            http.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(http);
        } else {
            ctx.writeAndFlush(http).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A client that hangs up mid-request (as a timed-out SDK does) is normal here.
        ctx.close();
    }
}
