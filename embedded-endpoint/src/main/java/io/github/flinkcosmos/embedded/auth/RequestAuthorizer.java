package io.github.flinkcosmos.embedded.auth;

import io.github.flinkcosmos.embedded.protocol.GatewayRequest;
import io.github.flinkcosmos.embedded.protocol.GatewayResponse;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Authorizes every request as the service does, before anything else looks at it: a master-key
 * signature ({@code type=master}) over the request's verb, resource and date, with the date within
 * 15 minutes of the endpoint's clock; or a Microsoft Entra ID access token ({@code type=aad}) from
 * a trusted issuer, for this account, unexpired, whose principal holds a data-plane role when role
 * assignments are enforced. A refusal answers 401 (403 for a missing role) with the service's JSON
 * error body.
 *
 * <p>Tests configure it through {@code EmbeddedCosmosEndpoint.authorization()}.
 */
public final class RequestAuthorizer {

    /** How far the request's date may be from the service's clock, either way. */
    public static final Duration DATE_WINDOW = Duration.ofMinutes(15);

    /** The audience the service accepts for any account, beside the account's own. */
    public static final String COSMOS_AUDIENCE = "https://cosmos.azure.com";

    /** The service's substatus for a principal without the RBAC permission for an action. */
    public static final int SUBSTATUS_MISSING_RBAC_PERMISSION = 5301;

    /** The service's substatus for a metadata write that an Entra ID token cannot authorize. */
    public static final int SUBSTATUS_AAD_METADATA_WRITE = 5300;

    private final List<MasterKeySignature> accountKeys = new CopyOnWriteArrayList<>();
    private final Supplier<URI> endpoint;
    private final TokenSigningKeys signingKeys = new TokenSigningKeys();
    private final Set<String> dataPlanePrincipals = ConcurrentHashMap.newKeySet();
    private final Map<String, AcceptedToken> tokensAccepted = new ConcurrentHashMap<>();
    private volatile boolean roleAssignmentsEnforced;
    private volatile Clock clock = Clock.systemUTC();

    public RequestAuthorizer(String accountKey, Supplier<URI> endpoint) {
        this.accountKeys.add(new MasterKeySignature(accountKey));
        this.endpoint = endpoint;
    }

    /**
     * Accepts another key of the account too, as the service accepts its primary and secondary
     * keys; a test that needs a key of its own (to look for it in messages) adds it here.
     */
    public RequestAuthorizer addSecondaryKey(String accountKey) {
        accountKeys.add(new MasterKeySignature(accountKey));
        return this;
    }

    /** Trusts the tokens signed by the keys of this JSON Web Key Set (a token service's JWKS). */
    public RequestAuthorizer trustTokenIssuerKeys(String jwks) {
        signingKeys.trust(jwks);
        return this;
    }

    /**
     * From now on, a token's principal needs a data-plane role assignment ({@link
     * #assignDataContributor}); until this is called, every valid token's principal has one.
     */
    public RequestAuthorizer enforceRoleAssignments() {
        roleAssignmentsEnforced = true;
        return this;
    }

    /**
     * Assigns the Built-in Data Contributor role (00000000-0000-0000-0000-000000000002) to a
     * principal, by its object id (the token's {@code oid}) or, without one, its application id.
     */
    public RequestAuthorizer assignDataContributor(String principalId) {
        dataPlanePrincipals.add(principalId);
        return this;
    }

    public RequestAuthorizer removeRoleAssignment(String principalId) {
        dataPlanePrincipals.remove(principalId);
        return this;
    }

    /** The service's clock; a test shifts it to make the SDK's dates look old. */
    public RequestAuthorizer clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /**
     * How many different Entra ID tokens (by principal and expiry) the endpoint has accepted; a
     * client that refreshes its tokens shows several.
     */
    public int distinctTokensAccepted() {
        return tokensAccepted.size();
    }

    /** The tokens of this principal the endpoint accepted, in the order of their first use. */
    public List<AcceptedToken> tokensAccepted(String principalId) {
        return tokensAccepted.values().stream()
                .filter(token -> token.principalId().equals(principalId))
                .sorted(Comparator.comparing(AcceptedToken::firstUse))
                .toList();
    }

    /** The refusal of a request, or empty when it is authorized. */
    public Optional<GatewayResponse> deny(GatewayRequest request) {
        Optional<String> header = request.header("authorization");
        if (header.isEmpty()) {
            return unauthorized(
                    "Required Header authorization is missing. Ensure a valid Authorization token"
                            + " is passed.");
        }
        Map<String, String> token = parse(header.get());
        String type = token.getOrDefault("type", "");
        String signature = token.getOrDefault("sig", "");
        switch (type) {
            case "master":
                return checkMasterKey(request, signature);
            case "aad":
                return checkAccessToken(request, signature);
            default:
                return unauthorized(
                        "The authorization token type '%s' is not supported.".formatted(type));
        }
    }

