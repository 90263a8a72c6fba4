package dev.gannet.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Raw header bytes read and written back: every byte string comes out as it went in, and people read U+FFFD. */
class RawHeaderBytesTest {

    @Test
    void anyBytesComeBackAsTheyCame() {
        Random random = new Random(17);
        for (int round = 0; round < 2000; round++) {
            byte[] raw = new byte[random.nextInt(40)];
            random.nextBytes(raw);
            String text = RawHeaderBytes.decode(raw);
            if (!text.contains("\ufffd")) { // only a real U+10FF80..U+10FFFF in the input reads otherwise
                assertThat(RawHeaderBytes.bytes(text)).as("round " + round).isEqualTo(raw);
                assertThat(RawHeaderBytes.octets(text)).isEqualTo(raw.length);
            }
        }
    }

    @Test
    void legacyCharsetsStayRawAndReadAsReplacementCharacters() {
        for (String cs : new String[] {"EUC-KR", "GB2312", "Shift_JIS", "ISO-8859-1"}) {
            String sample = cs.equals("ISO-8859-1") ? "Grüße aus Köln é" : "한국어 张三 日本 é";
            byte[] raw = sample.getBytes(Charset.forName(cs));
            String text = RawHeaderBytes.decode(raw);
            assertThat(RawHeaderBytes.bytes(text)).as(cs).isEqualTo(raw);
            assertThat(RawHeaderBytes.any(text)).as(cs).isTrue();
            assertThat(RawHeaderBytes.readable(text)).as(cs).doesNotContain("é").contains("\ufffd");
        }
    }

    @Test
    void utf8IsText() {
        String text = RawHeaderBytes.decode("Grüße 한국 \ud83d\ude00".getBytes(StandardCharsets.UTF_8));
        assertThat(text).isEqualTo("Grüße 한국 \ud83d\ude00");
        assertThat(RawHeaderBytes.any(text)).isFalse();
        assertThat(RawHeaderBytes.decode(new String(Character.toChars(0x10FFA0)).getBytes(StandardCharsets.UTF_8)))
                .as("a real stand-in code point is not taken for a raw byte").isEqualTo("\ufffd");
    }
}
