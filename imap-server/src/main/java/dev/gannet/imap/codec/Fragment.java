package dev.gannet.imap.codec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A piece of one command as the decoder read it (RFC 3501 §4.3): text up to a literal marker or the end
 * of the line, or a literal's bytes, held in memory when small and in a spool file when large.
 */
public sealed interface Fragment {

    /** Line text without the literal marker or CRLF, decoded as UTF-8. */
    record Text(String text) implements Fragment {
    }

    /** A literal held in memory. */
    record Bytes(byte[] bytes) implements Fragment {
        public String utf8() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "Bytes[" + bytes.length + "]";
        }
    }

    /** A literal written to a spool file, which {@link RawCommand#release()} deletes. */
    record Spooled(Path file, long size) implements Fragment {
        void delete() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
