package dev.gannet.lmtp.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decoder fed whole, split at every byte boundary and one byte at a time must frame the same: lines,
 * DATA bodies (dot-unstuffed, bare CR and LF passed on, only CRLF.CRLF ending them, size limit), BDAT chunks
 * and STARTTLS dropping.
 */
class LmtpDecoderTest {

    /** Records frames as text; accepts DATA and STARTTLS at once, or later when {@code deferred}. */
    private static final class Recorder extends ChannelInboundHandlerAdapter {
        final List<String> frames = new ArrayList<>();
        final StringBuilder content = new StringBuilder();
        final LmtpDecoder decoder;
        final boolean deferred;
        Runnable pending;

        Recorder(LmtpDecoder decoder, boolean deferred) {
            this.decoder = decoder;
            this.deferred = deferred;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof LmtpFrame.Content c) {
                    content.append(c.content().toString(StandardCharsets.ISO_8859_1));
                    return;
                }
                if (msg instanceof LmtpFrame.DataEnd end && end.status() != LmtpFrame.DataStatus.COMPLETE) {
                    // how much arrived before the problem was seen depends on the split; the session drops it
                    content.setLength(0);
                }
                flushContent();
                if (msg instanceof LmtpFrame.Line l) {
                    frames.add("L:" + l.text());
                    Runnable decision = null;
                    if (l.text().equalsIgnoreCase("DATA")) {
                        decision = decoder::startData;
                    } else if (l.text().equals("STARTTLS")) {
                        decision = decoder::resumeDroppingInput;
                    } else if (l.text().equals("DATA-REFUSED")) {
                        decision = null;
                    }
                    if (decision != null) {
                        if (deferred) {
                            pending = decision;
                        } else {
                            decision.run();
                        }
                    }
                } else {
                    frames.add(msg.toString());
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        void flushContent() {
            if (content.length() > 0) {
                frames.add("C:" + content);
                content.setLength(0);
            }
        }

        List<String> result() {
            flushContent();
            return frames;
        }
    }

    private static List<String> feed(List<byte[]> pieces, boolean deferred, int maxLine, long maxSize) {
        LmtpDecoder decoder = new LmtpDecoder(maxLine, maxSize);
        Recorder recorder = new Recorder(decoder, deferred);
        EmbeddedChannel ch = new EmbeddedChannel(decoder, recorder);
        for (byte[] p : pieces) {
            ch.writeInbound(Unpooled.wrappedBuffer(p));
            while (recorder.pending != null) {
                Runnable r = recorder.pending;
                recorder.pending = null;
                r.run();
            }
        }
        assertThat(ch.finish()).isFalse();
        return recorder.result();
    }

    /** Runs the input whole, split in two at every position, byte by byte, and deferred; all must agree. */
    private static List<String> frames(String input, int maxLine, long maxSize) {
        byte[] bytes = input.getBytes(StandardCharsets.ISO_8859_1);
        List<String> whole = feed(List.of(bytes), false, maxLine, maxSize);
        for (int i = 1; i < bytes.length; i++) {
            byte[] a = java.util.Arrays.copyOfRange(bytes, 0, i);
            byte[] b = java.util.Arrays.copyOfRange(bytes, i, bytes.length);
            assertThat(feed(List.of(a, b), false, maxLine, maxSize)).as("split at %d", i).isEqualTo(whole);
            assertThat(feed(List.of(a, b), true, maxLine, maxSize)).as("deferred split at %d", i).isEqualTo(whole);
        }
        List<byte[]> single = new ArrayList<>();
        for (byte x : bytes) {
            single.add(new byte[] {x});
        }
        assertThat(feed(single, false, maxLine, maxSize)).as("byte by byte").isEqualTo(whole);
        assertThat(feed(single, true, maxLine, maxSize)).as("byte by byte, deferred").isEqualTo(whole);
        return whole;
    }

    private static List<String> frames(String input) {
        return frames(input, 100, 1000);
    }

    @Test
    void commandLinesWithCrlfOrLf() {
        assertThat(frames("LHLO mta\r\nNOOP\nMAIL FROM:<a@b>\r\n"))
                .containsExactly("L:LHLO mta", "L:NOOP", "L:MAIL FROM:<a@b>");
    }

    @Test
    void dataIsUnstuffedAndEndsAtDotLine() {
        assertThat(frames("DATA\r\nSubject: x\r\n\r\n..dot\r\n.\r\nQUIT\r\n")).containsExactly(
                "L:DATA", "C:Subject: x\r\n\r\n.dot\r\n", "DataEnd[status=COMPLETE]", "L:QUIT");
    }

    @Test
    void emptyBodyAndDotsInsideLines() {
        assertThat(frames("DATA\r\n.\r\nDATA\r\na.b\r\n.x\r\n..\r\n.\r\n")).containsExactly(
                "L:DATA", "DataEnd[status=COMPLETE]", "L:DATA", "C:a.b\r\nx\r\n.\r\n", "DataEnd[status=COMPLETE]");
    }

