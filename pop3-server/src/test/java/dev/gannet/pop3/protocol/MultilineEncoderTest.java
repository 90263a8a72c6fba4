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

/** Dot-stuffing and TOP's line limit, with the input cut into chunks at every position. */
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
        assertThat(encode(MultilineEncoder.whole(), "bare\n.lf\n")).isEqualTo("bare\n..lf\n.\r\n");
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
        assertThat(encode(MultilineEncoder.top(1), "H: x\n\nb1\nb2\n")).isEqualTo("H: x\n\nb1\n.\r\n");
        assertThat(encode(MultilineEncoder.top(1), "H: only")).isEqualTo("H: only\r\n.\r\n");
    }
}
