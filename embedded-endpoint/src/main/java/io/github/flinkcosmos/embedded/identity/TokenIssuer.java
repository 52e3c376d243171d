package io.github.flinkcosmos.embedded.identity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinkcosmos.embedded.store.Json;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The token service's logic, apart from HTTP: registered applications (a secret, a certificate, a
 * federated identity) and managed identities, the tokens it signs, and the errors Entra ID answers.
 */
final class TokenIssuer {

    /** What can authenticate an application. */
    private sealed interface ClientCredential {}

    private record Secret(String value) implements ClientCredential {}

    private record Certificate(X509Certificate certificate) implements ClientCredential {}

    private record Federated(String subject) implements ClientCredential {}

    private final String tenantId;
    private final Supplier<URI> address;
    private final KeyPair signingKey;
    private final String keyId;
    private final Map<String, ClientCredential> applications = new ConcurrentHashMap<>();
    private final Set<String> managedIdentities = ConcurrentHashMap.newKeySet();
    private final String managedIdentityHeader = UUID.randomUUID().toString();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final Map<String, AtomicInteger> tokensIssuedTo = new ConcurrentHashMap<>();
    private final AtomicInteger requestsRefused = new AtomicInteger();
    private volatile Duration tokenLifetime = Duration.ofHours(1);

    TokenIssuer(String tenantId, Supplier<URI> address) {
        this.tenantId = tenantId;
        this.address = address;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.signingKey = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        this.keyId = UUID.randomUUID().toString();
    }

    String tenantId() {
        return tenantId;
    }

    String managedIdentityHeader() {
        return managedIdentityHeader;
    }

    void tokenLifetime(Duration lifetime) {
        this.tokenLifetime = lifetime;
    }

    int tokensIssued() {
        return tokensIssued.get();
    }

    int tokensIssuedTo(String clientId) {
        AtomicInteger issued = tokensIssuedTo.get(clientId);
        return issued == null ? 0 : issued.get();
    }

    private void countIssued(String clientId) {
        tokensIssued.incrementAndGet();
        tokensIssuedTo.computeIfAbsent(clientId, id -> new AtomicInteger()).incrementAndGet();
    }

    int requestsRefused() {
        return requestsRefused.get();
    }

    void registerSecret(String clientId, String secret) {
        applications.put(clientId, new Secret(secret));
    }

    void registerCertificate(String clientId, X509Certificate certificate) {
        applications.put(clientId, new Certificate(certificate));
    }

    void registerFederated(String clientId, String subject) {
        applications.put(clientId, new Federated(subject));
    }

    void registerManagedIdentity(String clientId) {
        managedIdentities.add(clientId);
    }

