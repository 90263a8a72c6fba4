package dev.gannet.core.tls;

import io.netty.handler.ssl.DelegatingSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's one TLS identity, shared by every protocol server: the PEM pair from {@code tls.cert} /
 * {@code tls.key}, or else a self-signed pair generated once into {@code <dataDir>/tls}. Certificates
 * are renewed on disk (certbot) while the server runs, so the files are checked at most once per
 * interval and a changed pair replaces the context for new connections; a broken new pair is logged
 * once and the old context stays, because refusing every new connection would be worse.
 */
public final class TlsMaterial {

    public static final Duration DEFAULT_RELOAD_CHECK = Duration.ofSeconds(5);
    static final String SELF_SIGNED_CERT = "self-signed-cert.pem";
    static final String SELF_SIGNED_KEY = "self-signed-key.pem";

    private static final Logger log = LoggerFactory.getLogger(TlsMaterial.class);

    private record Stamp(FileTime certTime, long certSize, FileTime keyTime, long keySize) {
    }

    private record Loaded(SslContext context, List<X509Certificate> chain, String fingerprint, Stamp stamp) {
    }

    private final Path certFile;
    private final Path keyFile;
    private final String certSetting;
    private final String keySetting;
    private final boolean selfSigned;
    private final long checkEveryNanos;
    private final TlsPolicy policy;
    private final ReentrantLock checking = new ReentrantLock();
    private volatile Loaded current;
    private volatile long nextCheck;
    private Stamp failed; // guarded by checking

    public TlsMaterial(Optional<Path> certFile, Optional<Path> keyFile, Path dataDir, String hostname) {
        this(certFile, keyFile, dataDir, hostname, DEFAULT_RELOAD_CHECK);
    }

    /** As above, checking the files for changes at most once per {@code reloadCheck} (zero: every call). */
    public TlsMaterial(Optional<Path> certFile, Optional<Path> keyFile, Path dataDir, String hostname, Duration reloadCheck) {
        this(certFile, keyFile, dataDir, hostname, reloadCheck, TlsPolicy.defaults());
    }

    /** As above, offering the versions and cipher suites of {@code policy}. */
    public TlsMaterial(Optional<Path> certFile, Optional<Path> keyFile, Path dataDir, String hostname, Duration reloadCheck,
            TlsPolicy policy) {
        this.policy = policy;
        if (certFile.isPresent() != keyFile.isPresent()) {
            throw new TlsConfigException(certFile.isPresent()
                    ? "tls.cert is set but tls.key is not: set both, or neither for a self-signed certificate"
                    : "tls.key is set but tls.cert is not: set both, or neither for a self-signed certificate");
        }
        this.checkEveryNanos = reloadCheck.toNanos();
        this.selfSigned = certFile.isEmpty();
        if (selfSigned) {
            Path dir = dataDir.resolve("tls");
            this.certFile = dir.resolve(SELF_SIGNED_CERT);
            this.keyFile = dir.resolve(SELF_SIGNED_KEY);
            this.certSetting = "self-signed certificate";
            this.keySetting = "self-signed key";
            generateIfMissing(dir, normalize(hostname));
        } else {
            this.certFile = certFile.get();
            this.keyFile = keyFile.get();
            this.certSetting = "tls.cert";
            this.keySetting = "tls.key";
        }
        this.current = load(stamp());
        this.nextCheck = System.nanoTime() + checkEveryNanos;
        describe("TLS certificate", current);
    }

    /** The context for new connections, first picking up changed files if the check interval has passed. */
    public SslContext serverContext() {
        if (System.nanoTime() - nextCheck >= 0 && checking.tryLock()) {
            try {
                nextCheck = System.nanoTime() + checkEveryNanos;
                check();
            } finally {
                checking.unlock();
            }
        }
        return current.context();
    }

    /** Checks the files now, whatever the interval; returns whether a new context was loaded. */
    public boolean reloadIfChanged() {
        checking.lock();
        try {
            return check();
        } finally {
            checking.unlock();
        }
    }

    /** SHA-256 of the current certificate (DER), colon-separated upper-case hex as openssl prints it. */
    public String fingerprintSha256() {
        return current.fingerprint();
    }

    public X509Certificate certificate() {
        return current.chain().get(0);
    }

    /** The leaf first, then any intermediates, as in the file. */
    public List<X509Certificate> certificateChain() {
        return current.chain();
    }

    public boolean selfSigned() {
        return selfSigned;
    }

    public TlsPolicy policy() {
        return policy;
    }

