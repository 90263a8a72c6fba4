package dev.gannet.pop3.protocol;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The line decoder fed whole, split at every byte boundary, and one byte at a time. */
class Pop3LineDecoderTest {

    private static final String INPUT = "USER alice\r\nPASS with spaces \r\nSTAT\nLIST 1\r\n" + "x".repeat(40) + "\r\nNOOP\r\n";
    private static final List<Object> EXPECTED = List.of("USER alice", "PASS with spaces ", "STAT", "LIST 1",
            Pop3LineDecoder.TOO_LONG, "NOOP");

    private static List<Object> feed(List<byte[]> chunks) {
        EmbeddedChannel ch = new EmbeddedChannel(new Pop3LineDecoder(32));
        for (byte[] c : chunks) {
            ch.writeInbound(Unpooled.wrappedBuffer(c));
        }
        List<Object> out = new ArrayList<>();
        Object o;
        while ((o = ch.readInbound()) != null) {
            out.add(o);
        }
        assertThat(ch.finish()).isFalse();
        return out;
    }

    @Test
    void whole() {
        assertThat(feed(List.of(INPUT.getBytes(StandardCharsets.US_ASCII)))).isEqualTo(EXPECTED);
    }

    @Test
    void splitAtEveryByteBoundary() {
        byte[] all = INPUT.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i <= all.length; i++) {
            byte[] a = java.util.Arrays.copyOfRange(all, 0, i);
            byte[] b = java.util.Arrays.copyOfRange(all, i, all.length);
            assertThat(feed(List.of(a, b))).as("split at %d", i).isEqualTo(EXPECTED);
        }
    }

    @Test
    void oneByteAtATime() {
        List<byte[]> bytes = new ArrayList<>();
        for (byte b : INPUT.getBytes(StandardCharsets.US_ASCII)) {
            bytes.add(new byte[] {b});
        }
        assertThat(feed(bytes)).isEqualTo(EXPECTED);
    }

    @Test
    void aHugeLineIsDroppedAsItArrivesAndReportedOnce() {
        EmbeddedChannel ch = new EmbeddedChannel(new Pop3LineDecoder(32));
        for (int i = 0; i < 100; i++) {
            ch.writeInbound(Unpooled.wrappedBuffer("y".repeat(100).getBytes(StandardCharsets.US_ASCII)));
            assertThat((Object) ch.readInbound()).isNull();
        }
        ch.writeInbound(Unpooled.wrappedBuffer("yy\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertThat((Object) ch.readInbound()).isSameAs(Pop3LineDecoder.TOO_LONG);
        assertThat((Object) ch.readInbound()).isEqualTo("QUIT");
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void discardBufferedDropsWhatFollowsTheCurrentLine() {
        Pop3LineDecoder decoder = new Pop3LineDecoder(64);
        List<Object> seen = new ArrayList<>();
        EmbeddedChannel ch = new EmbeddedChannel(decoder, new io.netty.channel.ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(io.netty.channel.ChannelHandlerContext ctx, Object msg) {
                seen.add(msg);
                if ("STLS".equals(msg)) {
                    decoder.discardBuffered();
                }
            }
        });
        ch.writeInbound(Unpooled.wrappedBuffer("CAPA\r\nSTLS\r\nUSER injected\r\nPASS x\r\npart".getBytes(StandardCharsets.US_ASCII)));
        ch.writeInbound(Unpooled.wrappedBuffer("NOOP\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertThat(seen).containsExactly("CAPA", "STLS", "NOOP");
        assertThat(ch.finish()).isFalse();
    }
}
