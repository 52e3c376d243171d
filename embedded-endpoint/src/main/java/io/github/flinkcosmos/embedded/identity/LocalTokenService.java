package io.github.flinkcosmos.embedded.identity;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A Microsoft Entra ID token service on loopback, for tests: the OAuth 2.0 client-credentials grant
 * with a client secret or a client assertion (a certificate's, or a workload identity's federated
 * token), the OpenID metadata and JSON Web Key Set that MSAL and the embedded Cosmos DB endpoint
 * read, and the App Service managed-identity endpoint ({@code IDENTITY_ENDPOINT} with {@code
 * IDENTITY_HEADER}). It speaks HTTPS only, as MSAL requires of an authority, with a certificate for
 * {@code localhost} that {@link #trustInThisJvm()} adds to the JVM's default trust store.
 *
 * <pre>{@code
 * try (LocalTokenService tokens = LocalTokenService.start()) {
 *     tokens.registerSecretClient("app", "s3cret");
 *     endpoint.authorization().trustTokenIssuerKeys(tokens.jwks());
 *     TokenCredential credential = new ClientSecretCredentialBuilder()
 *             .authorityHost(tokens.authorityHost().toString())
 *             .tenantId(tokens.tenantId()).clientId("app").clientSecret("s3cret")
 *             .disableInstanceDiscovery().build();
 * }
 * }</pre>
 */
public final class LocalTokenService implements AutoCloseable {

    private final EventLoopGroup group;
    private final Channel channel;
    private final URI address;
    private final TokenIssuer issuer;
    private final TestCertificates.Issued tls;

    private LocalTokenService(
            EventLoopGroup group,
            Channel channel,
            URI address,
            TokenIssuer issuer,
            TestCertificates.Issued tls) {
        this.group = group;
        this.channel = channel;
        this.address = address;
        this.issuer = issuer;
        this.tls = tls;
    }

    /**
     * The certificate of every token service of this JVM, made once: the JVM's HTTPS clients build
     * their TLS contexts from the default trust store once (reactor-netty keeps a default one for
     * the JVM's life), so the certificate they are to trust must be known before the first of them.
     */
    private static TestCertificates.Issued jvmCertificate;

    /** Starts the service on a free port of 127.0.0.1, with a new tenant id. */
    public static LocalTokenService start() {
        TestCertificates.Issued tls = trustInThisJvm();
        SslContext context;
        try {
            context =
                    SslContextBuilder.forServer(tls.keys().getPrivate(), tls.certificate())
                            .sslProvider(SslProvider.JDK)
                            .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        URI[] address = new URI[1];
        TokenIssuer issuer = new TokenIssuer(UUID.randomUUID().toString(), () -> address[0]);
        EventLoopGroup group = new NioEventLoopGroup(1);
        Handler handler = new Handler(issuer);
        try {
            Channel channel =
                    new ServerBootstrap()
                            .group(group)
                            .channel(NioServerSocketChannel.class)
                            .childHandler(
                                    new ChannelInitializer<SocketChannel>() {
                                        @Override
                                        protected void initChannel(SocketChannel socket) {
                                            socket.pipeline()
                                                    .addLast(context.newHandler(socket.alloc()))
                                                    .addLast(new HttpServerCodec())
                                                    .addLast(new HttpObjectAggregator(1 << 20))
                                                    .addLast(handler);
                                        }
                                    })
                            .bind(new InetSocketAddress("127.0.0.1", 0))
                            .sync()
                            .channel();
            int port = ((InetSocketAddress) channel.localAddress()).getPort();
            address[0] = URI.create("https://localhost:" + port);
            return new LocalTokenService(group, channel, address[0], issuer, tls);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw new IllegalStateException("Interrupted while starting the token service", e);
        }
    }

    /** The authority host to give a credential, {@code https://localhost:<port>}. */
    public URI authorityHost() {
        return address;
    }

    public String tenantId() {
        return issuer.tenantId();
    }

    /** The JSON Web Key Set the tokens are signed with, for the Cosmos DB endpoint to trust. */
    public String jwks() {
        return issuer.jwks();
    }

    /** How long the tokens issued from now on are valid; one hour unless set. */
    public LocalTokenService tokenLifetime(Duration lifetime) {
        issuer.tokenLifetime(lifetime);
        return this;
    }

    /** Registers an application that authenticates with a client secret; returns its object id. */
    public String registerSecretClient(String clientId, String secret) {
        issuer.registerSecret(clientId, secret);
        return objectId(clientId);
    }

    /** Registers an application that signs client assertions with this certificate's key. */
    public String registerCertificateClient(String clientId, X509Certificate certificate) {
        issuer.registerCertificate(clientId, certificate);
        return objectId(clientId);
    }

    /**
     * Registers an application with a federated identity credential for a workload's subject (such
     * as {@code system:serviceaccount:ns:name}) and writes that workload's token file, as AKS
     * mounts it at {@code AZURE_FEDERATED_TOKEN_FILE}.
     */
    public String registerWorkloadIdentity(String clientId, String subject, Path tokenFile) {
        issuer.registerFederated(clientId, subject);
        try {
            Files.writeString(
                    tokenFile,
                    issuer.federatedToken(subject, Duration.ofHours(1)),
                    StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return objectId(clientId);
    }

    /** Assigns a managed identity, by its client id, or {@code system-assigned}. */
    public String registerManagedIdentity(String clientId) {
        issuer.registerManagedIdentity(clientId);
        return objectId(clientId);
    }

    /** {@code IDENTITY_ENDPOINT}, the App Service managed-identity endpoint of this service. */
    public URI managedIdentityEndpoint() {
        return address.resolve("/msi/token");
    }

    /** {@code IDENTITY_HEADER}, the secret a managed-identity request must carry. */
    public String managedIdentityHeader() {
        return issuer.managedIdentityHeader();
    }

    /** The object id of the service principal of a registered application or managed identity. */
    public static String objectId(String clientId) {
        return TokenIssuer.objectId(clientId);
    }

    /**
     * An access token for a client, as the token endpoint would issue it but for any audience (such
     * as {@code https://localhost}) and lifetime, negative for one that has already expired.
     */
    public String accessToken(String clientId, String audience, Duration lifetime) {
        return issuer.accessToken(clientId, audience, java.time.Instant.now().plus(lifetime));
    }

    public int tokensIssued() {
        return issuer.tokensIssued();
    }

    /** How many access tokens the service issued to this client id. */
    public int tokensIssuedTo(String clientId) {
        return issuer.tokensIssuedTo(clientId);
    }

    public int requestsRefused() {
        return issuer.requestsRefused();
    }

    /**
     * Makes this JVM's default trust store the JDK's CA certificates plus the token services'
     * certificate, through {@code javax.net.ssl.trustStore}: azure-identity's HTTP client and MSAL
     * build their TLS contexts from it. Idempotent. Call it before the JVM's first HTTPS client,
     * for example from a JUnit {@code LauncherSessionListener}, since reactor-netty builds its
     * default TLS context only once; {@link #start()} calls it too, for JVMs that start a token
     * service first.
     *
     * @return the certificate the token services present
     */
    public static synchronized TestCertificates.Issued trustInThisJvm() {
        if (jvmCertificate != null) {
            return jvmCertificate;
        }
        TestCertificates.Issued tls = TestCertificates.localhost();
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            Path cacerts = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
            try (InputStream in = Files.newInputStream(cacerts)) {
                store.load(in, "changeit".toCharArray());
            }
            store.setCertificateEntry("local-token-service", tls.certificate());
            Path file = Files.createTempFile("local-token-service-trust", ".p12");
            file.toFile().deleteOnExit();
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, "changeit".toCharArray());
            }
            System.setProperty("javax.net.ssl.trustStore", file.toString());
            System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
            System.setProperty("javax.net.ssl.trustStoreType", store.getType());
            jvmCertificate = tls;
            return tls;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot write a trust store", e);
        }
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Routes a request: token endpoint, metadata, keys, managed identity. */
    @ChannelHandler.Sharable
    private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {

        private final TokenIssuer issuer;

        Handler(TokenIssuer issuer) {
            this.issuer = issuer;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest http) {
            TokenResponse response = route(toRequest(http));
            FullHttpResponse out =
                    new DefaultFullHttpResponse(
                            HttpVersion.HTTP_1_1,
                            HttpResponseStatus.valueOf(response.status()),
                            Unpooled.wrappedBuffer(response.body()));
            out.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8")
                    .set(HttpHeaderNames.CONTENT_LENGTH, response.body().length)
                    .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
            ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
        }

        private TokenResponse route(TokenRequest request) {
            List<String> path = request.segments();
            if (path.size() == 2 && path.get(0).equals("msi") && path.get(1).equals("token")) {
                return issuer.managedIdentity(request);
            }
            if (path.size() == 4
                    && request.method().equals("POST")
                    && path.subList(1, 4).equals(List.of("oauth2", "v2.0", "token"))) {
                return issuer.clientCredentials(path.get(0), request);
            }
            if (path.size() == 4
                    && path.subList(1, 4)
                            .equals(List.of("v2.0", ".well-known", "openid-configuration"))) {
                return TokenResponse.json(200, issuer.openIdConfiguration(path.get(0)));
            }
            if (path.size() == 4
                    && path.subList(1, 4).equals(List.of("discovery", "v2.0", "keys"))) {
                return new TokenResponse(200, issuer.jwks().getBytes(StandardCharsets.UTF_8));
            }
            return TokenResponse.oauthError(
                    404, "not_found", 0, "The local token service does not serve " + path);
        }

        private static TokenRequest toRequest(FullHttpRequest http) {
            QueryStringDecoder uri = new QueryStringDecoder(http.uri());
            List<String> segments = new ArrayList<>();
            for (String segment : uri.path().split("/")) {
                if (!segment.isEmpty()) {
                    segments.add(segment);
                }
            }
            Map<String, String> headers = new HashMap<>();
            http.headers()
                    .forEach(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
            String body = http.content().toString(StandardCharsets.UTF_8);
            return new TokenRequest(
                    http.method().name(),
                    segments,
                    first(uri.parameters()),
                    first(new QueryStringDecoder(body, false).parameters()),
                    headers);
        }

        private static Map<String, String> first(Map<String, List<String>> parameters) {
            Map<String, String> first = new HashMap<>();
            parameters.forEach((name, values) -> first.put(name, values.get(0)));
            return first;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
