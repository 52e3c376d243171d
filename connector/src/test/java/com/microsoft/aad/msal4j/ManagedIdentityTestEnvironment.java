package com.microsoft.aad.msal4j;

import java.util.Map;

/**
 * Points MSAL's managed-identity detection at a local endpoint. MSAL reads {@code
 * IDENTITY_ENDPOINT} and {@code IDENTITY_HEADER} with {@code System.getenv}, which a test JVM
 * cannot change, and azure-identity's {@code Configuration} does not reach that far; MSAL's own
 * tests use this package-private hook, and so does this one, from test code only.
 */
public final class ManagedIdentityTestEnvironment {

    private ManagedIdentityTestEnvironment() {}

    /** MSAL sees exactly these variables (and no others) until {@link #reset()}. */
    public static void use(Map<String, String> variables) {
        ManagedIdentityApplication.setEnvironmentVariables(variables::get);
    }

    public static void reset() {
        ManagedIdentityApplication.setEnvironmentVariables(null);
    }
}
