package dev.gannet.lmtp.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * What {@link LmtpDecoder} hands the session: a command line, a line that was too long, message bytes
 * (already dot-unstuffed for DATA, verbatim for a BDAT chunk, RFC 3030 §2), and the ends of a DATA body or
 * a BDAT chunk. Only {@link Content} holds a buffer; whoever receives it releases it.
 */
public sealed interface LmtpFrame {

    /** One command line without its line ending. */
    record Line(String text) implements LmtpFrame {
    }

    /** A command line longer than the limit was read and thrown away up to its end. */
    record LineTooLong(int limit) implements LmtpFrame {
    }

    /** Bytes of the message body, in order. */
    final class Content extends DefaultByteBufHolder implements LmtpFrame {
        public Content(ByteBuf data) {
            super(data);
        }
    }

    /** How a DATA body ended (RFC 5321 §4.1.1.4). */
    enum DataStatus {
        /** Terminated by CRLF.CRLF with nothing wrong. */
        COMPLETE,
        /** More bytes than the size limit arrived; the excess was discarded. */
        TOO_BIG
    }

    /** The end of a DATA body. */
    record DataEnd(DataStatus status) implements LmtpFrame {
    }

    /** Every byte of the current BDAT chunk has been delivered as {@link Content}. */
    record ChunkEnd() implements LmtpFrame {
    }
}