    private Optional<GatewayResponse> checkMasterKey(GatewayRequest request, String signature) {
        String xMsDate = request.header("x-ms-date").orElse("");
        String httpDate = request.header("date").orElse("");
        String date = xMsDate.isEmpty() ? httpDate : xMsDate;
        Instant now = clock.instant();
        Optional<Instant> sent = parseDate(date);
        if (sent.isEmpty()) {
            return unauthorized(
                    ("The request authorization date '%s' is not an RFC 1123 date (x-ms-date or"
                                    + " date header).")
                            .formatted(date));
        }
        if (sent.get().isBefore(now.minus(DATE_WINDOW))
                || sent.get().isAfter(now.plus(DATE_WINDOW))) {
            return unauthorized(
                    ("The authorization token is not valid at the current time. Please create"
                                    + " another token and retry (token start time: %s, token"
                                    + " expiry time: %s, current server time: %s).")
                            .formatted(sent.get(), sent.get().plus(DATE_WINDOW), now));
        }
        String payload =
                MasterKeySignature.payload(
                        request.method(),
                        ResourceAddress.of(request.segments()),
                        xMsDate,
                        httpDate);
        if (accountKeys.stream().noneMatch(key -> key.matches(payload, signature))) {
            return unauthorized(
                    ("The input authorization token can't serve the request. The wrong key is"
                                    + " being used or the expected payload is not built as per"
                                    + " the protocol.\r\nServer used the following payload to"
                                    + " sign: '%s'")
                            .formatted(payload));
        }
        return Optional.empty();
    }

    private Optional<GatewayResponse> checkAccessToken(GatewayRequest request, String jwt) {
        URI account = endpoint.get();
        String host = account.getScheme() + "://" + account.getHost();
        Set<String> audiences = Set.of(host, host + "/", COSMOS_AUDIENCE, COSMOS_AUDIENCE + "/");
        AccessTokenVerifier.Result result =
                new AccessTokenVerifier(signingKeys).verify(jwt, audiences, clock.instant());
        if (result instanceof AccessTokenVerifier.Refused refused) {
            return unauthorized(
                    "Request blocked by Auth %s : The AAD token was refused: %s."
                            .formatted(account.getHost(), refused.reason()));
        }
        AccessTokenVerifier.Accepted accepted = (AccessTokenVerifier.Accepted) result;
        String principal = accepted.principalId();
        tokensAccepted.merge(
                principal + "@" + accepted.expiry(),
                AcceptedToken.firstUse(principal, accepted.expiry(), clock.instant()),
                AcceptedToken::usedAgain);
        if (isMetadataWrite(request)) {
            return forbidden(
                    SUBSTATUS_AAD_METADATA_WRITE,
                    ("Request blocked by Auth %s : Operation '%s' on resource '%s' cannot be"
                                    + " authorized by an Entra ID token in the data plane; create"
                                    + " databases and containers with the account key or through"
                                    + " Azure Resource Manager.")
                            .formatted(account.getHost(), request.method(), request.path()));
        }
        if (roleAssignmentsEnforced && !dataPlanePrincipals.contains(principal)) {
            return forbidden(
                    SUBSTATUS_MISSING_RBAC_PERMISSION,
                    ("Request blocked by Auth %s : Request is blocked because principal [%s] does"
                                    + " not have required RBAC permissions to perform action"
                                    + " [%s] on resource [%s]. Learn more:"
                                    + " https://aka.ms/cosmos-native-rbac.")
                            .formatted(
                                    account.getHost(),
                                    principal,
                                    action(request),
                                    "/" + String.join("/", request.segments())));
        }
        return Optional.empty();
    }

    /** Creating or deleting a database or container: a control-plane action for Entra ID. */
    private static boolean isMetadataWrite(GatewayRequest request) {
        int depth = request.segments().size();
        boolean databaseOrContainer = depth >= 1 && depth <= 4;
        return databaseOrContainer && !request.method().equals("GET");
    }

    private static String action(GatewayRequest request) {
        int depth = request.segments().size();
        if (depth >= 5 && request.segment(4).equals("docs")) {
            return "Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/items/"
                    + (request.method().equals("GET") ? "read" : "write");
        }
        return "Microsoft.DocumentDB/databaseAccounts/readMetadata";
    }

    private static Map<String, String> parse(String header) {
        Map<String, String> fields = new HashMap<>();
        for (String field : URLDecoder.decode(header, StandardCharsets.UTF_8).split("&")) {
            int equals = field.indexOf('=');
            if (equals > 0) {
                fields.put(field.substring(0, equals), field.substring(equals + 1));
            }
        }
        return fields;
    }

    private static Optional<Instant> parseDate(String date) {
        try {
            return Optional.of(
                    ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME)
                            .withZoneSameInstant(ZoneOffset.UTC)
                            .toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<GatewayResponse> unauthorized(String message) {
        return Optional.of(GatewayResponse.error(401, 0, message));
    }

    private static Optional<GatewayResponse> forbidden(int subStatus, String message) {
        return Optional.of(GatewayResponse.error(403, subStatus, message));
    }
}
