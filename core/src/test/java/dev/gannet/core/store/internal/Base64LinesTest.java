package dev.gannet.core.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/**
 * The re-encoder that gives back a stored attachment's base64 body must produce exactly what a standard
 * encoder does for the same layout, however the decoded bytes arrive in pieces, or a client would read
 * different bytes from those that were delivered.
 */
class Base64LinesTest {

    @Test
    void matchesTheMimeEncoderWhateverTheLayoutAndTheChunks() {
        Random random = new Random(20261122L);
        for (int round = 0; round < 300; round++) {
            byte[] data = new byte[random.nextInt(5000)];
            random.nextBytes(data);
            int lineLength = new int[] {76, 64, 4, 0}[round % 4];
            String eol = round % 3 == 0 ? "\n" : "\r\n";
            boolean finalEol = round % 2 == 0 && data.length > 0;
            byte[] expected = expected(data, lineLength, eol, finalEol);

            assertThat(Base64Lines.encode(data, lineLength, eol, finalEol)).isEqualTo(expected);
            assertThat(streamed(pieces(data, random), lineLength, eol, finalEol)).isEqualTo(expected);
        }
    }

    private static byte[] expected(byte[] data, int lineLength, String eol, boolean finalEol) {
        String encoded = lineLength == 0 ? Base64.getEncoder().encodeToString(data)
                : Base64.getMimeEncoder(lineLength, eol.getBytes(StandardCharsets.US_ASCII)).encodeToString(data);
        return (encoded + (finalEol ? eol : "")).getBytes(StandardCharsets.US_ASCII);
    }

    /** The data cut at random places, some pieces empty, some read-only (no backing array). */
    private static List<ByteBuffer> pieces(byte[] data, Random random) {
        List<ByteBuffer> out = new ArrayList<>();
        int pos = 0;
        while (pos < data.length) {
            int n = Math.min(data.length - pos, random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(400));
            ByteBuffer b = ByteBuffer.wrap(data, pos, n).slice();
            out.add(random.nextBoolean() ? b : b.asReadOnlyBuffer());
            pos += n;
        }
        return out;
    }

    private static byte[] streamed(List<ByteBuffer> pieces, int lineLength, String eol, boolean finalEol) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuffer b : Base64Lines.encode(Flux.fromIterable(pieces), lineLength, eol, finalEol).toIterable()) {
            byte[] chunk = new byte[b.remaining()];
            b.get(chunk);
            out.writeBytes(chunk);
        }
        return out.toByteArray();
    }
}
