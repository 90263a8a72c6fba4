package dev.gannet.lmtp.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Frames the LMTP byte stream (RFC 2033 §4, on the SMTP grammar of RFC 5321 §4.1 and §4.5.2, and RFC 3030
 * §2 for BDAT) as an explicit state machine: command lines up to a length limit; after a DATA line it
 * stops and waits for the session to accept or refuse it, then reads the body with dot-unstuffing up to
 * CRLF.CRLF and nothing else: LF.LF, LF.CRLF and CRLF.LF are content (RFC 5321 §4.1.1.4; Postfix's default
 * since 3.9, smtpd_forbid_bare_newline = normalize, draws the same line). A bare LF or CR is passed on as it
 * came, for the store to make CRLF of the LF; a bare LF still starts a line for unstuffing, since the clients
 * that send one (Python's smtplib, for one) stuff the dot after it. A BDAT line switches the decoder to
 * counting the chunk's bytes by itself, since they follow at once even when the command will be refused.
 * After STARTTLS it waits too, so that bytes the client pipelined behind it can be dropped (RFC 3207 §4.2).
 * Nothing is buffered beyond one line: body bytes are passed on as they arrive, and an over-long line or
 * an oversized body is skipped, not held.
 */
public final class LmtpDecoder extends ByteToMessageDecoder {

    private enum State { LINE, DISCARD_LINE, PAUSED, DATA, CHUNK }

    /**
     * Where the DATA scanner is: at the start of a line that follows CRLF (or the start of the body) or a bare
     * LF, within a line, after a CR, after the dot that begins a line after CRLF, or after that dot and a CR.
     */
    private enum DataPos { AFTER_CRLF, AFTER_LF, MID, CR, DOT, DOT_CR }

    /** A CR held back across reads, emitted when it turns out to be content. */
    private static final ByteBuf CR = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(new byte[] {'\r'}));

    private final int maxLineLength;
    private final long maxMessageSize;
    private ChannelHandlerContext ctx;
    private State state = State.LINE;
    private DataPos pos;
    private long dataSize;
    private long chunkRemaining;
    private boolean inRead;

    /**
     * @param maxLineLength longest command line, line ending included
     * @param maxMessageSize largest DATA body; beyond it the body is read to its end and discarded
     */
    public LmtpDecoder(int maxLineLength, long maxMessageSize) {
        this.maxLineLength = maxLineLength;
        this.maxMessageSize = maxMessageSize;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** The session accepted DATA: what follows is the message body. */
    public void startData() {
        requirePaused();
        state = State.DATA;
        pos = DataPos.AFTER_CRLF;
        dataSize = 0;
        resumeDecoding();
    }

    /** The session answered the command it paused on without switching modes: read command lines again. */
    public void resume() {
        requirePaused();
        state = State.LINE;
        resumeDecoding();
    }

    /** TLS is being started: whatever the client sent after STARTTLS is discarded, unread. */
    public void resumeDroppingInput() {
        requirePaused();
        ByteBuf buffered = internalBuffer();
        buffered.skipBytes(buffered.readableBytes());
        state = State.LINE;
    }

    /** True while the decoder waits for the session to decide about DATA or STARTTLS. */
    public boolean paused() {
        return state == State.PAUSED;
    }

    private void requirePaused() {
        if (state != State.PAUSED) {
            throw new IllegalStateException("decoder is not waiting for a decision but in " + state);
        }
    }

    /**
     * Within a read the decoding loop goes on by itself in the new state; outside one (the session decided
     * later), what arrived while paused is decoded now, through an empty read.
     */
    private void resumeDecoding() {
        if (!inRead && ctx != null && !ctx.isRemoved()) {
            channelRead(ctx, Unpooled.EMPTY_BUFFER);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        boolean outer = !inRead;
        inRead = true;
        try {
            super.channelRead(ctx, msg);
        } catch (Exception e) {
            ctx.fireExceptionCaught(e);
        } finally {
            if (outer) {
                inRead = false;
            }
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        switch (state) {
            case LINE -> line(in, out);
            case DISCARD_LINE -> discardLine(in, out);
            case DATA -> data(in, out);
            case CHUNK -> chunk(in, out);
            case PAUSED -> {
                if (in.readableBytes() > maxLineLength * 4 + 65536) {
                    in.skipBytes(in.readableBytes());
                    throw new TooLongFrameException("client sent too much without waiting for the reply to DATA or STARTTLS");
                }
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    private void line(ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int searchEnd = Math.min(in.writerIndex(), start + maxLineLength);
        int lf = in.indexOf(start, searchEnd, (byte) '\n');
        if (lf < 0) {
            if (in.readableBytes() >= maxLineLength) {
                in.skipBytes(maxLineLength);
                state = State.DISCARD_LINE;
            }
            return;
        }
        int end = lf > start && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
        String text = in.toString(start, end - start, StandardCharsets.UTF_8);
        in.readerIndex(lf + 1);
        out.add(new LmtpFrame.Line(text));
        long chunk = CommandParser.bdatChunkSize(text);
        if (chunk == 0) {
            out.add(new LmtpFrame.ChunkEnd());
        } else if (chunk > 0) {
            chunkRemaining = chunk;
            state = State.CHUNK;
        } else if (CommandParser.pausesInput(text)) {
            state = State.PAUSED;
        }
    }

    private void discardLine(ByteBuf in, List<Object> out) {
        int lf = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
        if (lf < 0) {
            in.skipBytes(in.readableBytes());
            return;
        }
        in.readerIndex(lf + 1);
        state = State.LINE;
        out.add(new LmtpFrame.LineTooLong(maxLineLength));
    }

    private void chunk(ByteBuf in, List<Object> out) {
        int n = (int) Math.min(in.readableBytes(), chunkRemaining);
        if (n > 0) {
            out.add(new LmtpFrame.Content(in.readRetainedSlice(n)));
            chunkRemaining -= n;
        }
        if (chunkRemaining == 0) {
            state = State.LINE;
            out.add(new LmtpFrame.ChunkEnd());
        }
    }

    private void data(ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int i = start;
        int end = in.writerIndex();
        int run = i;
        while (i < end) {
            byte b = in.getByte(i);
            switch (pos) {
                case AFTER_CRLF, AFTER_LF -> {
                    if (b == '.') {
                        emit(in, run, i, out);
                        run = ++i;
                        // only CRLF "." CRLF ends the data (RFC 5321 §4.1.1.4): after a bare LF the dot is
                        // unstuffed like any other, and the line is content
                        pos = pos == DataPos.AFTER_CRLF ? DataPos.DOT : DataPos.MID;
                    } else {
                        pos = DataPos.MID;
                    }
                }
                case MID -> {
                    if (b == '\r') {
                        pos = DataPos.CR;
                    } else if (b == '\n') {
                        pos = DataPos.AFTER_LF;
                    }
                    i++;
                }
                case CR -> {
                    if (b == '\n') {
                        pos = DataPos.AFTER_CRLF;
                        i++;
                    } else {
                        pos = DataPos.MID;
                    }
                }
                case DOT -> {
                    if (b == '\r') {
                        pos = DataPos.DOT_CR;
                        i++;
                    } else {
                        pos = DataPos.MID;
                    }
                }
                case DOT_CR -> {
                    if (b == '\n') {
                        endData(in, i + 1, out);
                        return;
                    }
                    // the CR held back after the dot is content after all; if it came in an earlier read it
                    // is no longer in this buffer
                    if (i == start) {
                        emit(CR, 0, 1, out);
                    }
                    pos = DataPos.MID;
                }
                default -> throw new IllegalStateException(pos.name());
            }
        }
        emit(in, run, pos == DataPos.DOT_CR ? end - 1 : end, out);
        in.readerIndex(end);
    }

    private void emit(ByteBuf in, int from, int to, List<Object> out) {
        int len = to - from;
        if (len <= 0 || dataSize > maxMessageSize) {
            return;
        }
        dataSize += len;
        if (dataSize <= maxMessageSize) {
            out.add(new LmtpFrame.Content(in.retainedSlice(from, len)));
        }
    }

    private void endData(ByteBuf in, int next, List<Object> out) {
        in.readerIndex(next);
        state = State.LINE;
        LmtpFrame.DataStatus status = dataSize > maxMessageSize ? LmtpFrame.DataStatus.TOO_BIG
                : LmtpFrame.DataStatus.COMPLETE;
        out.add(new LmtpFrame.DataEnd(status));
    }
}
