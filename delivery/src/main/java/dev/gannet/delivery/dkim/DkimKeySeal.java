package dev.gannet.delivery.dkim;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * DKIM private keys at rest ({@code dkim.keySecret}): with a secret set, a PEM is stored as {@code aes1:} and the
 * base64 of a random 12-byte nonce followed by its AES-256-GCM ciphertext, under the SHA-256 of the secret (associated
 * data {@code gannet-dkim}, so a sealed TOTP seed cannot pass for a key); without it the PEM is stored as it is. A key stored
 * before the secret was set still opens, the scheme TOTP seeds use in the API.
 */
public final class DkimKeySeal {

    private static final String PREFIX = "aes1:";
    private static final byte[] AAD = "gannet-dkim".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec key;

    public DkimKeySeal(String secret) {
        this.key = secret == null || secret.isEmpty() ? null : new SecretKeySpec(sha256(secret), "AES");
    }

    public String seal(String pem) {
        if (key == null) {
            return pem;
        }
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            c.updateAAD(AAD);
            byte[] sealed = c.doFinal(pem.getBytes(StandardCharsets.US_ASCII));
            byte[] out = Arrays.copyOf(nonce, nonce.length + sealed.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The PEM of a stored value; fails naming the setting (never the value) when it does not open. */
    public String open(String stored) {
        if (!stored.startsWith(PREFIX)) {
            return stored;
        }
        if (key == null) {
            throw new IllegalStateException("a DKIM key is encrypted but dkim.keySecret is not set");
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, 12));
            c.updateAAD(AAD);
            return new String(c.doFinal(all, 12, all.length - 12), StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a DKIM key does not open with dkim.keySecret (was the secret changed?)");
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
