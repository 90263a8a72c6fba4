package dev.gannet.api.messages;

import dev.gannet.api.ApiException;
import dev.gannet.core.store.MessageSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An uploaded message read from the request: small ones stay in memory, larger ones go to a temporary
 * file, so the store can read the message twice (parse, then store) without the API holding a large
 * upload in the heap. Anything beyond the limit is refused with 413 as soon as it is seen.
 */
final class Spool implements AutoCloseable {

    private static final int IN_MEMORY = 256 * 1024;

    private final MessageSource source;
    private final Path file;

    private Spool(MessageSource source, Path file) {
        this.source = source;
        this.file = file;
    }

    MessageSource source() {
        return source;
    }

    static Spool read(InputStream in, long declaredLength, long max) {
        if (declaredLength > max) {
            throw ApiException.tooLarge("the request body exceeds " + max + " bytes");
        }
        try {
            byte[] head = in.readNBytes((int) Math.min(IN_MEMORY, max + 1));
            if (head.length > max) {
                throw ApiException.tooLarge("the request body exceeds " + max + " bytes");
            }
            int next = head.length < IN_MEMORY ? -1 : in.read();
            if (next < 0) {
                return new Spool(MessageSource.of(head), null);
            }
            return toFile(head, next, in, max);
        } catch (IOException e) {
            throw ApiException.badRequest("the request body could not be read");
        }
    }

    private static Spool toFile(byte[] head, int next, InputStream in, long max) throws IOException {
        Path file = Files.createTempFile("gannet-upload-", ".eml");
        boolean ok = false;
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(head);
            out.write(next);
            long total = head.length + 1L;
            if (total > max) {
                throw ApiException.tooLarge("the request body exceeds " + max + " bytes");
            }
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > max) {
                    throw ApiException.tooLarge("the request body exceeds " + max + " bytes");
                }
                out.write(buf, 0, n);
            }
            ok = true;
        } finally {
            if (!ok) {
                Files.deleteIfExists(file);
            }
        }
        return new Spool(MessageSource.of(file), file);
    }

    @Override
    public void close() {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
