package dev.gannet.api;

import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A security key in software, answering as a browser and authenticator together would (W3C WebAuthn Level 2 §6.1
 * authenticator data, §6.5 attestation objects, §8.7 the "none" format): an EC P-256 key pair from the JDK, a random
 * credential id, a signature counter, CBOR written with Jackson, ES256 signatures.
 * Every value goes over the wire as hex, as WildDuck's routes take it.
 */
final class SoftAuthenticator {

    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair keys;
    private final byte[] credentialId = new byte[16];
    private final String rpId;
    long counter;

    SoftAuthenticator(String rpId) {
        this.rpId = rpId;
        RANDOM.nextBytes(credentialId);
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            this.keys = g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String rawIdHex() {
        return HEX.formatHex(credentialId);
    }

    /** The body of registration-attestation answering {@code challengeHex}, as made at {@code origin}. */
    String attestation(String challengeHex, String origin) {
        byte[] clientData = clientData("webauthn.create", challengeHex, origin);
        ByteBuffer authData = ByteBuffer.allocate(512);
        authData.put(sha256(rpId.getBytes(StandardCharsets.UTF_8))).put((byte) 0x41).putInt((int) counter)
                .put(new byte[16]).putShort((short) credentialId.length).put(credentialId).put(coseKey());
        byte[] ad = Arrays.copyOf(authData.array(), authData.position());
        byte[] attestationObject = cbor(g -> {
            g.writeStartObject();
            g.writeFieldName("fmt");
            g.writeString("none");
            g.writeFieldName("attStmt");
            g.writeStartObject();
            g.writeEndObject();
            g.writeFieldName("authData");
            g.writeBinary(ad);
            g.writeEndObject();
        });
        return "{\"challenge\":\"" + challengeHex + "\",\"rawId\":\"" + rawIdHex() + "\",\"clientDataJSON\":\""
                + HEX.formatHex(clientData) + "\",\"attestationObject\":\"" + HEX.formatHex(attestationObject) + "\"}";
    }

    /** The body of authentication-assertion answering {@code challengeHex} at {@code origin}, with the next counter. */
    String assertion(String challengeHex, String origin) {
        counter++;
        return assertionWithCounter(challengeHex, origin, counter, false);
    }

    String assertionWithCounter(String challengeHex, String origin, long count, boolean tamper) {
        byte[] clientData = clientData("webauthn.get", challengeHex, origin);
        byte[] authData = ByteBuffer.allocate(37).put(sha256(rpId.getBytes(StandardCharsets.UTF_8)))
                .put((byte) 0x01).putInt((int) count).array();
        byte[] signature;
        try {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(keys.getPrivate());
            s.update(authData);
            s.update(sha256(clientData));
            signature = s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        if (tamper) {
            authData[36] ^= 0x01; // the signed counter no longer matches the signature
        }
        return "{\"challenge\":\"" + challengeHex + "\",\"rawId\":\"" + rawIdHex() + "\",\"clientDataJSON\":\""
                + HEX.formatHex(clientData) + "\",\"authenticatorData\":\"" + HEX.formatHex(authData)
                + "\",\"signature\":\"" + HEX.formatHex(signature) + "\"}";
    }

    private static byte[] clientData(String type, String challengeHex, String origin) {
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(HEX.parseHex(challengeHex));
        return ("{\"type\":\"" + type + "\",\"challenge\":\"" + challenge + "\",\"origin\":\"" + origin
                + "\",\"crossOrigin\":false}").getBytes(StandardCharsets.UTF_8);
    }

    /** The public key as a COSE_Key (RFC 9053 §7.1.1): kty EC2, alg ES256, crv P-256, x, y. */
    private byte[] coseKey() {
        ECPublicKey pub = (ECPublicKey) keys.getPublic();
        byte[] x = unsigned32(pub.getW().getAffineX());
        byte[] y = unsigned32(pub.getW().getAffineY());
        return cbor(g -> {
            g.writeStartObject();
            g.writeFieldId(1);
            g.writeNumber(2);
            g.writeFieldId(3);
            g.writeNumber(-7);
            g.writeFieldId(-1);
            g.writeNumber(1);
            g.writeFieldId(-2);
            g.writeBinary(x);
            g.writeFieldId(-3);
            g.writeBinary(y);
            g.writeEndObject();
        });
    }

    private static byte[] unsigned32(BigInteger v) {
        byte[] b = v.toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(32, b.length);
        System.arraycopy(b, b.length - n, out, 32 - n, n);
        return out;
    }

    private interface Writer {
        void write(CBORGenerator g) throws IOException;
    }

    private static byte[] cbor(Writer w) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator g = new CBORFactory().createGenerator(out)) {
            w.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
