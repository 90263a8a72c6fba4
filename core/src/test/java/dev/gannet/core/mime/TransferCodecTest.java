package dev.gannet.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Decoding and exact re-encoding of part bodies (RFC 2045 §6.7, §6.8). */
class TransferCodecTest {

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void base64With76CharCrlfLinesRoundTrips() {
        byte[] data = randomBytes(10_000, 1);
        byte[] encoded = Base64.getMimeEncoder(76, ascii("\r\n")).encode(data);
        EncodingLayout layout = TransferCodec.reproducibleLayout(encoded, TransferEncoding.BASE64).orElseThrow();
        assertThat(layout).isEqualTo(new EncodingLayout(TransferEncoding.BASE64, 76, "\r\n", false));
        assertThat(TransferCodec.decode(encoded, TransferEncoding.BASE64)).isEqualTo(data);
        assertThat(TransferCodec.encode(data, layout)).isEqualTo(encoded);
    }

    @Test
    void base64WithLfLinesAndFinalLineEndingRoundTrips() {
        byte[] data = randomBytes(1000, 2);
        byte[] encoded = (Base64.getMimeEncoder(64, ascii("\n")).encodeToString(data) + "\n").getBytes(StandardCharsets.US_ASCII);
        EncodingLayout layout = TransferCodec.reproducibleLayout(encoded, TransferEncoding.BASE64).orElseThrow();
        assertThat(layout).isEqualTo(new EncodingLayout(TransferEncoding.BASE64, 64, "\n", true));
        assertThat(TransferCodec.encode(data, layout)).isEqualTo(encoded);
    }

    @Test
    void base64OnOneLineRoundTrips() {
        byte[] encoded = ascii("aGVsbG8gd29ybGQ=");
        assertThat(TransferCodec.reproducibleLayout(encoded, TransferEncoding.BASE64))
                .contains(new EncodingLayout(TransferEncoding.BASE64, 0, "\n", false));
    }

    @Test
    void irregularOrNonCanonicalBase64IsNotReproducible() {
        byte[] data = randomBytes(300, 3);
        String flat = Base64.getEncoder().encodeToString(data);
        String irregular = flat.substring(0, 60) + "\r\n" + flat.substring(60, 136) + "\r\n" + flat.substring(136);
        assertThat(TransferCodec.reproducibleLayout(ascii(irregular), TransferEncoding.BASE64)).isEmpty();
        String mixedEndings = flat.substring(0, 76) + "\r\n" + flat.substring(76, 152) + "\n" + flat.substring(152);
        assertThat(TransferCodec.reproducibleLayout(ascii(mixedEndings), TransferEncoding.BASE64)).isEmpty();
        // "QR==" decodes like "QQ==" but has non-zero unused bits, so re-encoding cannot give it back.
        assertThat(TransferCodec.reproducibleLayout(ascii("QR=="), TransferEncoding.BASE64)).isEmpty();
        assertThat(TransferCodec.reproducibleLayout(ascii("QQ"), TransferEncoding.BASE64)).isEmpty();
        assertThat(TransferCodec.reproducibleLayout(ascii("QQ==\r\n\r\n"), TransferEncoding.BASE64)).isEmpty();
    }

    @Test
    void oddButConsistentLineLengthsRoundTrip() {
        byte[] data = randomBytes(500, 4);
        String flat = Base64.getEncoder().encodeToString(data);
        StringBuilder wrapped = new StringBuilder();
        for (int i = 0; i < flat.length(); i += 73) {
            wrapped.append(i == 0 ? "" : "\r\n").append(flat, i, Math.min(flat.length(), i + 73));
        }
        EncodingLayout layout = TransferCodec.reproducibleLayout(ascii(wrapped.toString()), TransferEncoding.BASE64)
                .orElseThrow();
        assertThat(layout.lineLength()).isEqualTo(73);
    }

    @Test
    void quotedPrintableRoundTripsWhenCanonical() {
        String encoded = "caf=C3=A9 au lait =3D bon\r\n"
                + "a line that is long enough to need a soft line break because it goes past s=\r\n"
                + "eventy-six characters\r\n"
                + "trailing space=20\r\n";
        byte[] bytes = ascii(encoded);
        EncodingLayout layout = TransferCodec.reproducibleLayout(bytes, TransferEncoding.QUOTED_PRINTABLE).orElseThrow();
        assertThat(layout).isEqualTo(new EncodingLayout(TransferEncoding.QUOTED_PRINTABLE, 76, "\r\n", true));
        assertThat(new String(TransferCodec.decode(bytes, TransferEncoding.QUOTED_PRINTABLE), StandardCharsets.UTF_8))
                .startsWith("café au lait = bon\r\n").contains("seventy-six");
    }

