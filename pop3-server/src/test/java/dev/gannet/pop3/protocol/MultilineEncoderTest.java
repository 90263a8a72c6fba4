package dev.gannet.pop3.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Dot-stuffing, CRLF lines and TOP's line limit, with the input cut into chunks at every position. */
class MultilineEncoderTest {

    private static final ByteBufAllocator ALLOC = UnpooledByteBufAllocator.DEFAULT;

    private static String encode(MultilineEncoder enc, String input, int... cuts) {
        byte[] all = input.getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int from = 0;
        int[] ends = Arrays.copyOf(cuts, cuts.length + 1);
        ends[cuts.length] = all.length;
        for (int end : ends) {
            if (enc.done()) {
                break;
            }
            drain(enc.encode(ByteBuffer.wrap(all, from, end - from), ALLOC), out);
            from = end;
        }
        drain(enc.finish(ALLOC), out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static void drain(ByteBuf b, ByteArrayOutputStream out) {
        byte[] a = new byte[b.readableBytes()];
        b.readBytes(a);
        b.release();
        out.writeBytes(a);
    }

    @Test
    void stuffsLeadingDotsAtEveryCut() {
        String in = ".a\r\nb.\r\n..c\r\n.\r\nend\r\n";
        String expected = "..a\r\nb.\r\n...c\r\n..\r\nend\r\n.\r\n";
        for (int i = 0; i <= in.length(); i++) {
            assertThat(encode(MultilineEncoder.whole(), in, i)).as("cut at %d", i).isEqualTo(expected);
        }
    }

    @Test
    void terminatesAnUnterminatedLastLine() {
        assertThat(encode(MultilineEncoder.whole(), "last")).isEqualTo("last\r\n.\r\n");
        assertThat(encode(MultilineEncoder.whole(), "bare\n.lf\n")).isEqualTo("bare\r\n..lf\r\n.\r\n");
        assertThat(encode(MultilineEncoder.whole(), "cr\r")).isEqualTo("cr\r\n.\r\n");
        assertThat(encode(MultilineEncoder.whole(), "")).isEqualTo(".\r\n");
    }

    @Test
    void topStopsAfterTheHeaderAndNLinesAtEveryCut() {
        String in = "A: 1\r\nB: 2\r\n\r\n.one\r\ntwo\r\nthree\r\n";
        for (int i = 0; i <= in.length(); i++) {
            assertThat(encode(MultilineEncoder.top(0), in, i)).isEqualTo("A: 1\r\nB: 2\r\n\r\n.\r\n");
            assertThat(encode(MultilineEncoder.top(2), in, i)).isEqualTo("A: 1\r\nB: 2\r\n\r\n..one\r\ntwo\r\n.\r\n");
            assertThat(encode(MultilineEncoder.top(9), in, i)).isEqualTo("A: 1\r\nB: 2\r\n\r\n..one\r\ntwo\r\nthree\r\n.\r\n");
        }
        assertThat(encode(MultilineEncoder.top(1), "H: x\n\nb1\nb2\n")).isEqualTo("H: x\r\n\r\nb1\r\n.\r\n");
        assertThat(encode(MultilineEncoder.top(1), "H: only")).isEqualTo("H: only\r\n.\r\n");
    }

    @Test
    void legacyBareLineFeedsAreSentAsCrlfAndNeverEndTheResponseWithLfDot() {
        // a message an older Gannet stored with bare LFs (RFC 1939 section 3 wants CRLF lines)
        String in = "Subject: old\n\n.dot\nmixed\r\nbare\rcr\n\n";
        String expected = "Subject: old\r\n\r\n..dot\r\nmixed\r\nbare\rcr\r\n\r\n.\r\n";
        for (int i = 0; i <= in.length(); i++) {
            for (int j = i; j <= in.length(); j++) {
                String got = encode(MultilineEncoder.whole(), in, i, j);
                assertThat(got).as("cut at %d and %d", i, j).isEqualTo(expected);
            }
        }
        assertThat(encode(MultilineEncoder.whole(), "\n")).isEqualTo("\r\n.\r\n");
        assertThat(encode(MultilineEncoder.whole(), "x\r\r\n")).isEqualTo("x\r\r\n.\r\n");
        assertThat(encode(MultilineEncoder.whole(), "x\n", 1)).isEqualTo("x\r\n.\r\n");
        assertThat(encode(MultilineEncoder.top(1), "A: 1\n\n.b1\nb2\n", 3)).isEqualTo("A: 1\r\n\r\n..b1\r\n.\r\n");
    }
}
