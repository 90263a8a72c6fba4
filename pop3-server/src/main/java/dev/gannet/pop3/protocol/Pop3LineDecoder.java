package dev.gannet.pop3.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Splits the client's bytes into command lines (RFC 1939 §3: CRLF-terminated; a bare LF is accepted
 * too). An explicit two-state machine: READING scans for LF without re-scanning what it saw before;
 * once a line exceeds the limit it switches to DISCARDING, drops bytes as they come (so a long line
 * never costs more than the limit in memory) and, at the line's end, emits {@link #TOO_LONG} so the
 * session can answer {@code -ERR}. One line is emitted per decode call, so the handler sees each line
 * before the next is cut and can {@link #discardBuffered()} after STLS.
 */
public final class Pop3LineDecoder extends ByteToMessageDecoder {

    /** Emitted in place of a line that exceeded the limit. */
    public static final Object TOO_LONG = new Object() {
        @Override
        public String toString() {
            return "TOO_LONG";
        }
    };

    private enum State { READING, DISCARDING }

    private final int maxLength;
    private State state = State.READING;
    private int scanned;

    /** @param maxLength longest line accepted, line terminator included */
    public Pop3LineDecoder(int maxLength) {
        this.maxLength = maxLength;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (state == State.READING) {
            readLine(in, out);
        } else {
            discard(in, out);
        }
    }

    private void readLine(ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int eol = in.indexOf(start + scanned, in.writerIndex(), (byte) '\n');
        if (eol < 0) {
            scanned = in.readableBytes();
            if (scanned > maxLength) {
                in.skipBytes(scanned);
                scanned = 0;
                state = State.DISCARDING;
            }
            return;
        }
        scanned = 0;
        int length = eol - start + 1;
        if (length > maxLength) {
            in.skipBytes(length);
            out.add(TOO_LONG);
            return;
        }
        int textLength = length - 1;
        if (textLength > 0 && in.getByte(start + textLength - 1) == '\r') {
            textLength--;
        }
        String line = in.toString(start, textLength, StandardCharsets.UTF_8);
        in.skipBytes(length);
        out.add(line);
    }

    private void discard(ByteBuf in, List<Object> out) {
        int eol = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
        if (eol < 0) {
            in.skipBytes(in.readableBytes());
            return;
        }
        in.skipBytes(eol - in.readerIndex() + 1);
        state = State.READING;
        out.add(TOO_LONG);
    }

    /**
     * Drops every byte received but not yet decoded. Called when STLS is accepted: whatever the client
     * sent after it in plain text must not be taken as a command (RFC 2595 §4, CVE-2011-0411).
     */
    public void discardBuffered() {
        ByteBuf pending = internalBuffer();
        if (pending.isReadable()) {
            pending.skipBytes(pending.readableBytes());
        }
        scanned = 0;
        state = State.READING;
    }
}