    @Test
    void quotedPrintableWithLfAndNonCanonicalChoices() {
        assertThat(TransferCodec.reproducibleLayout(ascii("abc=3D\nnext line\n"), TransferEncoding.QUOTED_PRINTABLE))
                .contains(new EncodingLayout(TransferEncoding.QUOTED_PRINTABLE, 76, "\n", true));
        // Encoding a plain letter is legal but not what the canonical encoder does.
        assertThat(TransferCodec.reproducibleLayout(ascii("=41bc\r\n"), TransferEncoding.QUOTED_PRINTABLE)).isEmpty();
        // A soft break earlier than needed is legal too, and equally not reproducible.
        assertThat(TransferCodec.reproducibleLayout(ascii("ab=\r\ncd\r\n"), TransferEncoding.QUOTED_PRINTABLE)).isEmpty();
    }

    @Test
    void streamingEncoderEqualsTheInMemoryOne() throws java.io.IOException {
        Random random = new Random(6);
        for (int round = 0; round < 60; round++) {
            byte[] data = randomBytes(random.nextInt(20_000), round);
            EncodingLayout layout = new EncodingLayout(round % 7 == 0 ? TransferEncoding.QUOTED_PRINTABLE
                    : TransferEncoding.BASE64, random.nextInt(3) == 0 ? 0 : 4 + random.nextInt(100),
                    random.nextBoolean() ? "\r\n" : "\n", random.nextBoolean());
            byte[] streamed = TransferCodec.encoder(new java.io.ByteArrayInputStream(data), layout).readAllBytes();
            assertThat(streamed).as("%s for %d bytes", layout, data.length).isEqualTo(TransferCodec.encode(data, layout));
        }
    }

    @Test
    void identityEncodingsAlwaysReproduce() {
        byte[] raw = {0, 1, 2, (byte) 0xff, '\r', '\n'};
        for (TransferEncoding e : new TransferEncoding[] {TransferEncoding.SEVEN_BIT, TransferEncoding.EIGHT_BIT,
                TransferEncoding.BINARY}) {
            EncodingLayout layout = TransferCodec.reproducibleLayout(raw, e).orElseThrow();
            assertThat(TransferCodec.encode(TransferCodec.decode(raw, e), layout)).isEqualTo(raw);
        }
        assertThat(TransferCodec.reproducibleLayout(raw, TransferEncoding.OTHER)).isEmpty();
        assertThat(TransferEncoding.of(" Base64 ")).isEqualTo(TransferEncoding.BASE64);
        assertThat(TransferEncoding.of(null)).isEqualTo(TransferEncoding.SEVEN_BIT);
    }

    @Test
    void streamingCheckDuringParsingAgreesWithThePureFunction() {
        Random random = new Random(5);
        for (int round = 0; round < 300; round++) {
            String body = randomBase64Body(random);
            byte[] encoded = ascii(body);
            Base64LayoutCheck check = new Base64LayoutCheck();
            check.update(encoded, 0, encoded.length);
            EncodingLayout streamed = check.result();
            if (streamed != null) {
                assertThat(TransferCodec.reproduces(encoded, streamed)).as("streamed layout for %s", body).isTrue();
            } else {
                assertThat(TransferCodec.reproducibleLayout(encoded, TransferEncoding.BASE64))
                        .as("pure function for %s", body).isEmpty();
            }
        }
    }

    private static String randomBase64Body(Random random) {
        byte[] data = new byte[random.nextInt(200)];
        random.nextBytes(data);
        String flat = Base64.getEncoder().encodeToString(data);
        int line = 4 + random.nextInt(80);
        String ending = random.nextBoolean() ? "\r\n" : "\n";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < flat.length(); i += line) {
            sb.append(i == 0 ? "" : ending).append(flat, i, Math.min(flat.length(), i + line));
        }
        if (random.nextBoolean()) {
            sb.append(ending);
        }
        if (random.nextInt(5) == 0 && sb.length() > 2) {
            int at = random.nextInt(sb.length());
            sb.insert(at, random.nextBoolean() ? "\r\n" : "x");
        }
        return sb.toString();
    }
}
