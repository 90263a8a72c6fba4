package dev.gannet.imap.codec;

import dev.gannet.core.testing.DecoderFeed;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** The decoder fed whole, split at every byte boundary, and one byte at a time must frame alike. */
class ImapDecoderTest {

    @TempDir
    Path spool;

    private CodecLimits limits(int maxLine, long appendLimit, int spoolThreshold) {
        return new CodecLimits(maxLine, appendLimit, spoolThreshold, spool);
    }

    /** Feeds {@code input} in every way and checks each run's output with {@code check}. */
    private void everyWay(CodecLimits limits, String input, Consumer<List<Object>> check) {
        DecoderFeed.everyWay(() -> new ImapDecoder(limits), input.getBytes(StandardCharsets.UTF_8), check);
    }

    private List<Object> feed(CodecLimits limits, List<byte[]> chunks) {
        return DecoderFeed.feed(() -> new ImapDecoder(limits), chunks);
    }

    private static String text(Object o, int fragment) {
        return ((Fragment.Text) ((RawCommand) o).fragments().get(fragment)).text();
    }

    @Test
    void framesLinesWithCrlfOrBareLf() {
        everyWay(limits(1000, 1000, 100), "a1 NOOP\r\na2 CAPABILITY\nDONE\r\n", out -> {
            assertThat(out).hasSize(3);
            assertThat(text(out.get(0), 0)).isEqualTo("a1 NOOP");
            assertThat(text(out.get(1), 0)).isEqualTo("a2 CAPABILITY");
            assertThat(text(out.get(2), 0)).isEqualTo("DONE");
        });
    }

    @Test
    void synchronisingLiteralAsksForContinuationThenCarriesTheBytes() {
        everyWay(limits(1000, 1000, 100), "a LOGIN {4}\r\nuser {6+}\r\nse\r\nt!\r\n", out -> {
            assertThat(out).hasSize(2);
            assertThat(out.get(0)).isEqualTo(ContinuationRequest.INSTANCE);
            RawCommand c = (RawCommand) out.get(1);
            assertThat(c.fragments()).hasSize(5);
            assertThat(text(c, 0)).isEqualTo("a LOGIN ");
            assertThat(((Fragment.Bytes) c.fragments().get(1)).utf8()).isEqualTo("user");
            assertThat(text(c, 2)).isEqualTo(" ");
            assertThat(((Fragment.Bytes) c.fragments().get(3)).utf8()).isEqualTo("se\r\nt!");
            assertThat(text(c, 4)).isEmpty();
        });
    }

    @Test
    void literalTooBigForANonAppendCommandIsRefusedWithoutContinuation() {
        everyWay(limits(100, 1000, 100), "a LOGIN {500}\r\nb NOOP\r\n", out -> {
            assertThat(out).hasSize(2);
            assertThat(out.get(0)).isEqualTo(new DecodeProblem("a", "BAD", null, "Literal too long", false));
            assertThat(text(out.get(1), 0)).isEqualTo("b NOOP");
        });
    }

    @Test
    void appendOverTheLimitAnswersTooBigAndANonSyncLiteralIsDiscardedExactly() {
        String upload = "x".repeat(300) + "\r\nc LOGOUT\r\n";
        everyWay(limits(100, 200, 100), "a APPEND INBOX {300}\r\nb APPEND INBOX {" + (upload.length() - 2) + "+}\r\n" + upload
                + "d NOOP\r\n", out -> {
            assertThat(out).hasSize(3);
            assertThat(out.get(0)).isEqualTo(new DecodeProblem("a", "NO", "TOOBIG", "Message too large", false));
            assertThat(out.get(1)).isEqualTo(new DecodeProblem("b", "NO", "TOOBIG", "Message too large", false));
            assertThat(text(out.get(2), 0)).isEqualTo("d NOOP");
        });
    }

    @Test
    void largeAppendLiteralGoesToASpoolFile() throws Exception {
        String body = "Subject: hi\r\n\r\n" + "y".repeat(500) + "\r\n";
        List<Object> out = feed(limits(100, 10_000, 64), List.of(
                ("a APPEND INBOX {" + body.length() + "+}\r\n" + body + "\r\n").getBytes(StandardCharsets.US_ASCII)));
        assertThat(out).hasSize(1);
        RawCommand c = (RawCommand) out.get(0);
        Fragment.Spooled s = (Fragment.Spooled) c.fragments().get(1);
        assertThat(Files.readString(s.file())).isEqualTo(body);
        c.release();
        assertThat(Files.exists(s.file())).isFalse();
    }

    @Test
    void tooLongLineEndsTheConnectionInput() {
        everyWay(limits(50, 1000, 100), "a NOOP " + "x".repeat(100) + "\r\nb NOOP\r\n", out -> {
            assertThat(out).hasSize(1);
            assertThat(((DecodeProblem) out.get(0)).close()).isTrue();
        });
    }

