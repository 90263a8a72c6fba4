package dev.gannet.api.twofa;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * TOTP seeds at rest: with {@code api.totpKey} set, a seed is stored as {@code aes1:} and the base64 of a random
 * 12-byte nonce and its AES-256-GCM ciphertext (the key is the SHA-256 of the setting), so a copy of the database
 * holds no usable seed; without it seeds are stored as they are. Seeds stored before the key was set still open. The
 * store compares stored values as opaque strings, so a sealed seed is handed back to it unchanged.
 */
final class SeedSeal {

    private static final String PREFIX = "aes1:";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec key;

    SeedSeal(String secret) {
        this.key = secret == null || secret.isEmpty() ? null : new SecretKeySpec(sha256(secret), "AES");
    }

    String seal(String seed) {
        if (key == null) {
            return seed;
        }
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] sealed = c.doFinal(seed.getBytes(StandardCharsets.US_ASCII));
            byte[] out = Arrays.copyOf(nonce, nonce.length + sealed.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The seed of a stored value; fails (naming the setting, never the value) if it cannot be opened. */
    String open(String stored) {
        if (!stored.startsWith(PREFIX)) {
            return stored;
        }
        if (key == null) {
            throw new IllegalStateException("a TOTP seed is encrypted but api.totpKey is not set");
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, 12));
            return new String(c.doFinal(all, 12, all.length - 12), StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a TOTP seed does not open with api.totpKey (was the key changed?)");
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
