package dev.gannet.core.mime;

import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.MessageSource;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The line-ending policy of ingest (ARCHITECTURE.md "Line endings"; RFC 5322 §2.3 and RFC 5321 §2.3.8 let CR
 * and LF occur only together, as CRLF): every LF not preceded by CR becomes CRLF, and everything else is kept
 * byte for byte, CRLF and a CR not followed by LF included, as Dovecot 2.3 serves them after LMTP or APPEND
 * (measured on loopback; docs/store.md has the details). A message that needs nothing changed is handed on as
 * it came, without a copy. A conversion streams, into memory up to {@link #IN_MEMORY} bytes and into a
 * temporary file beyond, and the size limit is checked against the converted size, which a counting pass
 * knows before anything is written.
 */
public final class LineEndings {

    /** Converted messages up to this size are built in memory, larger ones in a temporary file. */
    static final int IN_MEMORY = 1 << 20;

    private static final int BUFFER = 64 * 1024;
    private static final Object CANCELLED = new Object();

    private LineEndings() {
    }

    /**
     * Counts bare LFs in bytes that arrive in pieces (a CR at the end of one piece pairs with an LF at the start of
     * the next). Converting adds exactly one byte per bare LF.
     */
    public static final class Counter {
        private boolean afterCr;
        private long bare;

        public void update(byte[] bytes, int offset, int length) {
            if (length <= 0) {
                return;
            }
            long n = bare;
            if (bytes[offset] == '\n' && !afterCr) {
                n++;
            }
            // looking back one byte instead of carrying a flag keeps this loop at a few GB/s
            for (int i = offset + 1, end = offset + length; i < end; i++) {
                if (bytes[i] == '\n' && bytes[i - 1] != '\r') {
                    n++;
                }
            }
            afterCr = bytes[offset + length - 1] == '\r';
            bare = n;
        }

        /** Reads {@code bytes} without moving its position. */
        public void update(ByteBuffer bytes) {
            if (bytes.hasArray()) {
                update(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
                return;
            }
            boolean cr = afterCr;
            long n = bare;
            for (int i = bytes.position(), end = bytes.limit(); i < end; i++) {
                byte b = bytes.get(i);
                if (b == '\n' && !cr) {
                    n++;
                }
                cr = b == '\r';
            }
            afterCr = cr;
            bare = n;
        }

        public long bareLineFeeds() {
            return bare;
        }
    }

    /** The number of LFs in {@code bytes} that no CR precedes. */
    public static long bareLineFeeds(byte[] bytes) {
        Counter c = new Counter();
        c.update(bytes, 0, bytes.length);
        return c.bareLineFeeds();
    }

    /** {@code bytes} with every bare LF made CRLF; {@code bytes} itself when it has none. */
    public static byte[] toCrlf(byte[] bytes) {
        long bare = bareLineFeeds(bytes);
        if (bare == 0) {
            return bytes;
        }
        if (bytes.length + bare > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too large to convert in memory: " + bytes.length + " bytes");
        }
        byte[] out = new byte[(int) (bytes.length + bare)];
        int o = 0;
        byte prev = 0;
        for (byte b : bytes) {
            if (b == '\n' && prev != '\r') {
                out[o++] = '\r';
            }
            out[o++] = b;
            prev = b;
        }
        return out;
    }

    /**
     * Runs {@code use} on {@code source} with CRLF line endings: the same source when it has no bare LF, else a
     * converted copy that is deleted once {@code use} has finished, failed or been cancelled. A source larger than
     * {@code maxBytes}, before or after conversion, fails with TOO_BIG and no copy is made. Small in-memory
     * sources are handled on the calling thread; anything that reads or writes a file runs on a blocking worker.
     */
    public static <T> Mono<T> withCrlf(MessageSource source, long maxBytes, Function<MessageSource, Mono<T>> use) {
        return Mono.defer(() -> {
            // a copy made after a cancel is dropped unseen by Reactor (not even discarded), so this slot says
            // whether the copy or the cancel came first, and whichever comes second deletes the copy
            AtomicReference<Object> slot = new AtomicReference<>();
            Mono<MessageSource> converted = Mono.fromCallable(() -> {
                MessageSource copy = toCrlf(source, maxBytes);
                if (copy != source && !slot.compareAndSet(null, copy)) {
                    deleteNow(copy);
                }
                return copy;
            });
            if (!(source instanceof MessageSource.Bytes b && b.bytes().length <= IN_MEMORY / 2)) {
                converted = converted.subscribeOn(Schedulers.boundedElastic());
            }
            converted = converted.doOnCancel(() -> {
                if (slot.getAndSet(CANCELLED) instanceof MessageSource copy) {
                    deleteNow(copy);
                }
            });
            return Mono.usingWhen(converted, use, s -> s == source ? Mono.empty() : delete(s));
        });
    }

    /**
     * {@code source} with CRLF line endings (blocking): {@code source} itself when it has no bare LF; otherwise a
     * new in-memory source or temporary file, which the caller deletes.
     */
    public static MessageSource toCrlf(MessageSource source, long maxBytes) throws IOException {
        long size = source.size();
        if (size > maxBytes) {
            throw new GannetException.TooBig("message of " + size + " bytes");
        }
        long bare = source instanceof MessageSource.Bytes b ? bareLineFeeds(b.bytes()) : count(source);
        if (bare == 0) {
            return source;
        }
        long converted = size + bare;
        if (converted > maxBytes) {
            throw new GannetException.TooBig("message of " + converted + " bytes with CRLF line endings");
        }
        if (source instanceof MessageSource.Bytes b && converted <= IN_MEMORY) {
            return MessageSource.of(toCrlf(b.bytes()));
        }
        Path file = Files.createTempFile("gannet-crlf-", ".eml");
        try (InputStream in = source.open(); OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), BUFFER)) {
            copy(in, out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        if (Files.size(file) != converted) {
            // the source changed under us; storing it would break the size the limit was checked against
            Files.deleteIfExists(file);
            throw new IOException("message source changed while it was converted");
        }
        return MessageSource.of(file);
    }

    private static long count(MessageSource source) throws IOException {
        Counter c = new Counter();
        byte[] buf = new byte[BUFFER];
        try (InputStream in = source.open()) {
            for (int n; (n = in.read(buf)) > 0; ) {
                c.update(buf, 0, n);
            }
        }
        return c.bareLineFeeds();
    }

    /** Copies {@code in} to {@code out} with every bare LF made CRLF. */
    static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buf = new byte[BUFFER];
        boolean afterCr = false;
        for (int n; (n = in.read(buf)) > 0; ) {
            int run = 0;
            for (int i = 0; i < n; i++) {
                byte b = buf[i];
                if (b == '\n' && !afterCr) {
                    out.write(buf, run, i - run);
                    out.write('\r');
                    run = i;
                }
                afterCr = b == '\r';
            }
            out.write(buf, run, n - run);
        }
    }

    private static void deleteNow(MessageSource s) {
        if (s instanceof MessageSource.SpoolFile f) {
            try {
                Files.deleteIfExists(f.path());
            } catch (IOException e) {
                // a temporary file the OS cleans up; nothing refers to it
            }
        }
    }

    private static Mono<Void> delete(MessageSource s) {
        if (!(s instanceof MessageSource.SpoolFile f)) {
            return Mono.empty();
        }
        return Mono.fromCallable(() -> Files.deleteIfExists(f.path())).subscribeOn(Schedulers.boundedElastic())
                .onErrorResume(IOException.class, e -> Mono.just(false)).then();
    }
}
