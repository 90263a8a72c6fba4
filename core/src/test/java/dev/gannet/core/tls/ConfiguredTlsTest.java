package dev.gannet.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.ssl.SslContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tls.cert/tls.key: the PEM forms operators have, reloading on change, and the errors they can make. */
class ConfiguredTlsTest {

    @TempDir
    Path dir;

    private TlsMaterial load(Path cert, Path key, Duration check) {
        return new TlsMaterial(Optional.of(cert), Optional.of(key), dir.resolve("data"), "ignored", check);
    }

    private TlsMaterial load(Path cert, Path key) {
        return load(cert, key, Duration.ZERO);
    }

    @Test
    void loadsAChainWithAPkcs8Key() throws Exception {
        KeyPair caKey = TestPki.ec();
        X509Certificate ca = TestPki.issue("Test CA", caKey, null, null);
        KeyPair leafKey = TestPki.ec();
        X509Certificate leaf = TestPki.issue("mail.test", leafKey, caKey, ca);
        TlsMaterial tls = load(TestPki.writeCertificates(dir.resolve("chain.pem"), leaf, ca),
                TestPki.writePkcs8(dir.resolve("key.pem"), leafKey.getPrivate()));

        assertThat(tls.selfSigned()).isFalse();
        assertThat(tls.certificateChain()).containsExactly(leaf, ca);
        assertThat(tls.fingerprintSha256()).isEqualTo(TlsMaterial.fingerprintSha256(leaf));
        assertThat(Handshake.run(tls.serverContext(), ca)).containsExactly(leaf, ca);
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void loadsAPkcs1RsaKey() throws Exception {
        KeyPair pair = TestPki.rsa();
        X509Certificate cert = TestPki.selfSigned(pair);
        Path key = TestPki.writeTraditional(dir.resolve("rsa.pem"), pair.getPrivate());
        assertThat(key).content().startsWith("-----BEGIN RSA PRIVATE KEY-----");
        TlsMaterial tls = load(TestPki.writeCertificates(dir.resolve("cert.pem"), cert), key);
        assertThat(Handshake.run(tls.serverContext(), cert)[0]).isEqualTo(cert);
    }

    @Test
    void loadsASec1EcKeyAfterItsParameters() throws Exception {
        KeyPair pair = TestPki.ecAsOpenSslWritesIt();
        X509Certificate cert = TestPki.selfSigned(pair);
        Path key = TestPki.writeTraditional(dir.resolve("ec.pem"), pair.getPrivate());
        assertThat(key).content().startsWith("-----BEGIN EC PRIVATE KEY-----");
        // openssl ecparam -genkey writes the curve first
        TestPki.write(key, "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n"
                + Files.readString(key));
        TlsMaterial tls = load(TestPki.writeCertificates(dir.resolve("cert.pem"), cert), key);
        assertThat(Handshake.run(tls.serverContext(), cert)[0]).isEqualTo(cert);
    }

    @Test
    void changedFilesAreReloadedAndBrokenOnesKeepTheOldContext() throws Exception {
        KeyPair a = TestPki.ec();
        Path cert = TestPki.writeCertificates(dir.resolve("cert.pem"), TestPki.selfSigned(a));
        Path key = TestPki.writePkcs8(dir.resolve("key.pem"), a.getPrivate());
        TlsMaterial tls = load(cert, key);
        SslContext first = tls.serverContext();
        assertThat(tls.serverContext()).as("unchanged files").isSameAs(first);

        KeyPair b = TestPki.ec();
        X509Certificate certB = TestPki.selfSigned(b);
        TestPki.writeCertificates(cert, certB);
        TestPki.writePkcs8(key, b.getPrivate());
        SslContext second = tls.serverContext();
        assertThat(second).isNotSameAs(first);
        assertThat(tls.fingerprintSha256()).isEqualTo(TlsMaterial.fingerprintSha256(certB));
        assertThat(Handshake.run(second, certB)[0]).isEqualTo(certB);

        TestPki.write(cert, "-----BEGIN CERTIFICATE-----\nbroken\n-----END CERTIFICATE-----\n");
        assertThat(tls.serverContext()).as("broken file").isSameAs(second);
        assertThat(tls.fingerprintSha256()).isEqualTo(TlsMaterial.fingerprintSha256(certB));

        KeyPair c = TestPki.ec();
        X509Certificate certC = TestPki.selfSigned(c);
        TestPki.writePkcs8(key, c.getPrivate());
        assertThat(tls.serverContext()).as("new key, old broken cert").isSameAs(second);
        TestPki.writeCertificates(cert, certC);
        assertThat(tls.serverContext()).as("pair complete again").isNotSameAs(second);
        assertThat(tls.certificate()).isEqualTo(certC);
    }

    @Test
    void checksAtMostOncePerIntervalUnlessAskedTo() throws Exception {
        KeyPair a = TestPki.ec();
        Path cert = TestPki.writeCertificates(dir.resolve("cert.pem"), TestPki.selfSigned(a));
        Path key = TestPki.writePkcs8(dir.resolve("key.pem"), a.getPrivate());
        TlsMaterial tls = load(cert, key, Duration.ofHours(1));
        SslContext first = tls.serverContext();

        KeyPair b = TestPki.ec();
        TestPki.writeCertificates(cert, TestPki.selfSigned(b));
        TestPki.writePkcs8(key, b.getPrivate());
        assertThat(tls.serverContext()).isSameAs(first);
        assertThat(tls.reloadIfChanged()).isTrue();
        assertThat(tls.serverContext()).isNotSameAs(first);
        assertThat(tls.reloadIfChanged()).isFalse();
    }

    @Test
    void configurationErrorsNameTheFileInOneLine() throws Exception {
        KeyPair a = TestPki.ec();
        KeyPair other = TestPki.ec();
        Path cert = TestPki.writeCertificates(dir.resolve("cert.pem"), TestPki.selfSigned(a));
        Path key = TestPki.writePkcs8(dir.resolve("key.pem"), a.getPrivate());
        Path otherKey = TestPki.writePkcs8(dir.resolve("other-key.pem"), other.getPrivate());
        Path missing = dir.resolve("missing.pem");
        Path garbage = TestPki.write(dir.resolve("garbage.pem"), "hello\nworld\n");
        Path encrypted = TestPki.writeEncrypted(dir.resolve("enc.pem"), a.getPrivate());

        expectError(() -> load(missing, key), "tls.cert " + missing + ": cannot read file");
        expectError(() -> load(garbage, key), "tls.cert " + garbage + ": no certificate found");
        expectError(() -> load(cert, garbage), "tls.key " + garbage + ": no private key found");
        expectError(() -> load(cert, cert), "tls.key " + cert + ": no private key found");
        expectError(() -> load(cert, otherKey), "tls.key " + otherKey + " does not match the certificate in tls.cert " + cert);
        expectError(() -> load(cert, encrypted), "tls.key " + encrypted + ": the private key is encrypted");
        expectError(() -> new TlsMaterial(Optional.of(cert), Optional.empty(), dir, "h"), "tls.cert is set but tls.key is not");
        expectError(() -> new TlsMaterial(Optional.empty(), Optional.of(key), dir, "h"), "tls.key is set but tls.cert is not");
    }

    private static void expectError(ThrowableAssert.ThrowingCallable call, String start) {
        assertThatThrownBy(call).isInstanceOf(TlsConfigException.class)
                .hasMessageStartingWith(start)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("PRIVATE KEY-----"));
    }
}
