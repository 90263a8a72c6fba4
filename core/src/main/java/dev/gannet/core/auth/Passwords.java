package dev.gannet.core.auth;

import com.password4j.Argon2Function;
import com.password4j.BcryptFunction;
import com.password4j.CompressedPBKDF2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.spec.KeySpec;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashing: new passwords get argon2id (RFC 9106, OWASP's minimum parameters by default); imported
 * hashes are verified in the schemes other servers leave behind — bcrypt {@code $2a$/$2b$/$2y$} (also with
 * Dovecot's {@code {BLF-CRYPT}} prefix), SHA-256/512-crypt {@code $5$/$6$} ({@code {SHA512-CRYPT}}),
 * argon2 {@code $argon2i/d/id$}, password4j's compressed PBKDF2 and Django's {@code pbkdf2_sha256$}.
 * {@link #needsRehash} tells the store to replace an old hash after a successful login.
 */
public final class Passwords {

    private final Argon2Function argon2;

    /** Argon2id with {@code memoryKib} memory and {@code iterations} passes, parallelism 1. */
    public Passwords(int memoryKib, int iterations) {
        this.argon2 = Argon2Function.getInstance(memoryKib, iterations, 1, 32, Argon2.ID);
    }

    public String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(argon2).getResult();
    }

    /** True if {@code password} matches {@code storedHash}; false for unknown schemes or malformed hashes. */
    public boolean verify(String password, String storedHash) {
        if (password == null || storedHash == null || storedHash.isEmpty()) {
            return false;
        }
        String hash = stripScheme(storedHash);
        try {
            if (hash.startsWith("$argon2")) {
                return Argon2Function.getInstanceFromHash(hash).check(password, hash);
            }
            if (hash.startsWith("$2a$") || hash.startsWith("$2b$") || hash.startsWith("$2y$")) {
                return BcryptFunction.getInstanceFromHash(hash).check(password, hash);
            }
            if (ShaCrypt.isShaCrypt(hash)) {
                return ShaCrypt.verify(password, hash);
            }
            if (hash.startsWith("pbkdf2_sha256$")) {
                return djangoPbkdf2(password, hash);
            }
            if (hash.startsWith("$")) {
                return CompressedPBKDF2Function.getInstanceFromHash(hash).check(password, hash);
            }
        } catch (RuntimeException e) {
            return false;
        }
        return false;
    }

    /** True unless the hash is argon2id with this instance's parameters. */
    public boolean needsRehash(String storedHash) {
        if (storedHash == null || !storedHash.startsWith("$argon2id$")) {
            return true;
        }
        try {
            return !Argon2Function.getInstanceFromHash(storedHash).equals(argon2);
        } catch (RuntimeException e) {
            return true;
        }
    }

    private static String stripScheme(String hash) {
        if (!hash.startsWith("{")) {
            return hash;
        }
        int end = hash.indexOf('}');
        if (end < 0) {
            return hash;
        }
        String scheme = hash.substring(1, end).toUpperCase(Locale.ROOT);
        String rest = hash.substring(end + 1);
        return switch (scheme) {
            case "BLF-CRYPT", "SHA512-CRYPT", "SHA256-CRYPT", "ARGON2I", "ARGON2ID", "CRYPT", "PBKDF2" -> rest;
            default -> "unsupported:" + rest;
        };
    }

    private static boolean djangoPbkdf2(String password, String hash) {
        String[] f = hash.split("\\$");
        if (f.length != 4) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(f[1]);
            byte[] expected = Base64.getDecoder().decode(f[3]);
            KeySpec spec = new PBEKeySpec(password.toCharArray(), f[2].getBytes(StandardCharsets.UTF_8),
                    iterations, expected.length * 8);
            byte[] actual = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            return MessageDigest.isEqual(expected, actual);
        } catch (Exception e) {
            return false;
        }
    }
}
