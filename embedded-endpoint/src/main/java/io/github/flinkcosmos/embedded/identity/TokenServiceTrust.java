package io.github.flinkcosmos.embedded.identity;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Trusts the local token service's certificate from the start of a test JVM, before any test class
 * opens an HTTPS connection: reactor-netty builds its default TLS context once per JVM, from the
 * trust store of that moment. JUnit finds this listener in this module's jar, so every test JVM
 * with the embedded endpoint on its classpath gets it; the store keeps the JDK's CA certificates,
 * so tests against a real account still work.
 */
public final class TokenServiceTrust implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        LocalTokenService.trustInThisJvm();
    }
}
