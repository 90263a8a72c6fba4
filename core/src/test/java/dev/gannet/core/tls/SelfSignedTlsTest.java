package dev.gannet.core.tls;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** With no tls.cert/tls.key: a pair is generated once into the data directory and reused. */
class SelfSignedTlsTest {

    @TempDir
    Path dataDir;

    private TlsMaterial material() {
        return new TlsMaterial(Optional.empty(), Optional.empty(), dataDir, "mail.example.test");
    }

    @Test
    void generatesAPairAndCompletesAHandshake() throws Exception {
        TlsMaterial tls = material();
        Path cert = dataDir.resolve("tls/self-signed-cert.pem");
        Path key = dataDir.resolve("tls/self-signed-key.pem");
        assertThat(cert).isRegularFile().content().startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(key).isRegularFile().content().startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(tls.selfSigned()).isTrue();

        X509Certificate leaf = tls.certificate();
        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=mail.example.test");
        assertThat(leaf.getSubjectAlternativeNames()).map(n -> String.valueOf(n.get(1)))
                .contains("mail.example.test", "127.0.0.1");
        assertThat(leaf.getNotAfter()).isAfter(Date.from(Instant.now().plus(Duration.ofDays(3000))));

        X509Certificate[] presented = Handshake.run(tls.serverContext(), leaf);
        assertThat(TlsMaterial.fingerprintSha256(presented[0])).isEqualTo(tls.fingerprintSha256());
    }

    @Test
    void keyFileIsReadableByTheOwnerOnly() throws Exception {
        material();
        Path key = dataDir.resolve("tls/self-signed-key.pem");
        if (PemFiles.supportsPosix(key.getParent())) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        }
        assertThat(dataDir.resolve("tls")).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void laterStartsReuseTheSameCertificate() {
        String first = material().fingerprintSha256();
        assertThat(material().fingerprintSha256()).isEqualTo(first);
    }

    @Test
    void aHalfWrittenPairIsRegenerated() throws Exception {
        String first = material().fingerprintSha256();
        Files.delete(dataDir.resolve("tls/self-signed-cert.pem"));
        assertThat(material().fingerprintSha256()).isNotEqualTo(first);
    }

    @Test
    void logsTheFingerprintAtInfo() {
        Logger logger = (Logger) LoggerFactory.getLogger(TlsMaterial.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            TlsMaterial tls = material();
            assertThat(tls.fingerprintSha256()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
            List<String> info = appender.list.stream().filter(e -> e.getLevel() == Level.INFO)
                    .map(ILoggingEvent::getFormattedMessage).toList();
            assertThat(info).anySatisfy(line -> assertThat(line).contains("SHA-256 " + tls.fingerprintSha256()));
        } finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void blankHostnameMeansLocalhost() {
        TlsMaterial tls = new TlsMaterial(Optional.empty(), Optional.empty(), dataDir, " ");
        assertThat(tls.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
    }
}
