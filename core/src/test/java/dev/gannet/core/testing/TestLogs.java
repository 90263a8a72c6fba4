package dev.gannet.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the processes a test starts (the launcher, a store process) print, kept in
 * {@code target/test-logs/processes.log} beside the tests' own log so that
 * {@link dev.gannet.core.testing.leak.LogLeakCheck} reads their logs too. The file starts empty in each
 * test JVM.
 */
public final class TestLogs {

    private static final Path FILE = Path.of("target", "test-logs", "processes.log");
    private static Writer writer;

    private TestLogs() {
    }

    /** Appends one line a process printed, prefixed with the process's name. */
    public static synchronized void process(String name, String line) {
        try {
            if (writer == null) {
                Files.createDirectories(FILE.getParent());
                writer = Files.newBufferedWriter(FILE, StandardCharsets.UTF_8);
            }
            writer.write("[" + name + "] " + line + "\n");
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + FILE, e);
        }
    }
}
