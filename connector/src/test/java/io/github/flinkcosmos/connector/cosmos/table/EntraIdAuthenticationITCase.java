package io.github.flinkcosmos.connector.cosmos.table;

import com.microsoft.aad.msal4j.ManagedIdentityTestEnvironment;
import io.github.flinkcosmos.connector.cosmos.testing.CosmosEnvironment;
import io.github.flinkcosmos.connector.cosmos.testing.CosmosTestContainers;
import io.github.flinkcosmos.embedded.auth.AcceptedToken;
import io.github.flinkcosmos.embedded.docs.DocsFragment;
import io.github.flinkcosmos.embedded.docs.SqlExample;
import io.github.flinkcosmos.embedded.faults.OperationKind;
import io.github.flinkcosmos.embedded.faults.RequestKind;
import io.github.flinkcosmos.embedded.identity.LocalTokenService;
import io.github.flinkcosmos.embedded.identity.TestCertificates;
import io.github.flinkcosmos.embedded.observability.EndpointStats;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Each Microsoft Entra ID type of {@code cosmos.auth.type} writes rows through Flink SQL on a
 * MiniCluster, against the embedded endpoint checking every token and the local token service
 * issuing them; a three-minute job outlives one-minute tokens; and refused credentials fail the
 * statement with a message that names the type and credential, never the secret.
 */
class EntraIdAuthenticationITCase {

    @RegisterExtension static final CosmosEnvironment COSMOS = CosmosEnvironment.embeddedOnly();

    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static final String SECRET = "Xy7~local-test-secret-0123456789";
    private static final String PFX_PASSWORD = "pfx-password-4567";

    private static LocalTokenService tokens;

    @TempDir static Path files;

    private String database;

    @BeforeAll
    static void startTokenService() {
        tokens = LocalTokenService.start();
        COSMOS.embedded().authorization().trustTokenIssuerKeys(tokens.jwks());
    }

    @AfterAll
    static void stopTokenService() {
        tokens.close();
    }

    @BeforeEach
    void newContainer() {
        database = CosmosTestContainers.uniqueDatabase("entra");
        // Databases and containers come from the key: an Entra ID token cannot create them.
        COSMOS.containers().create(database, "c", "/pk");
        tokens.tokenLifetime(Duration.ofHours(1));
    }

    @AfterEach
    void dropDatabase() {
        COSMOS.containers().dropDatabase(database);
    }

    @Test
    void servicePrincipalWithASecretWrites10000Rows() throws Exception {
        tokens.registerSecretClient("app-secret", SECRET);

        insertRows(10_000, servicePrincipal("app-secret", "cosmos.auth.client-secret", SECRET));

        assertThat(COSMOS.containers().documents(database, "c")).hasSize(10_000);
    }

    /** The reference page's Authentication example, as written but for where it points. */
    @Test
    void theReferencePagesServicePrincipalExampleWrites() throws Exception {
        tokens.registerSecretClient("app-docs", SECRET);
        COSMOS.containers().create(database, "orders", "/tenant");
        SqlExample example =
                DocsFragment.named("authentication.md")
                        .creating("orders")
                        .withCosmosOption("cosmos.endpoint", COSMOS.endpoint().uri().toString())
                        .withCosmosOption("cosmos.auth.tenant-id", tokens.tenantId())
                        .withCosmosOption("cosmos.auth.client-id", "app-docs")
                        .withCosmosOption("cosmos.auth.client-secret", SECRET)
                        .withCosmosOption(
                                "cosmos.auth.authority-host", tokens.authorityHost().toString())
                        .withCosmosOption("cosmos.database", database)
                        .withCosmosOption("cosmos.connection-mode", "gateway");
        TableEnvironment sql = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        example.statements().forEach(sql::executeSql);

        sql.executeSql("INSERT INTO orders VALUES ('o1', 't1', 9.99), ('o2', 't2', 5.00)").await();

        assertThat(COSMOS.containers().documents(database, "orders")).hasSize(2);
    }

