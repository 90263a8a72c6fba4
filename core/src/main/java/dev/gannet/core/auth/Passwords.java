package dev.gannet.core.auth;

import com.password4j.Argon2Function;
import com.password4j.BcryptFunction;
import com.password4j.CompressedPBKDF2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import dev.gannet.core.error.GannetException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.spec.KeySpec;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashing: new passwords get argon2id (RFC 9106, OWASP's minimum parameters by default); imported
 * hashes are verified in every scheme WildDuck writes or accepts and those other servers leave behind —
 * PHC PBKDF2 {@code $pbkdf2-sha1|sha256|sha512$} (WildDuck's default), bcrypt {@code $2a$/$2b$/$2y$} (also
 * with Dovecot's {@code {BLF-CRYPT}} prefix), MD5-crypt {@code $1$}, SHA-256/512-crypt {@code $5$/$6$}
 * ({@code {SHA512-CRYPT}}), argon2 {@code $argon2i/d/id$}, password4j's compressed PBKDF2 and Django's
 * {@code pbkdf2_sha256$}. {@link #checkImportable} refuses, before it is stored, a hash that {@link #verify}
 * could never accept (unknown scheme, malformed, or a cost beyond the limits below, which keep one login
 * from costing minutes of CPU or gigabytes of memory). {@link #needsRehash} tells the store to replace an
 * old hash after a successful login.
 */
public final class Passwords {

    static final int MAX_BCRYPT_COST = 16;
    static final int MAX_ARGON2_MEMORY_KIB = 4 << 20;
    static final int MAX_ARGON2_ITERATIONS = 100;
    static final int MAX_ARGON2_PARALLELISM = 64;
    static final long MAX_CRYPT_ROUNDS = 10_000_000;

    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$([0-9]{2})\\$[./A-Za-z0-9]{53}");
    private static final Pattern ARGON2 = Pattern.compile(
            "\\$argon2(?:id|i|d)\\$(?:v=(?:16|19)\\$)?m=([0-9]{1,10}),t=([0-9]{1,10}),p=([0-9]{1,3})"
                    + "\\$[A-Za-z0-9+/]{11,}\\$[A-Za-z0-9+/]{6,}");
    private static final Pattern SHA_CRYPT = Pattern.compile(
            "\\$([56])\\$(?:rounds=([0-9]{1,10})\\$)?[^$\\n:]{0,16}\\$([./0-9A-Za-z]+)");
    private static final Pattern DJANGO = Pattern.compile("pbkdf2_sha256\\$([0-9]{1,10})\\$[^$]{1,1024}\\$[A-Za-z0-9+/]{16,}={0,2}");

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
        try {
            return check(password, storedHash);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Refuses a hash to be imported as it is unless {@link #verify} can check passwords against it: the
     * exception's message says why (unknown scheme, malformed, cost too high), for the client.
     */
    public static void checkImportable(String hash) {
        if (hash == null || hash.isEmpty()) {
            throw GannetException.invalid("the hash is empty");
        }
        if (hash.length() > 2048) {
            throw GannetException.invalid("the hash is longer than 2048 characters");
        }
        try {
            check(null, hash);
        } catch (IllegalArgumentException e) {
            throw GannetException.invalid(e.getMessage());
        } catch (RuntimeException e) {
            throw GannetException.invalid("the hash is malformed");
        }
    }

    /**
     * Checks the hash's form and limits and, if {@code password} is not null, verifies it. Throws
     * IllegalArgumentException with a reason for a hash that can never verify.
     */
    private static boolean check(String password, String storedHash) {
        String hash = stripScheme(storedHash);
        if (hash.startsWith("$argon2")) {
            Matcher m = matches(ARGON2, hash, "argon2 hash ($argon2id$v=19$m=..,t=..,p=..$salt$hash)");
            limit(Long.parseLong(m.group(1)), 8, MAX_ARGON2_MEMORY_KIB, "argon2 memory (m, KiB)");
            limit(Long.parseLong(m.group(2)), 1, MAX_ARGON2_ITERATIONS, "argon2 passes (t)");
            limit(Long.parseLong(m.group(3)), 1, MAX_ARGON2_PARALLELISM, "argon2 parallelism (p)");
            Argon2Function f = Argon2Function.getInstanceFromHash(hash);
            return password != null && f.check(password, hash);
        }
        if (hash.startsWith("$2")) {
            Matcher m = matches(BCRYPT, hash, "bcrypt hash ($2a$, $2b$ or $2y$, two-digit cost, 53 characters)");
            limit(Integer.parseInt(m.group(1)), 4, MAX_BCRYPT_COST, "bcrypt cost");
            BcryptFunction f = BcryptFunction.getInstanceFromHash(hash);
            return password != null && f.check(password, hash);
        }
        if (ShaCrypt.isShaCrypt(hash)) {
            Matcher m = matches(SHA_CRYPT, hash, "SHA-crypt hash ($5$ or $6$[rounds=N$]salt$hash)");
            if (m.group(2) != null) {
                limit(Long.parseLong(m.group(2)), 1000, MAX_CRYPT_ROUNDS, "SHA-crypt rounds");
            }
            if (m.group(3).length() != (m.group(1).equals("6") ? 86 : 43)) {
                throw new IllegalArgumentException("the SHA-crypt hash part has the wrong length");
            }
            return password != null && ShaCrypt.verify(password, hash);
        }
        if (hash.startsWith("$1$") && Md5Crypt.FORMAT.matcher(hash).matches()) {
            return password != null && Md5Crypt.verify(password, hash);
        }
        if (PhcPbkdf2.isPhcPbkdf2(hash)) {
            PhcPbkdf2.check(hash);
            return password != null && PhcPbkdf2.verify(password, hash);
        }
        if (hash.startsWith("pbkdf2_sha256$")) {
            Matcher m = matches(DJANGO, hash, "Django pbkdf2_sha256 hash");
            limit(Long.parseLong(m.group(1)), 1, PhcPbkdf2.MAX_ITERATIONS, "pbkdf2 iterations");
            return password != null && djangoPbkdf2(password, hash);
        }
        if (hash.startsWith("$") && hash.chars().filter(c -> c == '$').count() == 4) {
            CompressedPBKDF2Function f = CompressedPBKDF2Function.getInstanceFromHash(hash);
            limit(f.getIterations(), 1, PhcPbkdf2.MAX_ITERATIONS, "pbkdf2 iterations");
            return password != null && f.check(password, hash);
        }
        throw new IllegalArgumentException("unknown hash scheme; Gannet verifies $pbkdf2-sha1/sha256/sha512$, "
                + "bcrypt $2a$/$2b$/$2y$, $1$, $5$, $6$ and $argon2i/d/id$ hashes");
    }

    private static Matcher matches(Pattern p, String hash, String what) {
        Matcher m = p.matcher(hash);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a well-formed " + what);
        }
        return m;
    }

    private static void limit(long value, long min, long max, String what) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " must be " + min + ".." + max);
        }
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
            case "BLF-CRYPT", "SHA512-CRYPT", "SHA256-CRYPT", "MD5-CRYPT", "ARGON2I", "ARGON2ID", "CRYPT", "PBKDF2" -> rest;
            // the text in braces is not echoed: a clear-text password sent by mistake could stand there
            default -> throw new IllegalArgumentException("unknown {SCHEME} prefix; Gannet reads {BLF-CRYPT}, {SHA512-CRYPT}, "
                    + "{SHA256-CRYPT}, {MD5-CRYPT}, {ARGON2I}, {ARGON2ID}, {CRYPT} and {PBKDF2}");
        };
    }

    private static boolean djangoPbkdf2(String password, String hash) {
        String[] f = hash.split("\\$");
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
