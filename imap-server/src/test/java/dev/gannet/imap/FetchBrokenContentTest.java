package dev.gannet.imap;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.gannet.core.store.AppendRequest;
import dev.gannet.core.store.Flags;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.MessageSource;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.GeneratedMail;
import dev.gannet.core.testing.Messages;
import dev.gannet.core.testing.TestUser;
import dev.gannet.imap.FetchResponses.Fetch;
import dev.gannet.imap.FetchResponses.Response;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A message whose stored bytes cannot be read (blob chunks deleted below the store API) never leaves a client
 * waiting (RFC 3501 §4.3: a literal announced is a promise of that many bytes): if the failure comes before the
 * literal's {@code {n}} the command answers a tagged NO and the connection stays usable, and if it comes after,
 * the server sends BYE and closes the connection. Responses already written for other messages stay whole.
 */
class FetchBrokenContentTest {

    /** Blobs are stored in chunks of 255 KiB and read four chunks per query. */
    private static final int CHUNK = 255 * 1024;

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("imap").build();

    /** A message with one base64 attachment of {@code size} random bytes, stored decoded as a chunked blob. */
    private static String deliverAttachment(TestUser user, Mailbox box, long seed, int size) throws Exception {
        byte[] data = GeneratedMail.random(seed, size);
        byte[] raw = GeneratedMail.withAttachment("attached " + seed, "base64",
                GeneratedMail.base64(data, 76, "\r\n", true).getBytes(StandardCharsets.US_ASCII), "\r\n");
        deliver(user, box, raw);
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        assertThat(Mono.from(db().getCollection("attachments.files").find(new Document("_id", hash)).first()).block())
                .as("the attachment is a blob keyed by its decoded content").isNotNull();
        return hash;
    }

    private static void deliver(TestUser user, Mailbox box, byte[] raw) {
        gannet.store().messages().append(new AppendRequest(user.id(), box.id(), MessageSource.of(raw), Flags.NONE, null,
                AppendRequest.Origin.LMTP)).block();
    }

    private static MongoDatabase db() {
        return gannet.node().storeConnection().database();
    }

    private static void deleteChunk(String hash, int n) {
        long deleted = Mono.from(db().getCollection("attachments.chunks").deleteOne(new Document("_id", hash + ":" + n)))
                .block().getDeletedCount();
        assertThat(deleted).isEqualTo(1);
    }

    private static ImapTestClient selected(TestUser user) throws IOException {
        ImapTestClient c = ImapTestClient.connect(gannet.port("imap"));
        c.timeout(15_000);
        c.readLine();
        assertThat(c.command("a", "LOGIN " + user.username() + " " + user.password()).get(0)).startsWith("a OK");
        assertThat(c.command("b", "SELECT INBOX")).last().asString().startsWith("b OK");
        return c;
    }

    @Test
    void aBlobMissingBeforeTheLiteralAnswersNoAndKeepsTheConnection() throws Exception {
        TestUser user = gannet.createUser();
        Mailbox inbox = gannet.mailbox(user, "INBOX");
        deliver(user, inbox, Messages.simple("fine", "readable"));
        String hash = deliverAttachment(user, inbox, 11, 3 * CHUNK);
        for (int n = 0; n < 3; n++) {
            deleteChunk(hash, n);
        }
        try (ImapTestClient c = selected(user)) {
            List<Response> r = FetchResponses.command(c, "f1", "FETCH 1:2 (UID BODY.PEEK[])");
            assertThat(r).hasSize(2);
            Fetch first = FetchResponses.parse(r.get(0));
            assertThat(new String(first.bytes("BODY[]"), StandardCharsets.US_ASCII)).endsWith("readable\r\n");
            assertThat(r.get(1).first()).startsWith("f1 NO [UNAVAILABLE] ");

            assertThat(FetchResponses.command(c, "f2", "FETCH 2 (UID BODY.PEEK[2])")).hasSize(1).first()
                    .extracting(Response::first).asString().startsWith("f2 NO [UNAVAILABLE] ");
            List<Response> readable = FetchResponses.command(c, "f3", "FETCH 2 (ENVELOPE BODY.PEEK[1] BODY.PEEK[HEADER])");
            assertThat(readable.get(1).first()).as("what is stored inline is still served").isEqualTo("f3 OK Fetch completed");
            assertThat(FetchResponses.parse(readable.get(0)).items()).containsKeys("ENVELOPE", "BODY[1]", "BODY[HEADER]");
            assertThat(c.command("n", "NOOP")).last().isEqualTo("n OK NOOP completed");
        }
    }

    @Test
    void aBlobThatFailsInsideTheLiteralEndsTheConnectionWithBye() throws Exception {
        TestUser user = gannet.createUser();
        Mailbox inbox = gannet.mailbox(user, "INBOX");
        deliver(user, inbox, Messages.simple("fine", "readable"));
        String hash = deliverAttachment(user, inbox, 12, 6 * CHUNK);
        deleteChunk(hash, 5);
        try (ImapTestClient c = selected(user)) {
            c.send("f1 FETCH 1:2 (UID BODY.PEEK[])");
            Fetch first = FetchResponses.parse(FetchResponses.read(c));
            assertThat(first.uid()).isEqualTo(1);

            String header = c.readLine();
            Matcher m = Pattern.compile("\\* 2 FETCH \\(UID 2 BODY\\[] \\{(\\d+)}").matcher(header);
            assertThat(m.matches()).as(header).isTrue();
            int announced = Integer.parseInt(m.group(1));
            byte[] got = c.readBytes(announced);
            assertThat(got.length).as("the connection closed before the announced bytes").isLessThan(announced);
            assertThat(c.readBytes(1)).as("closed, not waiting").isEmpty();
            assertThat(new String(got, StandardCharsets.US_ASCII)).as("the last thing sent")
                    .endsWith("\r\n* BYE [UNAVAILABLE] Temporary failure, try again later\r\n");
        }
        try (ImapTestClient again = selected(user)) {
            assertThat(FetchResponses.command(again, "g", "FETCH 1 (UID BODY.PEEK[])")).last()
                    .extracting(Response::first).isEqualTo("g OK Fetch completed");
        }
    }
}
