package io.github.flinkcosmos.embedded;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.cosmos.CosmosAsyncClient;
import com.azure.cosmos.CosmosClientBuilder;
import com.azure.cosmos.CosmosException;
import com.azure.identity.ClientSecretCredentialBuilder;
import io.github.flinkcosmos.embedded.auth.RequestAuthorizer;
import io.github.flinkcosmos.embedded.identity.LocalTokenService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The endpoint checks Entra ID tokens as the service does, driven by the real SDK: a token from the
 * local token service through azure-identity is accepted; an expired one, one for another audience,
 * and one signed by an untrusted key answer 401; a principal without a role assignment, 403.
 */
class EntraIdAuthorizationITCase {

    private static final String APP = "app-" + System.nanoTime();
    private static final String SECRET = "not-a-real-secret";

    private static EmbeddedCosmosEndpoint endpoint;
    private static LocalTokenService tokens;
    private static LocalTokenService untrusted;

    @BeforeAll
    static void start() {
        endpoint = EmbeddedCosmosEndpoint.start();
        endpoint.createContainer("db", "c", "/pk");
        tokens = LocalTokenService.start();
        tokens.registerSecretClient(APP, SECRET);
        untrusted = LocalTokenService.start();
        endpoint.authorization().trustTokenIssuerKeys(tokens.jwks());
    }

    @AfterEach
    void noRoleChecks() {
        endpoint.authorization().assignDataContributor(LocalTokenService.objectId(APP));
    }

    @AfterAll
    static void stop() {
        endpoint.close();
        tokens.close();
        untrusted.close();
    }

    @Test
    void acceptsATokenFromAzureIdentity() {
        TokenCredential credential =
                new ClientSecretCredentialBuilder()
                        .authorityHost(tokens.authorityHost().toString())
                        .tenantId(tokens.tenantId())
                        .clientId(APP)
                        .clientSecret(SECRET)
                        .disableInstanceDiscovery()
                        .build();
        int issuedBefore = tokens.tokensIssued();

        assertThat(readContainer(credential)).isEqualTo("c");
        assertThat(tokens.tokensIssued()).isGreaterThan(issuedBefore);
    }

    @Test
    void aClientGetsANewTokenOnceItsTokenExpires() throws Exception {
        tokens.tokenLifetime(Duration.ofSeconds(3));
        try (CosmosAsyncClient client =
                new CosmosClientBuilder()
                        .endpoint(endpoint.uri().toString())
                        .credential(
                                new ClientSecretCredentialBuilder()
                                        .authorityHost(tokens.authorityHost().toString())
                                        .tenantId(tokens.tenantId())
                                        .clientId(APP)
                                        .clientSecret(SECRET)
                                        .disableInstanceDiscovery()
                                        .build())
                        .gatewayMode()
                        .buildAsyncClient()) {
            int issued = tokens.tokensIssued();
            for (int i = 0; i < 12; i++) {
                client.getDatabase("db").getContainer("c").read().block();
                Thread.sleep(1_000);
            }

            // 12 seconds of 3-second tokens: the first and at least three more.
            assertThat(tokens.tokensIssued() - issued).isGreaterThanOrEqualTo(3);
        } finally {
            tokens.tokenLifetime(Duration.ofHours(1));
        }
    }

    @Test
    void answers401ToAnExpiredToken() {
        String token = tokens.accessToken(APP, "https://localhost", Duration.ofMinutes(-10));

        assertRefused(token, 401, "the token expired");
    }

    @Test
    void answers401ToATokenForAnotherAudience() {
        String token = tokens.accessToken(APP, "https://storage.azure.com", Duration.ofHours(1));

        assertRefused(token, 401, "audience 'https://storage.azure.com'");
    }

    @Test
    void answers401ToATokenSignedByAnUntrustedKey() {
        String token = untrusted.accessToken(APP, "https://localhost", Duration.ofHours(1));

        assertRefused(token, 401, "unknown key");
    }

    @Test
    void answers403WithoutARoleAssignment() {
        endpoint.authorization()
                .enforceRoleAssignments()
                .removeRoleAssignment(LocalTokenService.objectId(APP));
        String token = tokens.accessToken(APP, "https://localhost", Duration.ofHours(1));

        assertRefused(token, 403, "does not have required RBAC permissions");
    }

    @Test
    void acceptsTheCosmosAudienceAndAnAssignedRole() {
        endpoint.authorization()
                .enforceRoleAssignments()
                .assignDataContributor(LocalTokenService.objectId(APP));
        String token =
                tokens.accessToken(APP, RequestAuthorizer.COSMOS_AUDIENCE, Duration.ofHours(1));

        assertThat(readContainer(fixed(token))).isEqualTo("c");
    }

    private static void assertRefused(String token, int status, String reason) {
        assertThatThrownBy(() -> readContainer(fixed(token)))
                .satisfies(
                        e -> {
                            if (e instanceof CosmosException cosmos) {
                                assertThat(cosmos.getStatusCode()).isEqualTo(status);
                            } else {
                                // The SDK reads the account when the client is built; a refusal
                                // then fails buildAsyncClient, quoting the service's answer.
                                assertThat(e.getMessage())
                                        .contains(status == 401 ? "Unauthorized" : "Forbidden");
                            }
                        })
                .hasMessageContaining(reason);
    }

    /** A credential that always returns this token, whatever it is. */
    private static TokenCredential fixed(String token) {
        return request -> Mono.just(new AccessToken(token, OffsetDateTime.now().plusHours(1)));
    }

    private static String readContainer(TokenCredential credential) {
        try (CosmosAsyncClient client =
                new CosmosClientBuilder()
                        .endpoint(endpoint.uri().toString())
                        .credential(credential)
                        .gatewayMode()
                        .buildAsyncClient()) {
            return client.getDatabase("db")
                    .getContainer("c")
                    .read()
                    .block()
                    .getProperties()
                    .getId();
        }
    }
}
