package dev.gannet.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gannet.core.mime.BodyPart;
import dev.gannet.core.mime.ByteRange;
import dev.gannet.core.mime.LineEndings;
import dev.gannet.core.mime.MessageParser;
import dev.gannet.core.mime.ParsedMessage;
import dev.gannet.core.store.internal.StoreOptions;
import dev.gannet.core.testing.GeneratedMail;
import dev.gannet.core.testing.Messages;
import dev.gannet.core.testing.StoreFixture;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The byte-fidelity invariant: every message comes back exactly as ingested (after the one change ingest makes,
 * bare LF to CRLF), whole, by range and by MIME section, whichever way its bytes were stored (inline, raw blob,
 * decoded and re-encoded blob). A small dedup threshold and inline budget push most parts through the blob
 * paths.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ByteFidelityTest {

    private StoreFixture fixture;
    private User user;
    private Mailbox inbox;

    @BeforeAll
    void start() {
        fixture = StoreFixture.memory(StoreOptions.forTests().withDedupBytes(1024).withInlineBytes(4096), List.of());
        user = fixture.newUser();
        inbox = fixture.store().mailboxes().get(user.id(), MailboxName.INBOX).block();
    }

    @AfterAll
    void stop() {
        fixture.close();
    }

    private Map<String, byte[]> pythonCorpus() throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        Path dir = Path.of("src/test/resources/mime/python");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().startsWith("msg_")).toList()) {
                out.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        assertThat(out).hasSizeGreaterThan(40);
        return out;
    }

    @Test
    void pythonCorpusComesBackByteForByte() throws IOException {
        pythonCorpus().forEach(this::roundTrip);
    }

    @Test
    void generatedCorpusComesBackByteForByte() {
        GeneratedMail.corpus().forEach(this::roundTrip);
    }

    @Test
    void differentlyWrappedCopiesShareOneDecodedBlob() {
        long before = fixture.store().blobs().list().count().block();
        byte[] data = GeneratedMail.random(99, 50_000);
        roundTrip("w76", GeneratedMail.withAttachment("w76", "base64",
                GeneratedMail.base64(data, 76, "\r\n", false).getBytes(StandardCharsets.US_ASCII), "\r\n"));
        long afterFirst = fixture.store().blobs().list().count().block();
        roundTrip("w64", GeneratedMail.withAttachment("w64", "base64",
                GeneratedMail.base64(data, 64, "\n", true).getBytes(StandardCharsets.US_ASCII), "\n"));
        assertThat(afterFirst).isGreaterThan(before);
        BlobInfo shared = fixture.store().blobs().list().filter(b -> b.length() == data.length).blockFirst();
        assertThat(shared.refCount()).isEqualTo(2);
    }

    @Test
    void twentyMegabyteAttachmentFromASpoolFile(@TempDir Path tmp) throws Exception {
        byte[] data = GeneratedMail.random(20, 20 << 20);
        Path file = tmp.resolve("big.eml");
        byte[] raw = GeneratedMail.withAttachment("big", "base64",
                GeneratedMail.base64(data, 76, "\r\n", false).getBytes(StandardCharsets.US_ASCII), "\r\n");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(raw);
        }
        Appended a = fixture.store().messages().append(new AppendRequest(user.id(), inbox.id(), MessageSource.of(file),
                Flags.NONE, null, AppendRequest.Origin.LMTP)).block();
        assertThat(a.size()).isEqualTo(raw.length);
        assertThat(fixture.store().blobs().list().filter(b -> b.length() == data.length).count().block())
                .as("stored decoded, once").isEqualTo(1);
        Content whole = fixture.store().messages().raw(inbox.id(), a.uid()).block();
        assertThat(whole.size()).isEqualTo(raw.length);
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        long[] total = {0};
        whole.bytes().toIterable(4).forEach(b -> {
            assertThat(b.remaining()).isLessThanOrEqualTo(1 << 20);
            total[0] += b.remaining();
            md.update(b);
        });
        assertThat(total[0]).isEqualTo(raw.length);
        assertThat(md.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(raw));
        for (long off : new long[] {0, 1, 77, 78, 300_001, raw.length / 2 + 13, raw.length - 100}) {
            byte[] got = Messages.bytes(fixture.store().messages().range(inbox.id(), a.uid(), off, 1000).block());
            assertThat(got).isEqualTo(Arrays.copyOfRange(raw, (int) off, (int) Math.min(raw.length, off + 1000)));
        }
    }

    /** {@code sent} is stored with CRLF line endings (bare LFs converted) and is then read back exactly so. */
    private void roundTrip(String name, byte[] sent) {
        byte[] raw = LineEndings.toCrlf(sent);
        Appended a = fixture.store().messages().append(new AppendRequest(user.id(), inbox.id(), MessageSource.of(sent),
                Flags.NONE, null, AppendRequest.Origin.IMAP)).block();
        assertThat(a.size()).as(name).isEqualTo(raw.length);
        MessageStore ms = fixture.store().messages();
        assertThat(Messages.bytes(ms.raw(inbox.id(), a.uid()).block())).as(name).isEqualTo(raw);
        ParsedMessage parsed = MessageParser.parse(raw);
        check(name + " HEADER", ms.part(inbox.id(), a.uid(), new PartSpec.Header(List.of())).block(), raw,
                parsed.message().header());
        check(name + " TEXT", ms.part(inbox.id(), a.uid(), new PartSpec.Text(List.of())).block(), raw,
                parsed.message().text());
        for (BodyPart p : allParts(parsed.body(), new ArrayList<>())) {
            List<Integer> path = Arrays.stream(p.partNumber().split("\\.")).map(Integer::valueOf).toList();
            check(name + " " + p.partNumber(), ms.part(inbox.id(), a.uid(), new PartSpec.Part(path)).block(), raw, p.body());
            check(name + " " + p.partNumber() + ".MIME", ms.part(inbox.id(), a.uid(), new PartSpec.Mime(path)).block(),
                    raw, p.header());
            if (p.kind() == BodyPart.Kind.MESSAGE) {
                check(name + " " + p.partNumber() + ".HEADER",
                        ms.part(inbox.id(), a.uid(), new PartSpec.Header(path)).block(), raw, p.message().header());
                check(name + " " + p.partNumber() + ".TEXT",
                        ms.part(inbox.id(), a.uid(), new PartSpec.Text(path)).block(), raw, p.message().text());
            }
        }
        for (int off = 0; off < raw.length; off += Math.max(1, raw.length / 7)) {
            byte[] got = Messages.bytes(ms.range(inbox.id(), a.uid(), off, 333).block());
            assertThat(got).as(name + " range " + off).isEqualTo(Arrays.copyOfRange(raw, off, Math.min(raw.length, off + 333)));
        }
        assertThat(ms.structure(inbox.id(), a.uid()).block().bodyStructure()).as(name).startsWith("(");
    }

    private static void check(String what, Content c, byte[] raw, ByteRange r) {
        byte[] expected = Arrays.copyOfRange(raw, (int) r.start(), (int) r.end());
        assertThat(c.size()).as(what + " size").isEqualTo(expected.length);
        assertThat(Messages.bytes(c)).as(what).isEqualTo(expected);
    }

    /** Every numbered section; a multipart inside message/rfc822 shares that part's number (RFC 3501 §6.4.5). */
    private static List<BodyPart> allParts(BodyPart p, List<BodyPart> out) {
        return allParts(p, out, false);
    }

    private static List<BodyPart> allParts(BodyPart p, List<BodyPart> out, boolean messageBody) {
        if (!p.partNumber().isEmpty() && !(messageBody && p.kind() == BodyPart.Kind.MULTIPART)) {
            out.add(p);
        }
        if (p.kind() == BodyPart.Kind.MULTIPART) {
            p.parts().forEach(c -> allParts(c, out, false));
        } else if (p.kind() == BodyPart.Kind.MESSAGE) {
            allParts(p.message().body(), out, true);
        }
        return out;
    }

}
