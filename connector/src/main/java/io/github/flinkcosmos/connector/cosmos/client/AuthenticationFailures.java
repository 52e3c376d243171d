package io.github.flinkcosmos.connector.cosmos.client;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.cosmos.CosmosException;
import com.azure.identity.CredentialUnavailableException;
import com.microsoft.aad.msal4j.MsalServiceException;
import org.apache.flink.annotation.Internal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a refused authentication into one clear sentence: which {@code cosmos.auth.type} and
 * credential, who refused it (the account, or Microsoft Entra ID when no token was issued), the
 * status, and what to do; never a secret.
 */
@Internal
public final class AuthenticationFailures {

    /** The data-plane role the connector needs: Cosmos DB Built-in Data Contributor. */
    public static final String DATA_CONTRIBUTOR_ROLE = "00000000-0000-0000-0000-000000000002";

    /** The service's sub-status for a database or container write refused to an Entra ID token. */
    private static final int SUBSTATUS_METADATA_WRITE = 5300;

    /** How the SDK quotes the service's status when building a client fails. */
    private static final Pattern QUOTED_STATUS =
            Pattern.compile("StatusCode: (Unauthorized|Forbidden)");

    private static final Pattern PRINCIPAL = Pattern.compile("principal \\[([^\\]]+)\\]");

    private AuthenticationFailures() {}

    /** The message for an authentication failure, or empty when the failure is something else. */
    public static Optional<String> describe(
            CosmosAuthentication authentication, Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // MSAL's exception when the token endpoint answers an error; azure-identity's own
            // when it wraps one, or when a credential cannot get a token at all.
            if (cause instanceof MsalServiceException
                    || cause instanceof ClientAuthenticationException
                    || cause instanceof CredentialUnavailableException) {
                Throwable refused = cause;
                return Optional.of(
                        authentication.redact(
                                """
                                Microsoft Entra ID rejected %s: no token was issued (%s). Check \
                                the tenant, client id and secret or certificate."""
                                        .formatted(
                                                authentication.describe(),
                                                firstLine(refused.getMessage()))));
            }
            if (cause instanceof CosmosException cosmos
                    && cosmos.getStatusCode() == 403
                    && cosmos.getSubStatusCode() == SUBSTATUS_METADATA_WRITE) {
                return Optional.of(
                        authentication.redact(
                                """
                                The account refused %s with status 403 (sub-status 5300): a \
                                Microsoft Entra ID token cannot create or delete databases and \
                                containers. Create them beforehand (portal, CLI, Resource \
                                Manager), or leave 'cosmos.auto-create' off."""
                                        .formatted(authentication.describe())));
            }
            if (cause instanceof CosmosException cosmos
                    && (cosmos.getStatusCode() == 401 || cosmos.getStatusCode() == 403)) {
                return Optional.of(
                        message(authentication, cosmos.getStatusCode(), cosmos.getMessage()));
            }
        }
        String text = String.valueOf(failure.getMessage());
        Matcher quoted = QUOTED_STATUS.matcher(text);
        if (quoted.find()) {
            int status = quoted.group(1).equals("Unauthorized") ? 401 : 403;
            return Optional.of(message(authentication, status, text));
        }
        return Optional.empty();
    }

    private static String message(CosmosAuthentication authentication, int status, String text) {
        if (status == 401) {
            return authentication.redact(
                    """
                    The account rejected %s with status 401 (Unauthorized). Check the key or \
                    the credential, and that the machine's clock is right."""
                            .formatted(authentication.describe()));
        }
        Matcher principal = PRINCIPAL.matcher(String.valueOf(text));
        String who = principal.find() ? "principal " + principal.group(1) : "the identity";
        return authentication.redact(
                """
                The account rejected %s with status 403 (Forbidden): %s has no data-plane role \
                assignment that allows this. Assign it the Cosmos DB Built-in Data Contributor \
                role: az cosmosdb sql role assignment create --account-name <account> \
                --resource-group <group> --role-definition-id %s --principal-id <object id> \
                --scope "/"."""
                        .formatted(authentication.describe(), who, DATA_CONTRIBUTOR_ROLE));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no details";
        }
        int end = message.indexOf('\n');
        String line = end < 0 ? message : message.substring(0, end);
        return line.length() <= 300 ? line : line.substring(0, 297) + "...";
    }
}
