package io.github.flinkcosmos.embedded.server;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.SelfSignedCertificate;

import javax.net.ssl.SSLException;

import java.security.cert.CertificateException;

/**
 * A TLS context with a certificate for {@code localhost} made at start-up. The SDK accepts it when
 * {@code COSMOS.EMULATOR_SERVER_CERTIFICATE_VALIDATION_DISABLED=true}, as for the emulator.
 */
public final class SelfSignedTls {

    private SelfSignedTls() {}

    public static SslContext create() {
        try {
            SelfSignedCertificate certificate = new SelfSignedCertificate("localhost");
            try {
                return SslContextBuilder.forServer(certificate.key(), certificate.cert())
                        .sslProvider(SslProvider.JDK)
                        .build();
            } finally {
                certificate.delete(); // the generator leaves its files in the temp folder
            }
        } catch (CertificateException | SSLException e) {
            throw new IllegalStateException("Cannot make a self-signed certificate", e);
        }
    }
}
