package dev.gannet.mta.socketmap;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Splits the socketmap byte stream into netstrings ({@code <length>:<bytes>,}, D. J. Bernstein's netstring
 * format as socketmap_table(5) uses it). An explicit state machine: the decimal length is read digit by digit
 * and checked against the limit before a single payload byte is kept, so an over-long request costs no memory.
 * A malformed netstring (no digits, a leading zero, no colon, no trailing comma) or an over-long one yields
 * {@link SocketmapRequest.Malformed} once; everything after it is discarded unread.
 */
public final class NetstringDecoder extends ByteToMessageDecoder {

    private enum State { LENGTH, PAYLOAD, FAILED }

    private final int maxLength;
    private final int maxDigits;
    private State state = State.LENGTH;
    private int length;
    private int digits;

    public NetstringDecoder(int maxLength) {
        this.maxLength = maxLength;
        this.maxDigits = Integer.toString(maxLength).length();
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            switch (state) {
                case FAILED -> in.skipBytes(in.readableBytes());
                case LENGTH -> readLength(in, out);
                case PAYLOAD -> {
                    if (in.readableBytes() < length + 1) {
                        return;
                    }
                    String text = in.readCharSequence(length, StandardCharsets.UTF_8).toString();
                    if (in.readByte() != ',') {
                        fail(in, out, "netstring does not end with a comma");
                    } else {
                        out.add(new SocketmapRequest.Query(text));
                        state = State.LENGTH;
                        length = 0;
                        digits = 0;
                    }
                }
            }
        }
    }

    /** Reads length digits up to the colon, checking the limit at every digit. */
    private void readLength(ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            byte b = in.readByte();
            if (b == ':' && digits > 0) {
                state = State.PAYLOAD;
                return;
            }
            if (b < '0' || b > '9' || (digits == 1 && length == 0)) {
                fail(in, out, "malformed netstring");
                return;
            }
            length = length * 10 + (b - '0');
            digits++;
            if (digits > maxDigits || length > maxLength) {
                fail(in, out, "request longer than " + maxLength + " bytes");
                return;
            }
        }
    }

    private void fail(ByteBuf in, List<Object> out, String reason) {
        state = State.FAILED;
        in.skipBytes(in.readableBytes());
        out.add(new SocketmapRequest.Malformed(reason));
    }
}
