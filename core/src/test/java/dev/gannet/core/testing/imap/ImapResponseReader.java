package dev.gannet.core.testing.imap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a server's byte stream into responses (RFC 3501 §2.2.2): a response is a line, and where the line
 * ends in {@code {n}} CRLF, the n bytes of the literal and the rest of the response after them. It only
 * frames; {@link ImapResponseGrammar} judges. A stream that ends or stalls mid-response throws
 * {@link Incomplete} carrying the bytes read so far, so a hang shows what the server last sent.
 */
public final class ImapResponseReader {

    /** The stream ended or timed out inside a response. */
    public static final class Incomplete extends IOException {
        private final byte[] partial;

        Incomplete(String message, byte[] partial, Throwable cause) {
            super(message + " after " + partial.length + " bytes of a response: "
                    + ImapGrammarException.printable(partial, Math.max(0, partial.length - 400), partial.length), cause);
            this.partial = partial;
        }

        public byte[] partial() {
            return partial.clone();
        }
    }

    private final InputStream in;
    private final long maxBytes;

    /** @param maxBytes the longest response accepted (a guard for the test JVM, not a protocol limit) */
    public ImapResponseReader(InputStream in, long maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The next whole response, or null if the stream ended cleanly between responses. */
    public byte[] next() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            int lineStart = out.size();
            if (!line(out)) {
                if (out.size() == 0) {
                    return null;
                }
                throw new Incomplete("end of stream", out.toByteArray(), null);
            }
            long literal = literalLength(out.toByteArray(), lineStart);
            if (literal < 0) {
                return out.toByteArray();
            }
            if (out.size() + literal > maxBytes) {
                throw new Incomplete("a literal of " + literal + " bytes is beyond this reader's limit",
                        out.toByteArray(), null);
            }
            byte[] data = read(out, literal);
            out.write(data, 0, data.length);
        }
    }

    /** Reads through the next LF; false at end of stream. */
    private boolean line(ByteArrayOutputStream out) throws IOException {
        while (true) {
            int b;
            try {
                b = in.read();
            } catch (IOException e) {
                throw new Incomplete(e.getClass().getSimpleName() + " (" + e.getMessage() + ")", out.toByteArray(), e);
            }
            if (b < 0) {
                return false;
            }
            out.write(b);
            if (out.size() > maxBytes) {
                throw new Incomplete("a line beyond this reader's limit", out.toByteArray(), null);
            }
            if (b == '\n') {
                return true;
            }
        }
    }

    private byte[] read(ByteArrayOutputStream out, long n) throws IOException {
        try {
            byte[] data = in.readNBytes((int) n);
            if (data.length < n) {
                out.write(data, 0, data.length);
                throw new Incomplete("end of stream inside a literal of " + n + " bytes", out.toByteArray(), null);
            }
            return data;
        } catch (Incomplete e) {
            throw e;
        } catch (IOException e) {
            throw new Incomplete(e.getClass().getSimpleName() + " inside a literal of " + n + " bytes",
                    out.toByteArray(), e);
        }
    }

    /** n if the line ending at the end of {@code b} ends in {@code {n}} (CRLF or a bare LF), else -1. */
    static long literalLength(byte[] b, int lineStart) {
        int end = b.length - 1; // the LF
        if (end > lineStart && b[end - 1] == '\r') {
            end--;
        }
        if (end - 1 <= lineStart || b[end - 1] != '}') {
            return -1;
        }
        int i = end - 2;
        long n = 0;
        long scale = 1;
        while (i >= lineStart && b[i] >= '0' && b[i] <= '9' && scale <= 1_000_000_000_000L) {
            n += (b[i] - '0') * scale;
            scale *= 10;
            i--;
        }
        return i >= lineStart && b[i] == '{' && i < end - 2 ? n : -1;
    }
}
