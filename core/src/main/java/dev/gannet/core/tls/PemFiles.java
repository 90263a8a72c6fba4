package dev.gannet.core.tls;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads and writes the PEM files operators deal with: certificate chains, and private keys both as
 * PKCS#8 ({@code PRIVATE KEY}) and as the older OpenSSL forms ({@code RSA PRIVATE KEY}, {@code EC
 * PRIVATE KEY}) that certbot and {@code openssl genrsa} still produce. Keys are converted with the
 * JDK's own providers, so that the JDK TLS engine accepts them.
 */
final class PemFiles {

    private PemFiles() {
    }

    /** The certificates in {@code file}, leaf first as in the file; other PEM blocks are skipped. */
    static List<X509Certificate> readCertificates(Path file, String setting) {
        String text = read(file, setting);
        List<X509Certificate> chain = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof X509CertificateHolder holder) {
                    chain.add(converter.getCertificate(holder));
                }
            }
        } catch (Exception e) {
            throw new TlsConfigException(setting + " " + file + ": not a valid PEM certificate (" + reason(e) + ")", e);
        }
        if (chain.isEmpty()) {
            throw new TlsConfigException(setting + " " + file + ": no certificate found (expected a PEM 'BEGIN CERTIFICATE' block)");
        }
        return chain;
    }

    /** The first private key in {@code file}; EC parameter blocks before it are skipped. */
    static PrivateKey readPrivateKey(Path file, String setting) {
        String text = read(file, setting);
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (o instanceof PEMKeyPair pair) {
                    // Not getKeyPair(): an 'EC PRIVATE KEY' may omit its optional public key.
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
                if (o instanceof PEMEncryptedKeyPair || o instanceof PKCS8EncryptedPrivateKeyInfo) {
                    throw new TlsConfigException(setting + " " + file
                            + ": the private key is encrypted; Gannet needs it unencrypted (openssl pkey -in KEY -out PLAIN)");
                }
                if (!(o instanceof ASN1ObjectIdentifier)) {
                    break; // something else entirely, e.g. a certificate given as the key
                }
            }
        } catch (TlsConfigException e) {
            throw e;
        } catch (Exception e) {
            throw new TlsConfigException(setting + " " + file + ": not a valid PEM private key (" + reason(e) + ")", e);
        }
        throw new TlsConfigException(setting + " " + file
                + ": no private key found (expected a PEM 'BEGIN PRIVATE KEY', 'BEGIN RSA PRIVATE KEY' or 'BEGIN EC PRIVATE KEY' block)");
    }

    static String certificatePem(X509Certificate certificate) {
        return pem(certificate);
    }

    /** PKCS#8, the form every current tool reads. */
    static String privateKeyPem(PrivateKey key) {
        try {
            return pem(new JcaPKCS8Generator(key, null));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode private key", e);
        }
    }

    /**
     * Writes {@code text} to {@code target} through a temporary file and an atomic rename, so a crash
     * never leaves half a file; {@code ownerOnly} creates it readable by the owner alone where the file
     * system has POSIX permissions.
     */
    static void writeAtomically(Path target, String text, boolean ownerOnly) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (ownerOnly && supportsPosix(target.getParent())) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, text, StandardCharsets.US_ASCII);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static boolean supportsPosix(Path dir) throws IOException {
        return Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class);
    }

    private static String pem(Object o) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(o);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + o.getClass().getSimpleName(), e);
        }
        return out.toString();
    }

    /** Bigger than any real chain: a sign that the setting points at the wrong file. */
    static final long MAX_PEM_BYTES = 1 << 20;

    private static String read(Path file, String setting) {
        try {
            if (Files.size(file) > MAX_PEM_BYTES) {
                throw new TlsConfigException(setting + " " + file + ": file is larger than 1 MiB, not a PEM file");
            }
            // Latin-1 maps every byte to a char, so stray bytes become a parse error, not a decoding one.
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new TlsConfigException(setting + " " + file + ": cannot read file (" + reason(e) + ")", e);
        }
    }

    static String reason(Throwable e) {
        String message = e.getMessage();
        String name = e.getClass().getSimpleName();
        return message == null || message.isBlank() ? name : name + ": " + message;
    }
}