    public static String fingerprintSha256(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot fingerprint certificate", e);
        }
    }

    private boolean check() {
        Stamp stamp = stamp();
        if (stamp.equals(current.stamp()) || stamp.equals(failed)) {
            return false;
        }
        try {
            current = load(stamp);
            failed = null;
            describe("TLS certificate reloaded", current);
            return true;
        } catch (TlsConfigException e) {
            failed = stamp;
            log.error("TLS files changed but cannot be used, keeping the previous certificate: {}", e.getMessage());
            return false;
        }
    }

    private Loaded load(Stamp stamp) {
        List<X509Certificate> chain = List.copyOf(PemFiles.readCertificates(certFile, certSetting));
        PrivateKey key = PemFiles.readPrivateKey(keyFile, keySetting);
        requireMatch(key, chain.get(0));
        try {
            SslContext built = SslContextBuilder.forServer(key, chain.toArray(X509Certificate[]::new))
                    .sslProvider(SslProvider.JDK)
                    .protocols(policy.protocols())
                    .ciphers(policy.ciphers())
                    .build();
            SslContext context = new ClientPreference(built);
            return new Loaded(context, chain, fingerprintSha256(chain.get(0)), stamp);
        } catch (IOException | RuntimeException e) {
            throw new TlsConfigException(certSetting + " " + certFile + " with " + keySetting + " " + keyFile
                    + ": cannot build a TLS context (" + PemFiles.reason(e) + ")", e);
        }
    }

    /**
     * Every offered suite is strong, so the client's order decides (as Mozilla's TLS guidance advises):
     * a phone without AES instructions asks for ChaCha20-Poly1305 first and gets it.
     */
    private static final class ClientPreference extends DelegatingSslContext {
        ClientPreference(SslContext context) {
            super(context);
        }

        @Override
        protected void initEngine(SSLEngine engine) {
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setUseCipherSuitesOrder(false);
            engine.setSSLParameters(parameters);
        }
    }

    /** Signs and verifies a probe, which works for every key type without knowing its maths. */
    private void requireMatch(PrivateKey key, X509Certificate leaf) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            default -> null; // an unusual key type: let the TLS engine judge it
        };
        if (algorithm == null) {
            return;
        }
        byte[] probe = "gannet key check".getBytes(StandardCharsets.US_ASCII);
        boolean matches;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(leaf.getPublicKey());
            verifier.update(probe);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false;
        }
        if (!matches) {
            throw new TlsConfigException(keySetting + " " + keyFile + " does not match the certificate in "
                    + certSetting + " " + certFile);
        }
    }

    private Stamp stamp() {
        BasicFileAttributes cert = attributes(certFile);
        BasicFileAttributes key = attributes(keyFile);
        return new Stamp(cert == null ? null : cert.lastModifiedTime(), cert == null ? -1 : cert.size(),
                key == null ? null : key.lastModifiedTime(), key == null ? -1 : key.size());
    }

    private static BasicFileAttributes attributes(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            return null; // load() reports the missing file
        }
    }

    private void generateIfMissing(Path dir, String hostname) {
        if (Files.isRegularFile(certFile) && Files.isRegularFile(keyFile)) {
            return;
        }
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir.getParent());
                if (PemFiles.supportsPosix(dir.getParent())) {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectory(dir);
                }
            }
            SelfSignedCertificate.Generated generated = SelfSignedCertificate.generate(hostname);
            // Key first: a crash between the two renames leaves no certificate, so the next start regenerates both.
            PemFiles.writeAtomically(keyFile, PemFiles.privateKeyPem(generated.keyPair().getPrivate()), true);
            PemFiles.writeAtomically(certFile, PemFiles.certificatePem(generated.certificate()), false);
            log.info("generated a self-signed TLS certificate for {} in {}", hostname, dir);
        } catch (IOException e) {
            throw new TlsConfigException("cannot write the self-signed certificate into " + dir + " ("
                    + PemFiles.reason(e) + ")", e);
        }
    }

    private void describe(String what, Loaded loaded) {
        X509Certificate leaf = loaded.chain().get(0);
        log.info("{} {} ({} {}), valid until {}, SHA-256 {}", what, leaf.getSubjectX500Principal().getName(),
                selfSigned ? "self-signed," : "from", certFile, leaf.getNotAfter().toInstant(), loaded.fingerprint());
        Date now = new Date();
        if (now.after(leaf.getNotAfter()) || now.before(leaf.getNotBefore())) {
            log.warn("TLS certificate {} is not valid now (valid {} to {}); clients will refuse it",
                    certFile, leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant());
        }
    }

    private static String normalize(String hostname) {
        if (hostname == null || hostname.isBlank()) {
            return "localhost";
        }
        String h = hostname.strip();
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }
}
