package io.github.flinkcosmos.connector.cosmos.testing;

import io.github.flinkcosmos.embedded.identity.LocalTokenService;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Trusts the local token service's certificate from the start of the test JVM, before any test
 * class opens an HTTPS connection: reactor-netty builds its default TLS context once per JVM, from
 * the trust store of that moment. The store keeps the JDK's CA certificates, so tests against a
 * real account still work.
 */
public final class TokenServiceTrust implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        LocalTokenService.trustInThisJvm();
    }
}
