package dev.gannet.delivery.dkim;

import dev.gannet.core.error.GannetException;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RSA key material for DKIM (RFC 6376 §3.3, §3.6.1): generating a 2048-bit pair, reading a PEM private key
 * (PKCS#8 {@code PRIVATE KEY} or PKCS#1 {@code RSA PRIVATE KEY}, as WildDuck and openssl write them), deriving the
 * public key from it, and the DNS TXT record ({@code v=DKIM1; k=rsa; p=<SubjectPublicKeyInfo, base64>}) and
 * fingerprint (SHA-256 of that SubjectPublicKeyInfo, colon-separated hex) a caller shows.
 */
public final class DkimKeys {

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN (RSA )?PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END (RSA )?PRIVATE KEY-----");
    /** AlgorithmIdentifier of rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters, DER. */
    private static final byte[] RSA_ALGORITHM = HexFormat.of().parseHex("300d06092a864886f70d0101010500");

    private DkimKeys() {
    }

    /** A fresh RSA 2048 key pair. */
    public static PrivateKey generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair pair = g.generateKeyPair();
            return pair.getPrivate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation is not available", e);
        }
    }

    /** Reads a PEM RSA private key; INVALID (never echoing the input) when it is not one. */
    public static PrivateKey parse(String pem) {
        Matcher m = pem == null ? null : PEM.matcher(pem);
        if (m == null || !m.find()) {
            throw GannetException.invalid("privateKey must be a PEM RSA private key (PKCS#8 or PKCS#1)");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(m.group(2).replaceAll("\\s", ""));
            if (m.group(1) != null) {
                der = pkcs1ToPkcs8(der);
            }
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            if (!(key instanceof RSAPrivateCrtKey crt) || crt.getModulus().bitLength() < 1024) {
                throw GannetException.invalid("privateKey must be an RSA key of at least 1024 bits");
            }
            return key;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw GannetException.invalid("privateKey must be a PEM RSA private key (PKCS#8 or PKCS#1)");
        }
    }

    public static PublicKey publicKey(PrivateKey key) {
        RSAPrivateCrtKey crt = (RSAPrivateCrtKey) key;
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String privatePem(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    public static String publicPem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    /** The TXT record's value for {@code selector._domainkey.domain}. */
    public static String dnsValue(PublicKey key) {
        return "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(key.getEncoded());
    }

    public static String dnsName(String selector, String domain) {
        return selector + "._domainkey." + domain;
    }

    public static String fingerprint(PublicKey key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.ofDelimiter(":").formatHex(d);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key of a stored SubjectPublicKeyInfo PEM (for the DNS record of a stored key). */
    public static PublicKey readPublic(String pem) {
        String b64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new java.security.spec.X509EncodedKeySpec(
                    Base64.getDecoder().decode(b64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a stored DKIM public key does not parse");
        }
    }

    private static String pem(String type, byte[] der) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + b64 + "\n-----END " + type + "-----\n";
    }

    /** PrivateKeyInfo ::= SEQUENCE { version 0, rsaEncryption, OCTET STRING { RSAPrivateKey } } (RFC 5208). */
    private static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(RSA_ALGORITHM);
        body.write(0x04);
        body.writeBytes(length(pkcs1.length));
        body.writeBytes(pkcs1);
        byte[] inner = body.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        out.writeBytes(length(inner.length));
        out.writeBytes(inner);
        return out.toByteArray();
    }

    private static byte[] length(int n) {
        if (n < 0x80) {
            return new byte[] {(byte) n};
        }
        byte[] b = BigInteger.valueOf(n).toByteArray();
        int skip = b[0] == 0 ? 1 : 0;
        byte[] out = new byte[b.length - skip + 1];
        out[0] = (byte) (0x80 | (b.length - skip));
        System.arraycopy(b, skip, out, 1, b.length - skip);
        return out;
    }
}
