package dev.gannet.core.mime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Damaged versions of the corpus messages (seeded, so reproducible) still parse and keep every invariant. */
class MutationTest {

    private static final byte[][] SNIPPETS = {
        "\r\n".getBytes(StandardCharsets.US_ASCII), "\n".getBytes(StandardCharsets.US_ASCII),
        "\r".getBytes(StandardCharsets.US_ASCII), "\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
        "--".getBytes(StandardCharsets.US_ASCII), "\r\n--b--\r\n".getBytes(StandardCharsets.US_ASCII),
        "Content-Type: multipart/mixed; boundary=b\r\n".getBytes(StandardCharsets.US_ASCII),
        "Content-Type: message/rfc822\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
        "Content-Transfer-Encoding: base64\r\n".getBytes(StandardCharsets.US_ASCII),
        "=?utf-8?q?=FF?= \"\\(".getBytes(StandardCharsets.US_ASCII), {0, (byte) 0xff, (byte) 0xc3},
    };

    static Stream<Path> corpus() throws IOException, URISyntaxException {
        return PythonCorpusTest.corpus();
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void damagedMessagesStillParse(Path file) throws IOException {
        byte[] original = Files.readAllBytes(file);
        Random random = new Random(file.getFileName().toString().hashCode());
        for (int round = 0; round < 25; round++) {
            byte[] damaged = damage(original, random);
            Invariants.check(damaged, MessageParser.parse(damaged));
        }
    }

    private static byte[] damage(byte[] in, Random random) {
        byte[] b = in;
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = b.length == 0 ? 0 : random.nextInt(b.length);
            ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + 64);
            switch (random.nextInt(4)) {
                case 0 -> {
                    int cut = Math.min(b.length, at + random.nextInt(200));
                    out.write(b, 0, at);
                    out.write(b, cut, b.length - cut);
                }
                case 1 -> {
                    out.write(b, 0, at);
                    byte[] s = SNIPPETS[random.nextInt(SNIPPETS.length)];
                    out.write(s, 0, s.length);
                    out.write(b, at, b.length - at);
                }
                case 2 -> out.write(b, 0, at);
                default -> {
                    out.write(b, 0, b.length);
                    if (b.length > 0) {
                        byte[] copy = out.toByteArray();
                        copy[at] = (byte) random.nextInt(256);
                        out.reset();
                        out.write(copy, 0, copy.length);
                    }
                }
            }
            b = out.toByteArray();
        }
        return b;
    }
}
