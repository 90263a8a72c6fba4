package dev.gannet.pop3.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.nio.ByteBuffer;

/**
 * Encodes the body of a multi-line response as it streams (RFC 1939 §3): lines end in CRLF, every line
 * that begins with "." gets one more, and {@link #finish} ends the response with CRLF "." CRLF, adding a
 * line break first only if the data did not end with one. A bare LF, which only messages stored before
 * ingest made them CRLF can hold, is sent as CRLF; everything else passes through unchanged, so a client
 * that undoes the stuffing gets a message stored with CRLF exactly. For TOP (RFC 1939 §7) it stops after
 * the header, the blank line that ends it and {@code bodyLines} lines of the body; {@link #done()} then
 * tells the caller to stop reading.
 */
public final class MultilineEncoder {

    private static final byte[] END = {'.', '\r', '\n'};

    private final long bodyLines;
    private boolean lineStart = true;
    private boolean inBody;
    private int lineLength;
    private long bodyLinesSeen;
    private int lastByte = '\n';
    private boolean done;

    private MultilineEncoder(long bodyLines) {
        this.bodyLines = bodyLines;
    }

    /** For RETR, LIST, UIDL, CAPA: everything, stuffed. */
    public static MultilineEncoder whole() {
        return new MultilineEncoder(-1);
    }

    /** For TOP: the header, the blank line and the first {@code bodyLines} lines of the body. */
    public static MultilineEncoder top(long bodyLines) {
        return new MultilineEncoder(bodyLines);
    }

    /** True once TOP's limit is reached; the rest of the input is not wanted. */
    public boolean done() {
        return done;
    }

    /** Stuffs the bytes of {@code in} (all of them, or up to the TOP limit) into a new buffer. */
    public ByteBuf encode(ByteBuffer in, ByteBufAllocator alloc) {
        ByteBuf out = alloc.buffer(in.remaining() + in.remaining() / 64 + 16);
        try {
            while (in.hasRemaining() && !done) {
                byte b = in.get();
                if (lineStart && b == '.') {
                    out.writeByte('.');
                }
                if (b == '\n' && lastByte != '\r') {
                    out.writeByte('\r');
                }
                out.writeByte(b);
                lastByte = b;
                lineStart = b == '\n';
                if (b == '\n') {
                    endOfLine();
                } else if (b != '\r') {
                    lineLength++;
                }
            }
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    private void endOfLine() {
        if (bodyLines < 0) {
            return;
        }
        if (!inBody) {
            if (lineLength == 0) {
                inBody = true;
                done = bodyLines == 0;
            }
        } else if (++bodyLinesSeen >= bodyLines) {
            done = true;
        }
        lineLength = 0;
    }

    /** The end of the response: a line break if the data lacked a final one, then the terminating dot line. */
    public ByteBuf finish(ByteBufAllocator alloc) {
        ByteBuf out = alloc.buffer(5);
        if (lastByte == '\r') {
            out.writeByte('\n');
        } else if (lastByte != '\n') {
            out.writeByte('\r').writeByte('\n');
        }
        out.writeBytes(END);
        return out;
    }
}