    @Test
    void discardBufferedDropsPipelinedInput() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ImapDecoder decoder = new ImapDecoder(limits(1000, 1000, 100));
        ch.pipeline().addLast(decoder, new io.netty.channel.ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(io.netty.channel.ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof RawCommand r && r.firstLine().endsWith("STARTTLS")) {
                    decoder.discardBuffered();
                }
                ctx.fireChannelRead(msg);
            }
        });
        ch.writeInbound(Unpooled.copiedBuffer("a STARTTLS\r\nb LOGIN x y\r\n", StandardCharsets.US_ASCII));
        ch.writeInbound(Unpooled.copiedBuffer("c NOOP\r\n", StandardCharsets.US_ASCII));
        assertThat(((RawCommand) ch.readInbound()).firstLine()).isEqualTo("a STARTTLS");
        assertThat(((RawCommand) ch.readInbound()).firstLine()).isEqualTo("c NOOP");
        assertThat((Object) ch.readInbound()).isNull();
        ch.finishAndReleaseAll();
    }

    @Test
    void markerIsOnlyATrailingBraceNumber() {
        assertThat(ImapDecoder.markerStart("a LOGIN {5}")).isEqualTo(8);
        assertThat(ImapDecoder.markerStart("a LOGIN {5+}")).isEqualTo(8);
        assertThat(ImapDecoder.markerStart("a LOGIN {}")).isEqualTo(-1);
        assertThat(ImapDecoder.markerStart("a LOGIN {+}")).isEqualTo(-1);
        assertThat(ImapDecoder.markerStart("a LOGIN 5}")).isEqualTo(-1);
        assertThat(ImapDecoder.markerStart("}")).isEqualTo(-1);
    }

    @Test
    void literal8OfAppendCarriesNulBytesAndLeavesTheTildeToTheParser() {
        everyWay(limits(1000, 1000, 100), "a APPEND INBOX ~{5+}\r\nx\0y\r\n ~{2}\r\n\0\0\r\n", out -> {
            assertThat(out).hasSize(2);
            assertThat(out.get(0)).isEqualTo(ContinuationRequest.INSTANCE);
            RawCommand c = (RawCommand) out.get(1);
            assertThat(c.fragments()).hasSize(5);
            assertThat(text(c, 0)).isEqualTo("a APPEND INBOX ~");
            assertThat(((Fragment.Bytes) c.fragments().get(1)).bytes()).containsExactly('x', 0, 'y', '\r', '\n');
            assertThat(text(c, 2)).isEqualTo(" ~");
            assertThat(((Fragment.Bytes) c.fragments().get(3)).bytes()).containsExactly(0, 0);
            assertThat(text(c, 4)).isEmpty();
        });
    }

    @Test
    void literalMinusRefusesANonSyncLiteralOver4096BytesAndDiscardsItExactly() {
        CodecLimits minus = new CodecLimits(100_000, 100_000, 100_000, spool, false, 1000, Long.MAX_VALUE);
        String big = "z".repeat(4097);
        everyWay(minus, "a LOGIN {4097+}\r\n" + big + " x\r\nb LOGIN {4096+}\r\n" + big.substring(1) + " {1}\r\np\r\n", out -> {
            assertThat(out).hasSize(3);
            assertThat(out.get(0)).isEqualTo(new DecodeProblem("a", "BAD", "TOOBIG", "Non-synchronizing literal over 4096 bytes", false));
            assertThat(out.get(1)).isEqualTo(ContinuationRequest.INSTANCE);
            assertThat(((Fragment.Bytes) ((RawCommand) out.get(2)).fragments().get(1)).bytes()).hasSize(4096);
        });
    }

    @Test
    void appendLiteralCountAndTotalAreLimitedPerCommandBeforeTheBytesAreRead() {
        CodecLimits few = new CodecLimits(1000, 100, 1000, spool, true, 2, 150);
        List<Object> out = feed(few, List.of("a APPEND INBOX {1+}\r\nx {1+}\r\ny {1}\r\nb APPEND INBOX {80+}\r\n"
                .concat("q".repeat(80)).concat(" {80}\r\nc NOOP\r\n").getBytes(StandardCharsets.US_ASCII)));
        assertThat(out).hasSize(3);
        assertThat(out.get(0)).isEqualTo(new DecodeProblem("a", "NO", "LIMIT", "Too many messages or parts in one APPEND", false));
        assertThat(out.get(1)).isEqualTo(new DecodeProblem("b", "NO", "TOOBIG", "Message too large", false));
        assertThat(text(out.get(2), 0)).isEqualTo("c NOOP");
    }
}
