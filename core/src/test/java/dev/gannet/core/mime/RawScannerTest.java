package dev.gannet.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The offsets tracker gives the same answers however the input arrives and however it is read. */
class RawScannerTest {

    private static final String MESSAGE = "Content-Type: multipart/mixed; boundary=b\r\n\r\npre\r\n"
            + "--b\r\nContent-Type: text/plain\r\n\r\nline one\r\nline two\r\r\n--b\n\nlf part\n"
            + "--b\r\nContent-Type: message/rfc822\r\n\r\nSubject: in\r\n\r\ninner\r\n--b--\r\npost";

    /** Hands out at most {@code step} bytes per read, to split the input at every possible point. */
    private static InputStream trickle(byte[] data, int step) {
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, step));
            }
        };
    }

    @Test
    void sameResultForAnyChunking() throws IOException {
        byte[] raw = MESSAGE.getBytes(StandardCharsets.US_ASCII);
        ParsedMessage whole = MessageParser.parse(raw);
        Invariants.check(raw, whole);
        for (int step = 1; step <= 9; step++) {
            assertThat(MessageParser.parse(trickle(raw, step), ParseLimits.DEFAULT)).as("step %d", step).isEqualTo(whole);
        }
        assertThat(Mail.slice(raw, whole.part("1").orElseThrow().body())).isEqualTo("line one\r\nline two\r");
        assertThat(Mail.slice(raw, whole.part("2").orElseThrow().body())).isEqualTo("lf part");
        assertThat(Mail.slice(raw, whole.part("3.1").orElseThrow().body())).isEqualTo("inner");
    }

    @Test
    void contentReadOneByteAtATimeMatchesBulkReads() throws IOException {
        byte[] raw = ("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\n"
                + "x".repeat(100_000) + "\r\r\n\r\n--b--").getBytes(StandardCharsets.US_ASCII);
        RawScanner scanner = new RawScanner(new ByteArrayInputStream(raw));
        scanner.readHeader(1024);
        scanner.push("b".getBytes(StandardCharsets.US_ASCII), 1);
        InputStream preamble = scanner.content();
        assertThat(preamble.read()).isEqualTo(-1);
        scanner.consumeDelimiterLine();
        scanner.readHeader(1024);
        InputStream body = scanner.content();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int b;
        while ((b = body.read()) >= 0) {
            out.write(b);
        }
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("x".repeat(100_000) + "\r\r\n");
        assertThat(scanner.stop().close()).isTrue();
        assertThat(scanner.contentEnd().offset()).isEqualTo(raw.length - "\r\n--b--".length());
    }
}
