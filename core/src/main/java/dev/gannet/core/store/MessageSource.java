package dev.gannet.core.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A spooled raw message, exactly as received (RFC 5322 bytes, possibly 8-bit, binary or malformed). The
 * protocol layer spools before calling the store, so the store can read it twice (parse, then store)
 * without holding a socket. Only byte-array sources are held in memory.
 */
public sealed interface MessageSource {

    long size();

    InputStream open() throws IOException;

    /** Reads bytes {@code [offset, offset+len)}; the store reads parts it deduplicates through this. */
    default byte[] read(long offset, int len) {
        try (InputStream in = open()) {
            in.skipNBytes(offset);
            return in.readNBytes(len);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MessageSource of(byte[] bytes) {
        return new Bytes(bytes);
    }

    static MessageSource of(Path file) {
        return new SpoolFile(file);
    }

    /** An in-memory message. */
    record Bytes(byte[] bytes) implements MessageSource {
        public Bytes {
            Objects.requireNonNull(bytes, "bytes");
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public InputStream open() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public byte[] read(long offset, int len) {
            return java.util.Arrays.copyOfRange(bytes, (int) offset, (int) offset + len);
        }

        @Override
        public String toString() {
            return "Bytes[" + bytes.length + "]";
        }
    }

    /** A spool file; the caller owns it and deletes it after the store has answered. */
    record SpoolFile(Path path) implements MessageSource {
        public SpoolFile {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public long size() {
            try {
                return Files.size(path);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public InputStream open() throws IOException {
            return Files.newInputStream(path);
        }
    }
}
