package dev.gannet.core.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Keys, certificates and PEM files for TLS tests, made fresh per test with Bouncy Castle. */
final class TestPki {

    private TestPki() {
    }

    static KeyPair ec() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    /**
     * An EC pair from Bouncy Castle, whose encoding keeps the curve and public key inside the SEC1
     * structure as openssl does; the JDK's leaves them out, which no tool writing 'EC PRIVATE KEY' does.
     */
    static KeyPair ecAsOpenSslWritesIt() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", new BouncyCastleProvider());
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    static KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    static X509Certificate selfSigned(KeyPair pair) {
        String algorithm = "RSA".equals(pair.getPublic().getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
        return SelfSignedCertificate.sign(pair, "localhost", algorithm);
    }

    /** A CA certificate, or (with {@code issuer}) a leaf for 127.0.0.1 signed by it. */
    static X509Certificate issue(String cn, KeyPair subject, KeyPair issuerKey, X509Certificate issuer) throws Exception {
        X500Name name = new X500Name("CN=" + cn);
        boolean ca = issuer == null;
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                ca ? name : X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()),
                new BigInteger(64, new SecureRandom()).add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), name, subject.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (ca) {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
            b.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        }
        PrivateKey signer = (ca ? subject : issuerKey).getPrivate();
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
    }

    static Path writeCertificates(Path file, X509Certificate... chain) throws IOException {
        StringBuilder text = new StringBuilder();
        for (X509Certificate c : chain) {
            text.append(PemFiles.certificatePem(c));
        }
        return write(file, text.toString());
    }

    static Path writePkcs8(Path file, PrivateKey key) throws IOException {
        return write(file, PemFiles.privateKeyPem(key));
    }

    /** The OpenSSL "traditional" form: {@code RSA PRIVATE KEY} or {@code EC PRIVATE KEY}. */
    static Path writeTraditional(Path file, PrivateKey key) throws IOException {
        return write(file, pem(key));
    }

    static Path writeEncrypted(Path file, PrivateKey key) throws Exception {
        var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                .setProvider(new BouncyCastleProvider()).setPassword("secret".toCharArray()).build();
        return write(file, pem(new JcaPKCS8Generator(key, encryptor)));
    }

    /**
     * Writes {@code text} and moves the modification time forward, so a rewrite within the file
     * system's timestamp resolution still looks changed (as it would to a watcher a second later).
     */
    static Path write(Path file, String text) throws IOException {
        FileTime before = Files.exists(file) ? Files.getLastModifiedTime(file) : null;
        Files.writeString(file, text);
        if (before != null) {
            Files.setLastModifiedTime(file, FileTime.from(before.toInstant().plusSeconds(2)));
        }
        return file;
    }

    private static String pem(Object o) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(o);
        }
        return out.toString();
    }
}