    @Test
    void servicePrincipalWithAPemCertificateWritesRows() throws Exception {
        TestCertificates.Issued certificate =
                TestCertificates.create(
                        "app-pem", Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
        tokens.registerCertificateClient("app-pem", certificate.certificate());
        Path pem = certificate.writePem(files.resolve("app.pem"));

        insertRows(
                1_000,
                servicePrincipal("app-pem", "cosmos.auth.client-certificate-path", pem.toString()));

        assertThat(COSMOS.containers().documents(database, "c")).hasSize(1_000);
    }

    @Test
    void servicePrincipalWithAPfxCertificateWritesRows() throws Exception {
        TestCertificates.Issued certificate =
                TestCertificates.create(
                        "app-pfx", Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
        tokens.registerCertificateClient("app-pfx", certificate.certificate());
        Path pfx = certificate.writePfx(files.resolve("app.pfx"), PFX_PASSWORD);

        insertRows(
                1_000,
                servicePrincipal(
                        "app-pfx",
                        "cosmos.auth.client-certificate-path",
                        pfx.toString(),
                        "cosmos.auth.client-certificate-password",
                        PFX_PASSWORD));

        assertThat(COSMOS.containers().documents(database, "c")).hasSize(1_000);
    }

    @Test
    void workloadIdentityWritesRows() throws Exception {
        Path tokenFile = files.resolve("azure-identity-token");
        tokens.registerWorkloadIdentity(
                "app-workload", "system:serviceaccount:flink:writer", tokenFile);
        // As AKS sets it in the pod; azure-identity reads system properties before the environment.
        System.setProperty("AZURE_FEDERATED_TOKEN_FILE", tokenFile.toString());
        try {
            insertRows(
                    1_000,
                    "'cosmos.auth.type' = 'workload-identity',"
                            + " 'cosmos.auth.tenant-id' = '%s', 'cosmos.auth.client-id' = '%s',"
                                    .formatted(tokens.tenantId(), "app-workload")
                            + " 'cosmos.auth.authority-host' = '%s'"
                                    .formatted(tokens.authorityHost()));
        } finally {
            System.clearProperty("AZURE_FEDERATED_TOKEN_FILE");
        }

        assertThat(COSMOS.containers().documents(database, "c")).hasSize(1_000);
    }

    @Test
    void userAssignedManagedIdentityWritesRows() throws Exception {
        tokens.registerManagedIdentity("mi-client");
        ManagedIdentityTestEnvironment.use(
                Map.of(
                        "IDENTITY_ENDPOINT", tokens.managedIdentityEndpoint().toString(),
                        "IDENTITY_HEADER", tokens.managedIdentityHeader()));
        try {
            insertRows(
                    1_000,
                    "'cosmos.auth.type' = 'managed-identity', 'cosmos.auth.client-id' = 'mi-client'");
        } finally {
            ManagedIdentityTestEnvironment.reset();
        }

        assertThat(COSMOS.containers().documents(database, "c")).hasSize(1_000);
    }

    /**
     * 60-second tokens and a job of just over three minutes (1,850 rows at 10 a second, so little
     * CPU): the client takes up a new token before its token expires, so the endpoint sees a chain
     * of tokens, each first used before the one before it expired, every token the service issued
     * to the client among them, and not one request refused nor one operation failed or retried.
     */
    @Test
    void aThreeMinuteJobWithOneMinuteTokensRefreshesThemWithoutAFailedOperation() throws Exception {
        String principal = tokens.registerSecretClient("app-refresh", SECRET);
        Duration lifetime = Duration.ofSeconds(60);
        tokens.tokenLifetime(lifetime);
        int rows = 1_850;
        EndpointStats stats = COSMOS.embedded().stats();
        long upserts = stats.operations(OperationKind.UPSERT);
        long created = stats.operations(OperationKind.UPSERT, 201);
        long refused = refusedRequests(stats);
        long started = System.nanoTime();

        insertRowsSlowly(
                rows, 10, servicePrincipal("app-refresh", "cosmos.auth.client-secret", SECRET));

        Duration job = Duration.ofNanos(System.nanoTime() - started);
        assertThat(job).as("the job outlives three tokens").isGreaterThan(lifetime.multipliedBy(3));
        assertThat(COSMOS.containers().documents(database, "c")).hasSize(rows);
        // 0 failed operations: each row was one upsert, created at its first try.
        assertThat(stats.operations(OperationKind.UPSERT) - upserts).isEqualTo(rows);
        assertThat(stats.operations(OperationKind.UPSERT, 201) - created).isEqualTo(rows);
        assertThat(refusedRequests(stats) - refused).as("requests answered 401").isZero();
        List<AcceptedToken> chain = COSMOS.embedded().authorization().tokensAccepted(principal);
        assertThat(chain)
                .as("the endpoint accepted every token the service issued to the client")
                .hasSize(tokens.tokensIssuedTo("app-refresh"));
        long lifetimesInTheJob = (job.toMillis() + lifetime.toMillis() - 1) / lifetime.toMillis();
        assertThat((long) chain.size())
                .as("tokens that cover a job of %s", job)
                .isGreaterThanOrEqualTo(lifetimesInTheJob);
        for (int i = 0; i < chain.size(); i++) {
            AcceptedToken token = chain.get(i);
            assertThat(token.lastUse()).as("last use of token %s", i).isBefore(token.expiry());
            if (i > 0) {
                assertThat(token.firstUse())
                        .as("token %s was taken up before token %s expired", i, i - 1)
                        .isBefore(chain.get(i - 1).expiry());
            }
        }
    }

    private static long refusedRequests(EndpointStats stats) {
        return Stream.of(RequestKind.values()).mapToLong(kind -> stats.requests(kind, 401)).sum();
    }

    @Test
    void autoCreateWithAnEntraIdTokenFailsTheJobSayingWhy() {
        tokens.registerSecretClient("app-create", SECRET);
        TableEnvironment sql = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        sql.executeSql(
                "CREATE TABLE n (id STRING, pk STRING, PRIMARY KEY (id, pk) NOT ENFORCED)"
                        + " PARTITIONED BY (pk) "
                        + with(servicePrincipal("app-create", "cosmos.auth.client-secret", SECRET))
                                .replace("'cosmos.container' = 'c'", "'cosmos.container' = 'new'")
                                .replace(")", ", 'cosmos.auto-create' = 'true')"));
        Throwable error =
                catchThrowable(() -> sql.executeSql("INSERT INTO n VALUES ('1', 'a')").await());

        assertThat(ExceptionUtils.stringifyException(error))
                .contains("cosmos.auto-create")
                .contains("sub-status 5300")
                .contains("cannot create or delete databases and containers")
                .doesNotContain(SECRET);
    }

    @Test
    void aWrongSecretFailsTheStatementNamingTheCredentialNotTheSecret() {
        tokens.registerSecretClient("app-wrong", SECRET);
        String wrong = "wrong-secret-value-000";

        String failure =
                failure("u", servicePrincipal("app-wrong", "cosmos.auth.client-secret", wrong));

        assertThat(failure)
                .contains("cosmos.auth.type 'service-principal'")
                .contains("ClientSecretCredential")
                .contains("Microsoft Entra ID rejected")
                .contains("AADSTS7000215")
                .doesNotContain(wrong)
                .doesNotContain(SECRET);
    }

    @Test
    void anExpiredCertificateFailsTheStatement() throws Exception {
        TestCertificates.Issued certificate =
                TestCertificates.create(
                        "app-expired",
                        Instant.now().minus(Duration.ofDays(30)),
                        Instant.now().minus(Duration.ofDays(1)));
        tokens.registerCertificateClient("app-expired", certificate.certificate());
        Path pem = certificate.writePem(files.resolve("expired.pem"));

        String failure =
                failure(
                        "u",
                        servicePrincipal(
                                "app-expired",
                                "cosmos.auth.client-certificate-path",
                                pem.toString()));

        assertThat(failure)
                .contains("ClientCertificateCredential")
                .contains("Microsoft Entra ID rejected")
                .contains("AADSTS700027");
    }

    @Test
    void aWrongTenantFailsTheStatement() {
        tokens.registerSecretClient("app-tenant", SECRET);

        String failure =
                failure(
                        "u",
                        "'cosmos.auth.type' = 'service-principal',"
                                + " 'cosmos.auth.tenant-id' = 'not-our-tenant',"
                                + " 'cosmos.auth.client-id' = 'app-tenant',"
                                + " 'cosmos.auth.client-secret' = '%s',".formatted(SECRET)
                                + " 'cosmos.auth.authority-host' = '%s'"
                                        .formatted(tokens.authorityHost()));

        assertThat(failure)
                .contains("tenant 'not-our-tenant'")
                .contains("AADSTS90002")
                .doesNotContain(SECRET);
    }

    @Test
    void aMissingRoleAssignmentFailsTheStatementNamingTheRole() {
        tokens.registerSecretClient("app-norole", SECRET);
        COSMOS.embedded().authorization().enforceRoleAssignments();
        try {
            String failure =
                    failure(
                            "u",
                            servicePrincipal("app-norole", "cosmos.auth.client-secret", SECRET));

            assertThat(failure)
                    .contains("status 403")
                    .contains(LocalTokenService.objectId("app-norole"))
                    .contains("00000000-0000-0000-0000-000000000002")
                    .contains("az cosmosdb sql role assignment create")
                    .doesNotContain(SECRET);
        } finally {
            COSMOS.embedded()
                    .authorization()
                    .assignDataContributor(LocalTokenService.objectId("app-norole"));
        }
    }

    private String servicePrincipal(String clientId, String... credential) {
        StringBuilder options =
                new StringBuilder(
                        ("'cosmos.auth.type' = 'service-principal', 'cosmos.auth.tenant-id' = '%s',"
                                        + " 'cosmos.auth.client-id' = '%s',"
                                        + " 'cosmos.auth.authority-host' = '%s'")
                                .formatted(tokens.tenantId(), clientId, tokens.authorityHost()));
        for (int i = 0; i + 1 < credential.length; i += 2) {
            options.append(", '%s' = '%s'".formatted(credential[i], credential[i + 1]));
        }
        return options.toString();
    }

    private String with(String authOptions) {
        return """
                WITH ('connector' = 'cosmos', 'cosmos.endpoint' = '%s',
                  'cosmos.database' = '%s', 'cosmos.container' = 'c',
                  'cosmos.connection-mode' = 'gateway', %s)"""
                .formatted(COSMOS.endpoint().uri(), database, authOptions);
    }

    private void insertRows(int rows, String authOptions) throws Exception {
        insertRowsSlowly(rows, 0, authOptions);
    }

    /** Writes rows id 1..n, pk p0..p9, from a bounded datagen source; 0 rows/s for no limit. */
    private void insertRowsSlowly(int rows, int rowsPerSecond, String authOptions)
            throws Exception {
        TableEnvironment sql = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        sql.executeSql(
                """
                CREATE TABLE source (n BIGINT) WITH ('connector' = 'datagen',
                  'fields.n.kind' = 'sequence', 'fields.n.start' = '1', 'fields.n.end' = '%d'%s)"""
                        .formatted(
                                rows,
                                rowsPerSecond > 0
                                        ? ", 'rows-per-second' = '%d'".formatted(rowsPerSecond)
                                        : ""));
        sql.executeSql(
                "CREATE TABLE t (id STRING, pk STRING, PRIMARY KEY (id, pk) NOT ENFORCED) "
                        + with(authOptions));
        sql.executeSql(
                        "INSERT INTO t SELECT CAST(n AS STRING), CONCAT('p', CAST(MOD(n, 10) AS"
                                + " STRING)) FROM source")
                .await();
    }

    /**
     * The whole text of the failure of an insert into a table whose key is the id alone, so the
     * partition key is read from the container when planning and a refused credential fails there.
     */
    private String failure(String table, String authOptions) {
        TableEnvironment sql = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        sql.executeSql(
                "CREATE TABLE %s (id STRING, PRIMARY KEY (id) NOT ENFORCED) %s"
                        .formatted(table, with(authOptions)));
        Throwable error =
                catchThrowable(
                        () ->
                                sql.executeSql("INSERT INTO %s VALUES ('1')".formatted(table))
                                        .await());
        assertThat(error).isNotNull();
        return ExceptionUtils.stringifyException(error);
    }
}