    @Test
    void bareLfAndBareCrArePassedOnAndALineAfterABareLfIsUnstuffed() {
        assertThat(frames("DATA\r\nA\n..b\nB\r\n.\r\nNOOP\r\n")).containsExactly(
                "L:DATA", "C:A\n.b\nB\r\n", "DataEnd[status=COMPLETE]", "L:NOOP");
        assertThat(frames("DATA\r\nA\rB\r\n\r.\r\n.\r\nNOOP\r\n")).containsExactly(
                "L:DATA", "C:A\rB\r\n\r.\r\n", "DataEnd[status=COMPLETE]", "L:NOOP");
        assertThat(frames("DATA\n\n..\n\r\n.\r\n")).as("a DATA line ended by LF alone, then an LF-only body")
                .containsExactly("L:DATA", "C:\n.\n\r\n", "DataEnd[status=COMPLETE]");
    }

    @Test
    void onlyCrlfDotCrlfEndsTheBody() {
        // LF.LF, LF.CRLF and CRLF.LF are content (RFC 5321 section 4.1.1.4): their dot is unstuffed like any other
        assertThat(frames("DATA\r\nA\n.\nB\n.\r\nC\r\n.\n\r\n.\r\nNOOP\r\n")).containsExactly(
                "L:DATA", "C:A\n\nB\n\r\nC\r\n\n\r\n", "DataEnd[status=COMPLETE]", "L:NOOP");
        assertThat(frames("DATA\nA\n.\nNOOP\n")).as("an LF-only client's terminator leaves DATA open")
                .containsExactly("L:DATA", "C:A\n\nNOOP\n");
    }

    @Test
    void aCrAfterALeadingDotThatIsNotTheEndIsKept() {
        assertThat(frames("DATA\r\nA\r\n.\rX\r\n.\r\r\n.\r\nNOOP\r\n")).containsExactly(
                "L:DATA", "C:A\r\n\rX\r\n\r\r\n", "DataEnd[status=COMPLETE]", "L:NOOP");
    }

    @Test
    void limitsStillHoldAroundABareLfBody() {
        List<String> f = frames("DATA\r\n0123456789\n0123456789\n.\r\n\r\n.\r\nNOOP\r\n", 100, 15);
        assertThat(f).containsSubsequence("L:DATA", "DataEnd[status=TOO_BIG]", "L:NOOP");
        assertThat(String.join("", f)).doesNotContain("0123456789\n0123");
        assertThat(frames("DATA\r\nA\nB\n\r\n.\r\n" + "X".repeat(250) + "\nNOOP\n", 64, 1000)).containsExactly(
                "L:DATA", "C:A\nB\n\r\n", "DataEnd[status=COMPLETE]", "LineTooLong[limit=64]", "L:NOOP");
    }

    @Test
    void oversizedBodyIsReadToItsEndAndDiscarded() {
        List<String> f = frames("DATA\r\n0123456789\r\n0123456789\r\n.\r\nNOOP\r\n", 100, 15);
        assertThat(f).contains("DataEnd[status=TOO_BIG]", "L:NOOP");
        assertThat(String.join("", f)).doesNotContain("0123456789\r\n0123");
    }

    @Test
    void overlongLineIsSkippedAndReported() {
        String longLine = "X".repeat(250);
        assertThat(frames("NOOP\r\n" + longLine + "\r\nNOOP\r\n", 64, 1000))
                .containsExactly("L:NOOP", "LineTooLong[limit=64]", "L:NOOP");
    }

    @Test
    void bdatChunksAreCountedNotParsed() {
        assertThat(frames("BDAT 5\r\nA\r\n.\rBDAT 0 LAST\r\nBDAT 3 LAST\r\n\n\n\nNOOP\r\n")).containsExactly(
                "L:BDAT 5", "C:A\r\n.\r", "ChunkEnd[]", "L:BDAT 0 LAST", "ChunkEnd[]", "L:BDAT 3 LAST", "C:\n\n\n",
                "ChunkEnd[]", "L:NOOP");
    }

    @Test
    void bytesPipelinedAfterStartTlsAreDropped() {
        byte[] input = "STARTTLS\r\nMAIL FROM:<evil@x>\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(feed(List.of(input), false, 100, 1000)).containsExactly("L:STARTTLS");
        assertThat(feed(List.of(input), true, 100, 1000)).containsExactly("L:STARTTLS");
    }

    @Test
    void refusedDataLeavesTheDecoderPausedUntilResumed() {
        LmtpDecoder decoder = new LmtpDecoder(100, 1000);
        List<Object> seen = new ArrayList<>();
        EmbeddedChannel ch = new EmbeddedChannel(decoder, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                seen.add(msg);
                ReferenceCountUtil.release(msg);
            }
        });
        ch.writeInbound(Unpooled.copiedBuffer("DATA\r\nNOOP\r\n", StandardCharsets.US_ASCII));
        assertThat(seen).containsExactly(new LmtpFrame.Line("DATA"));
        assertThat(decoder.paused()).isTrue();
        decoder.resume();
        assertThat(seen).containsExactly(new LmtpFrame.Line("DATA"), new LmtpFrame.Line("NOOP"));
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void contentBuffersAreReleasedWhenTheChannelCloses() {
        LmtpDecoder decoder = new LmtpDecoder(100, 1000);
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        ch.writeInbound(Unpooled.copiedBuffer("BDAT 10\r\nabc", StandardCharsets.US_ASCII));
        decoder.hashCode();
        Object line = ch.readInbound();
        ByteBuf content = ((LmtpFrame.Content) ch.readInbound()).content();
        assertThat(line).isEqualTo(new LmtpFrame.Line("BDAT 10"));
        assertThat(content.toString(StandardCharsets.US_ASCII)).isEqualTo("abc");
        content.release();
        assertThat(ch.finish()).isFalse();
    }
}
