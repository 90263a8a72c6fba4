package dev.gannet.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The secrets a test used: passwords, application passwords, tokens, TOTP secrets. Every one is written
 * to {@code target/test-secrets/} (base64, one a line), and after the module's tests
 * {@link dev.gannet.core.testing.leak.LogLeakCheck} greps every log the tests wrote for each of them,
 * in clear, hex and base64: a secret in a log line fails the build. The harness registers what it
 * makes (user passwords, the configured access token) and the API test client what it sends and gets
 * (passwords in request bodies, tokens); a test that makes another kind of secret registers it here.
 */
public final class TestSecrets {

    /** Shorter values (test passwords such as "x") would match any log line; they are not checked. */
    public static final int MIN_LENGTH = 6;
    static final Path DIR = Path.of("target", "test-secrets");
    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();
    private static final Path FILE = DIR.resolve("secrets-" + ProcessHandle.current().pid() + ".txt");

    private TestSecrets() {
    }

    /** Registers a secret (values shorter than {@link #MIN_LENGTH} are ignored); returns it. */
    public static String register(String secret) {
        if (secret == null || secret.length() < MIN_LENGTH || !SEEN.add(secret)) {
            return secret;
        }
        String line = Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)) + "\n";
        synchronized (TestSecrets.class) {
            try {
                Files.createDirectories(DIR);
                Files.writeString(FILE, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot record a test secret in " + FILE, e);
            }
        }
        return secret;
    }
}
