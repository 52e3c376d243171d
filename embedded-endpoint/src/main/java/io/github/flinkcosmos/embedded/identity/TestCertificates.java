package io.github.flinkcosmos.embedded.identity;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

/** Self-signed RSA certificates with their keys, for TLS and for client certificates. */
public final class TestCertificates {

    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

    /** A certificate and its private key. */
    public record Issued(X509Certificate certificate, KeyPair keys) {

        /**
         * The private key and the certificate in one PEM file, as ClientCertificateCredential reads
         * it.
         */
        public Path writePem(Path file) throws IOException {
            String pem =
                    pem("PRIVATE KEY", keys.getPrivate().getEncoded())
                            + pem("CERTIFICATE", encoded());
            return Files.writeString(file, pem, StandardCharsets.US_ASCII);
        }

        /** A PKCS#12 (PFX) file holding the key and certificate, protected by a password. */
        public Path writePfx(Path file, String password) throws IOException {
            try (OutputStream out = Files.newOutputStream(file)) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry(
                        "client",
                        keys.getPrivate(),
                        password.toCharArray(),
                        new Certificate[] {certificate});
                store.store(out, password.toCharArray());
                return file;
            } catch (GeneralSecurityException e) {
                throw new IOException("Cannot write a PFX file", e);
            }
        }

        private byte[] encoded() {
            try {
                return certificate.getEncoded();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private TestCertificates() {}

    /** A certificate for the DNS name {@code localhost}, valid from now for a week. */
    public static Issued localhost() {
        return create(
                "localhost",
                Instant.now().minusSeconds(60),
                Instant.now().plus(java.time.Duration.ofDays(7)));
    }

    /** A certificate whose subject (and DNS name) is {@code name}, valid in the given window. */
    public static Issued create(String name, Instant notBefore, Instant notAfter) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=" + name);
            JcaX509v3CertificateBuilder builder =
                    new JcaX509v3CertificateBuilder(
                            subject,
                            BigInteger.valueOf(SERIALS.incrementAndGet()),
                            Date.from(notBefore),
                            Date.from(notAfter),
                            subject,
                            keys.getPublic());
            builder.addExtension(Extension.basicConstraints, false, new BasicConstraints(false));
            builder.addExtension(
                    Extension.subjectAlternativeName,
                    false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, name)));
            X509Certificate certificate =
                    new JcaX509CertificateConverter()
                            .getCertificate(
                                    builder.build(
                                            new JcaContentSignerBuilder("SHA256withRSA")
                                                    .build(keys.getPrivate())));
            return new Issued(certificate, keys);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot make a certificate for " + name, e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN %s-----\n%s\n-----END %s-----\n"
                .formatted(
                        type,
                        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(der),
                        type);
    }
}
