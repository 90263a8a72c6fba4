package dev.gannet.core.tls;

import dev.gannet.core.config.GannetConfig;
import dev.gannet.core.config.Settings;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * Which TLS versions and cipher suites every TLS port and STARTTLS offers ({@code tls.protocols},
 * {@code tls.ciphers}). The default offers TLS 1.3 and 1.2 with AES-GCM and ChaCha20-Poly1305 (RFC 8446
 * §9.1, RFC 7905), forward-secret key exchange only. A suite this Java does not know, or a list that
 * leaves a configured version without any suite (so every handshake on it would fail), is refused at
 * startup with a message naming the setting.
 */
public record TlsPolicy(List<String> protocols, List<String> ciphers) {

    public TlsPolicy {
        protocols = List.copyOf(protocols);
        ciphers = List.copyOf(ciphers);
    }

    /** The built-in defaults of {@code tls.protocols} and {@code tls.ciphers}. */
    public static TlsPolicy defaults() {
        return of(Settings.TLS_PROTOCOLS.defaultValue(), Settings.TLS_CIPHERS.defaultValue());
    }

    public static TlsPolicy from(GannetConfig config) {
        return of(config.get(Settings.TLS_PROTOCOLS), config.get(Settings.TLS_CIPHERS));
    }

    /**
     * Checks the lists against what this Java's TLS implementation supports.
     *
     * @throws TlsConfigException naming {@code tls.protocols} or {@code tls.ciphers}
     */
    public static TlsPolicy of(List<String> protocols, List<String> ciphers) {
        SSLParameters supported = supported();
        Set<String> knownProtocols = Set.of(supported.getProtocols());
        Set<String> knownCiphers = Set.of(supported.getCipherSuites());
        List<String> p = new ArrayList<>(new LinkedHashSet<>(protocols));
        List<String> c = new ArrayList<>(new LinkedHashSet<>(ciphers));
        if (p.isEmpty()) {
            throw new TlsConfigException("tls.protocols is empty: name at least one of TLSv1.2, TLSv1.3");
        }
        for (String protocol : p) {
            if (!protocol.equals("TLSv1.2") && !protocol.equals("TLSv1.3") || !knownProtocols.contains(protocol)) {
                throw new TlsConfigException("tls.protocols: \"" + protocol + "\" is not a TLS version offered here;"
                        + " use TLSv1.2, TLSv1.3");
            }
        }
        if (c.isEmpty()) {
            throw new TlsConfigException("tls.ciphers is empty: name at least one cipher suite");
        }
        for (String cipher : c) {
            if (!knownCiphers.contains(cipher)) {
                throw new TlsConfigException("tls.ciphers: \"" + cipher + "\" is not a cipher suite this Java supports"
                        + " (use IANA names such as TLS_CHACHA20_POLY1305_SHA256 or"
                        + " TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256)");
            }
        }
        for (String protocol : p) {
            boolean tls13 = protocol.equals("TLSv1.3");
            if (c.stream().noneMatch(cipher -> tls13 ? isTls13(cipher) : isTls12(cipher))) {
                throw new TlsConfigException("tls.ciphers has no cipher suite for " + protocol
                        + " (in tls.protocols): every " + protocol + " handshake would fail");
            }
        }
        return new TlsPolicy(p, c);
    }

    /** TLS 1.3 suites name only the AEAD and hash (RFC 8446 §B.4). */
    static boolean isTls13(String cipher) {
        return cipher.startsWith("TLS_") && !cipher.contains("_WITH_") && !cipher.endsWith("_SCSV");
    }

    static boolean isTls12(String cipher) {
        return cipher.contains("_WITH_");
    }

    private static SSLParameters supported() {
        try {
            return SSLContext.getDefault().getSupportedSSLParameters();
        } catch (NoSuchAlgorithmException e) {
            throw new TlsConfigException("this Java has no TLS implementation: " + e.getMessage(), e);
        }
    }
}
