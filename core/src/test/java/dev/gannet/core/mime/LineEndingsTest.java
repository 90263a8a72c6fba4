package dev.gannet.core.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.MessageSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/** The ingest line-ending policy: bare LF becomes CRLF, nothing else changes, and a clean message is not copied. */
class LineEndingsTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** The policy stated as simply as possible, to compare the streaming code with. */
    private static String reference(String in) {
        return in.replaceAll("(?<!\r)\n", "\r\n");
    }

    @Test
    void bareLfBecomesCrlfAndEverythingElseIsKept() {
        assertThat(s(LineEndings.toCrlf(b("A: b\n\nline1\nline2\n")))).isEqualTo("A: b\r\n\r\nline1\r\nline2\r\n");
        assertThat(s(LineEndings.toCrlf(b("A: b\r\nX: y\n\nl1\r\nl2\nl3")))).isEqualTo("A: b\r\nX: y\r\n\r\nl1\r\nl2\r\nl3");
        assertThat(s(LineEndings.toCrlf(b("\n\n")))).isEqualTo("\r\n\r\n");
        assertThat(s(LineEndings.toCrlf(b("x\ry\r\nz\r")))).as("a bare CR stays, as Dovecot keeps it").isEqualTo("x\ry\r\nz\r");
        assertThat(s(LineEndings.toCrlf(b("x\r\r\ny\n\r")))).isEqualTo("x\r\r\ny\r\n\r");
    }

    @Test
    void aMessageWithoutBareLfIsNotCopied(@TempDir Path dir) throws IOException {
        byte[] clean = b("Subject: x\r\n\r\nbody\rwith a bare CR\r\n");
        assertThat(LineEndings.toCrlf(clean)).isSameAs(clean);
        MessageSource bytes = MessageSource.of(clean);
        assertThat(LineEndings.toCrlf(bytes, 1000)).isSameAs(bytes);
        Path file = Files.write(dir.resolve("m.eml"), clean);
        MessageSource spooled = MessageSource.of(file);
        assertThat(LineEndings.toCrlf(spooled, 1000)).isSameAs(spooled);
        assertThat(LineEndings.withCrlf(spooled, 1000, Mono::just).block()).isSameAs(spooled);
        assertThat(file).exists();
    }

    @Test
    void randomInputsMatchTheReferenceWholeAndStreamedInPieces() throws IOException {
        Random rnd = new Random(14);
        char[] alphabet = {'a', '\r', '\n', '.', '\r', '\n'};
        for (int round = 0; round < 500; round++) {
            StringBuilder sb = new StringBuilder();
            for (int i = rnd.nextInt(40); i > 0; i--) {
                sb.append(alphabet[rnd.nextInt(alphabet.length)]);
            }
            String in = sb.toString();
            String expected = reference(in);
            assertThat(s(LineEndings.toCrlf(b(in)))).as("%s", in).isEqualTo(expected);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            LineEndings.copy(new ByteArrayInputStream(b(in)), out);
            assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo(expected);
            byte[] bytes = b(in);
            for (int cut = 0; cut <= bytes.length; cut++) {
                LineEndings.Counter c = new LineEndings.Counter();
                c.update(bytes, 0, cut);
                c.update(ByteBuffer.wrap(bytes, cut, bytes.length - cut).asReadOnlyBuffer());
                assertThat(c.bareLineFeeds()).as("%s cut at %d", in, cut).isEqualTo(expected.length() - in.length());
            }
        }
    }

    @Test
    void aCrAtTheEndOfOneReadPairsWithTheLfAtTheStartOfTheNext(@TempDir Path dir) throws IOException {
        byte[] big = new byte[3 * 65536 + 10];
        Arrays.fill(big, (byte) 'x');
        big[65535] = '\r';
        big[65536] = '\n';
        big[2 * 65536] = '\n';
        big[big.length - 1] = '\n';
        Path file = Files.write(dir.resolve("big.eml"), big);
        MessageSource converted = LineEndings.toCrlf(MessageSource.of(file), 1 << 20);
        try {
            assertThat(converted).isInstanceOf(MessageSource.SpoolFile.class);
            byte[] got = Files.readAllBytes(((MessageSource.SpoolFile) converted).path());
            assertThat(s(got)).isEqualTo(reference(s(big)));
            assertThat(got).hasSize(big.length + 2);
        } finally {
            Files.deleteIfExists(((MessageSource.SpoolFile) converted).path());
        }
    }

    @Test
    void theLimitAppliesToTheConvertedSizeBeforeAnythingIsWritten(@TempDir Path dir) throws IOException {
        byte[] lf = new byte[1000];
        Arrays.fill(lf, (byte) '\n');
        assertThatThrownBy(() -> LineEndings.toCrlf(MessageSource.of(lf), 1999)).isInstanceOf(GannetException.TooBig.class);
        assertThat(LineEndings.toCrlf(MessageSource.of(lf), 2000).size()).isEqualTo(2000);
        long before = crlfTempFiles();
        Path file = Files.write(dir.resolve("lf.eml"), lf);
        assertThatThrownBy(() -> LineEndings.toCrlf(MessageSource.of(file), 1999)).isInstanceOf(GannetException.TooBig.class);
        assertThatThrownBy(() -> LineEndings.toCrlf(MessageSource.of(file), 999)).isInstanceOf(GannetException.TooBig.class);
        assertThat(crlfTempFiles()).as("no spool file was made").isEqualTo(before);
    }

    @Test
    void aLargeConversionIsSpooledAndTheFileIsDeletedHoweverTheWorkEnds() throws Exception {
        byte[] large = b("Subject: big\n\n" + "0123456789abcdef\n".repeat(70_000));
        assertThat(large.length).isGreaterThan(LineEndings.IN_MEMORY);
        long before = crlfTempFiles();
        AtomicReference<MessageSource> seen = new AtomicReference<>();
        long size = LineEndings.withCrlf(MessageSource.of(large), 4L << 20, src -> {
            seen.set(src);
            return Mono.just(src.size());
        }).block(Duration.ofSeconds(30));
        assertThat(seen.get()).isInstanceOf(MessageSource.SpoolFile.class);
        assertThat(size).isEqualTo(large.length + 70_002);
        assertThat(((MessageSource.SpoolFile) seen.get()).path()).doesNotExist();
        assertThat(crlfTempFiles()).as("after success").isEqualTo(before);

        assertThatThrownBy(() -> LineEndings.withCrlf(MessageSource.of(large), 4L << 20,
                src -> Mono.error(new IllegalStateException("store failed"))).block(Duration.ofSeconds(30)))
                .hasMessageContaining("store failed");
        assertThat(crlfTempFiles()).as("after a failure").isEqualTo(before);
        for (int i = 0; i < 40; i++) {
            // cancelled at once, while the copy is being written, or while the work waits: the copy must go
            var running = LineEndings.withCrlf(MessageSource.of(large), 4L << 20, src -> Mono.never()).subscribe();
            Thread.sleep(i % 8);
            running.dispose();
        }
        for (int i = 0; i < 200 && crlfTempFiles() > before; i++) {
            Thread.sleep(25);
        }
        assertThat(crlfTempFiles()).as("every spool file is gone").isEqualTo(before);
    }

    private static long crlfTempFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("gannet-crlf-")).count();
        }
    }
}
