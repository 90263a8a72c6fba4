package dev.gannet.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A 20 MiB base64 attachment parses by streaming: exact offsets, exact decoded size, bounded heap. */
class BigMessageTest {

    private static final long DECODED = 20L * 1024 * 1024;

    @Test
    void twentyMegabyteAttachmentInProcess() throws IOException {
        ParsedMessage m = MessageParser.parse(new BigMessageStream(DECODED));
        long encodedLength = (DECODED + 2) / 3 * 4;
        long lines = (encodedLength + 75) / 76;
        long attachmentBody = encodedLength + (lines - 1) * 2;
        long head = BigMessageStream.HEAD.length();
        assertThat(m.size()).isEqualTo(head + attachmentBody + BigMessageStream.TAIL.length());
        BodyPart attachment = m.part("2").orElseThrow();
        assertThat(attachment.body()).isEqualTo(new ByteRange(head, head + attachmentBody));
        assertThat(attachment.lines()).isEqualTo(lines - 1);
        assertThat(attachment.leaf().decodedSize()).isEqualTo(DECODED);
        assertThat(attachment.leaf().attachment()).isTrue();
        assertThat(attachment.leaf().filename()).isEqualTo("big.bin");
        assertThat(attachment.leaf().layout())
                .isEqualTo(new EncodingLayout(TransferEncoding.BASE64, 76, "\r\n", false));
        assertThat(m.text()).isEqualTo("See the attachment.");
    }

    @Test
    void heapStaysBoundedWhileParsing() throws Exception {
        Result parsed = runWithHeap("24m");
        assertThat(parsed.exit()).as(parsed.output()).isZero();
        assertThat(parsed.output()).contains("decoded=" + DECODED).contains("lineLength=76");
        // Control: merely holding the same message in memory does not fit in that heap.
        Result slurped = runWithHeap("24m", "slurp");
        assertThat(slurped.exit()).as(slurped.output()).isNotZero();
        assertThat(slurped.output()).contains("OutOfMemoryError");
    }

    private record Result(int exit, String output) {
    }

    private static Result runWithHeap(String heap, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx" + heap, "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), BigMessageStream.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(finished ? process.exitValue() : -1, output);
    }
}