    /** The object id of an application's or a managed identity's service principal. */
    static String objectId(String clientId) {
        return UUID.nameUUIDFromBytes(("oid:" + clientId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    String issuer() {
        return address.get().resolve("/" + tenantId + "/v2.0").toString();
    }

    String jwks() {
        RSAPublicKey key = (RSAPublicKey) signingKey.getPublic();
        ObjectNode jwks = Json.MAPPER.createObjectNode();
        ObjectNode entry = jwks.putArray("keys").addObject();
        entry.put("kty", "RSA");
        entry.put("use", "sig");
        entry.put("kid", keyId);
        entry.put("n", Jwts.encode(unsigned(key.getModulus())));
        entry.put("e", Jwts.encode(unsigned(key.getPublicExponent())));
        entry.put("issuer", issuer());
        return jwks.toString();
    }

    ObjectNode openIdConfiguration(String tenant) {
        URI base = address.get();
        ObjectNode metadata = Json.MAPPER.createObjectNode();
        metadata.put("issuer", issuer());
        metadata.put(
                "token_endpoint", base.resolve("/" + tenant + "/oauth2/v2.0/token").toString());
        metadata.put(
                "authorization_endpoint",
                base.resolve("/" + tenant + "/oauth2/v2.0/authorize").toString());
        metadata.put("jwks_uri", base.resolve("/" + tenant + "/discovery/v2.0/keys").toString());
        metadata.putArray("response_types_supported").add("code").add("token");
        metadata.putArray("id_token_signing_alg_values_supported").add("RS256");
        metadata.putArray("token_endpoint_auth_methods_supported")
                .add("client_secret_post")
                .add("private_key_jwt");
        metadata.put("tenant_region_scope", "WW");
        return metadata;
    }

    /** The OAuth 2.0 client-credentials grant, by secret or client assertion. */
    TokenResponse clientCredentials(String tenant, TokenRequest request) {
        if (!tenant.equals(tenantId)) {
            return refuse(
                    400,
                    "invalid_request",
                    90002,
                    "Tenant '%s' not found. Check to make sure you have the correct tenant ID and"
                                    .formatted(tenant)
                            + " are signing into the correct cloud.");
        }
        if (!request.field("grant_type").equals("client_credentials")) {
            return refuse(
                    400,
                    "unsupported_grant_type",
                    70003,
                    "The app requested an unsupported grant type '%s'."
                            .formatted(request.field("grant_type")));
        }
        String clientId = request.field("client_id");
        ClientCredential registered = applications.get(clientId);
        if (registered == null) {
            return refuse(
                    400,
                    "unauthorized_client",
                    700016,
                    "Application with identifier '%s' was not found in the directory '%s'."
                            .formatted(clientId, tenant));
        }
        String scope = resourceOf(request.field("scope"));
        if (registered instanceof Secret secret) {
            if (!MessageDigest.isEqual(
                    secret.value().getBytes(StandardCharsets.UTF_8),
                    request.field("client_secret").getBytes(StandardCharsets.UTF_8))) {
                return refuse(
                        401,
                        "invalid_client",
                        7000215,
                        "Invalid client secret provided. Ensure the secret being sent in the"
                                + " request is the client secret value, not the client secret ID,"
                                + " for a secret added to app '%s'.".formatted(clientId));
            }
            return token(clientId, scope);
        }
        String assertion = request.field("client_assertion");
        if (assertion.isEmpty()) {
            return refuse(
                    401,
                    "invalid_client",
                    7000218,
                    "The request body must contain the following parameter: 'client_assertion'"
                            + " or 'client_secret'.");
        }
        Jwts.Parsed parsed;
        try {
            parsed = Jwts.parse(assertion);
        } catch (IOException e) {
            return refuse(401, "invalid_client", 50027, "Invalid JWT token: " + e.getMessage());
        }
        if (registered instanceof Certificate certificate) {
            return certificateAssertion(clientId, certificate.certificate(), parsed, scope);
        }
        return federatedAssertion(clientId, ((Federated) registered).subject(), parsed, scope);
    }

    private TokenResponse certificateAssertion(
            String clientId, X509Certificate certificate, Jwts.Parsed assertion, String scope) {
        if (!assertion.signedBy(certificate.getPublicKey())) {
            return refuse(
                    401,
                    "invalid_client",
                    700027,
                    "Client assertion contains an invalid signature. The key was not found or"
                            + " does not match the certificate registered for app '%s'."
                                    .formatted(clientId));
        }
        if (Instant.now().isAfter(certificate.getNotAfter().toInstant())) {
            return refuse(
                    401,
                    "invalid_client",
                    700027,
                    "The certificate with identifier used to sign the client assertion is expired"
                            + " on application '%s' (expired %s)."
                                    .formatted(clientId, certificate.getNotAfter().toInstant()));
        }
        if (!assertion.claims().path("iss").asText().equals(clientId)
                || !assertion.claims().path("sub").asText().equals(clientId)) {
            return refuse(
                    401,
                    "invalid_client",
                    700021,
                    "The client assertion's iss and sub must be the application id.");
        }
        if (expired(assertion)) {
            return refuse(401, "invalid_client", 500133, "The client assertion has expired.");
        }
        return token(clientId, scope);
    }

    private TokenResponse federatedAssertion(
            String clientId, String subject, Jwts.Parsed assertion, String scope) {
        if (!assertion.signedBy(signingKey.getPublic())
                || !assertion.claims().path("sub").asText().equals(subject)) {
            return refuse(
                    400,
                    "invalid_request",
                    70021,
                    "No matching federated identity record found for the presented assertion of"
                            + " app '%s'.".formatted(clientId));
        }
        if (expired(assertion)) {
            return refuse(
                    400,
                    "invalid_request",
                    700024,
                    "The client assertion is not within its valid time range.");
        }
        return token(clientId, scope);
    }

    /** A service-account token of a cluster, as AKS mounts it for workload identity. */
    String federatedToken(String subject, Duration lifetime) {
        Instant now = Instant.now();
        ObjectNode claims = Json.MAPPER.createObjectNode();
        claims.put("iss", address.get().resolve("/cluster").toString());
        claims.put("sub", subject);
        claims.put("aud", "api://AzureADTokenExchange");
        claims.put("iat", now.getEpochSecond());
        claims.put("nbf", now.getEpochSecond());
        claims.put("exp", now.plus(lifetime).getEpochSecond());
        return Jwts.sign(header(), claims, signingKey.getPrivate());
    }

    /** The App Service managed-identity protocol (IDENTITY_ENDPOINT, IDENTITY_HEADER). */
    TokenResponse managedIdentity(TokenRequest request) {
        if (!managedIdentityHeader.equals(request.headers().get("x-identity-header"))) {
            return refuse(401, "invalid_request", 0, "The X-IDENTITY-HEADER is missing or wrong.");
        }
        String clientId = request.query().getOrDefault("client_id", "system-assigned");
        if (!managedIdentities.contains(clientId)) {
            return refuse(
                    400,
                    "invalid_request",
                    0,
                    "No managed identity with client id '%s' is assigned.".formatted(clientId));
        }
        String resource = request.query().getOrDefault("resource", "");
        Instant expiry = Instant.now().plus(tokenLifetime);
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("access_token", accessToken(clientId, resource, expiry));
        body.put("expires_on", Long.toString(expiry.getEpochSecond()));
        body.put("resource", resource);
        body.put("token_type", "Bearer");
        body.put("client_id", clientId);
        countIssued(clientId);
        return TokenResponse.json(200, body);
    }

    private TokenResponse token(String clientId, String resource) {
        Instant expiry = Instant.now().plus(tokenLifetime);
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("token_type", "Bearer");
        body.put("expires_in", tokenLifetime.toSeconds());
        body.put("ext_expires_in", tokenLifetime.toSeconds());
        body.put("access_token", accessToken(clientId, resource, expiry));
        countIssued(clientId);
        return TokenResponse.json(200, body);
    }

    String accessToken(String clientId, String resource, Instant expiry) {
        Instant now = Instant.now();
        ObjectNode claims = Json.MAPPER.createObjectNode();
        claims.put("aud", resource);
        claims.put("iss", issuer());
        claims.put("iat", now.getEpochSecond());
        claims.put("nbf", now.getEpochSecond());
        claims.put("exp", expiry.getEpochSecond());
        claims.put("appid", clientId);
        claims.put("azp", clientId);
        claims.put("oid", objectId(clientId));
        claims.put("sub", objectId(clientId));
        claims.put("tid", tenantId);
        return Jwts.sign(header(), claims, signingKey.getPrivate());
    }

    private ObjectNode header() {
        ObjectNode header = Json.MAPPER.createObjectNode();
        header.put("alg", "RS256");
        header.put("typ", "JWT");
        header.put("kid", keyId);
        return header;
    }

    /**
     * {@code https://host/.default} (MSAL may add openid and profile) names {@code https://host}.
     */
    private static String resourceOf(String scopes) {
        return Arrays.stream(scopes.split(" "))
                .filter(scope -> scope.endsWith("/.default"))
                .map(scope -> scope.substring(0, scope.length() - "/.default".length()))
                .findFirst()
                .orElse(scopes);
    }

    private static boolean expired(Jwts.Parsed assertion) {
        long exp = assertion.claims().path("exp").asLong(Long.MAX_VALUE);
        return Instant.now().getEpochSecond() > exp;
    }

    private TokenResponse refuse(int status, String error, int code, String description) {
        requestsRefused.incrementAndGet();
        return TokenResponse.oauthError(status, error, code, description);
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }
}
