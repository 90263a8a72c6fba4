package dev.gannet.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gannet.core.config.Settings;
import dev.gannet.core.store.OutboundQueue;
import dev.gannet.core.store.UserId;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sending through the API over real HTTP with a user's own token: the JSON composed into MIME (parsed back with
 * Jakarta Mail), queued in the outbound queue with the envelope the request implies (Bcc in the envelope only), a
 * copy in Sent; another user's From refused; the daily recipient allowance; raw uploads; drafts sent and forwards.
 */
class SubmitApiTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("api")
            .set(Settings.API_ACCESS_TOKEN, "root-token")
            .set(Settings.SUBMIT_RECIPIENTS_PER_DAY, 6).build();

    static final byte[] PDF = "%PDF-1.4 not really a pdf \u0000\u0001\u00ff".getBytes(StandardCharsets.ISO_8859_1);

    private ApiClient api() {
        return new ApiClient(gannet.port("api"));
    }

    private String token(TestUser u) {
        return AuthApiTest.login(api(), u.username(), "secret");
    }

    private List<OutboundQueue.Queued> queued(UserId u) {
        return gannet.store().outbound().list(u).collectList().block();
    }

    private byte[] eml(TestUser u, String mailboxId, long id, String token) {
        ApiClient.Response r = api().get("/users/" + u.id() + "/mailboxes/" + mailboxId + "/messages/" + id + "/message.eml", token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.bytes();
    }

    private static MimeMessage parse(byte[] bytes) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes));
    }

    @Test
    void jsonIsComposedQueuedWithItsEnvelopeAndCopiedToSent() throws Exception {
        TestUser ann = gannet.createUser();
        String token = token(ann);
        String json = "{\"from\":{\"name\":\"Ann Émile\",\"address\":\"" + ann.address().key() + "\"},"
                + "\"to\":[{\"name\":\"Bob\",\"address\":\"bob@example.net\"},{\"address\":\"carl@example.net\"}],"
                + "\"cc\":[{\"address\":\"dora@example.net\"}],\"bcc\":[{\"address\":\"hidden@example.net\"}],"
                + "\"replyTo\":{\"address\":\"" + ann.address().key() + "\"},"
                + "\"subject\":\"Grüße aus Köln\",\"text\":\"Hello Bob,\\nsee the report.\","
                + "\"html\":\"<p>Hello <img src=\\\"cid:logo1\\\"></p>\","
                + "\"headers\":[{\"key\":\"X-Campaign\",\"value\":\"q4\"}],"
                + "\"attachments\":[{\"filename\":\"report.pdf\",\"contentType\":\"application/pdf\",\"content\":\""
                + Base64.getEncoder().encodeToString(PDF) + "\"},{\"filename\":\"logo.png\",\"contentType\":\"image/png\","
                + "\"cid\":\"logo1\",\"content\":\"iVBORw0KGgo=\"}]}";
        ApiClient.Response r = api().post("/users/" + ann.id() + "/submit", token, json);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode m = r.json().get("message");
        String sentId = gannet.mailbox(ann, "Sent").id().value();
        assertThat(m.get("mailbox").asText()).isEqualTo(sentId);
        String queueId = m.get("queueId").asText();

        OutboundQueue.Queued q = gannet.store().outbound().get(ann.id(), queueId).block();
        assertThat(q.kind()).isEqualTo(OutboundQueue.Kind.SUBMISSION);
        assertThat(q.envelopeFrom()).isEqualTo(ann.address().key());
        assertThat(q.recipients()).containsExactly("bob@example.net", "carl@example.net", "dora@example.net", "hidden@example.net");

        byte[] copy = eml(ann, sentId, m.get("id").asLong(), token);
        assertThat(q.size()).as("the queued message is the stored copy").isEqualTo(copy.length);
        String text = new String(copy, StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContainIgnoringCase("hidden@example.net").doesNotContainIgnoringCase("\nBcc:");
        MimeMessage parsed = parse(copy);
        assertThat(((InternetAddress) parsed.getFrom()[0]).getPersonal()).isEqualTo("Ann Émile");
        assertThat(((InternetAddress) parsed.getFrom()[0]).getAddress()).isEqualTo(ann.address().key());
        assertThat(Arrays.stream(parsed.getRecipients(Message.RecipientType.TO)).map(a -> ((InternetAddress) a).getAddress()))
                .containsExactly("bob@example.net", "carl@example.net");
        assertThat(parsed.getRecipients(Message.RecipientType.CC)).extracting(Address::toString).containsExactly("dora@example.net");
        assertThat(parsed.getRecipients(Message.RecipientType.BCC)).isNull();
        assertThat(parsed.getSubject()).isEqualTo("Grüße aus Köln");
        assertThat(parsed.getSentDate()).isCloseTo(new java.util.Date(), 60_000);
        assertThat(parsed.getMessageID()).matches("<[0-9a-f]{32}@gannet\\.test>");
        assertThat(parsed.getHeader("X-Campaign")[0]).isEqualTo("q4");
        assertThat(parsed.getHeader("MIME-Version")[0]).isEqualTo("1.0");
        assertThat(parsed.getContentType()).startsWith("multipart/mixed");
        Multipart mixed = (Multipart) parsed.getContent();
        assertThat(mixed.getCount()).isEqualTo(2);
        Multipart alt = (Multipart) mixed.getBodyPart(0).getContent();
        assertThat(mixed.getBodyPart(0).getContentType()).startsWith("multipart/alternative");
        assertThat(alt.getBodyPart(0).getContent()).isEqualTo("Hello Bob,\r\nsee the report."); // a mail line ends in CRLF
        assertThat(alt.getBodyPart(1).getContentType()).startsWith("multipart/related");
        Multipart related = (Multipart) alt.getBodyPart(1).getContent();
        assertThat(related.getBodyPart(0).getContent()).isEqualTo("<p>Hello <img src=\"cid:logo1\"></p>");
        assertThat(related.getBodyPart(1).getHeader("Content-ID")[0]).isEqualTo("<logo1>");
        Part pdf = mixed.getBodyPart(1);
        assertThat(pdf.getFileName()).isEqualTo("report.pdf");
        assertThat(pdf.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(pdf.getInputStream().readAllBytes()).isEqualTo(PDF);

        JsonNode flags = api().get("/users/" + ann.id() + "/mailboxes/" + sentId + "/messages/" + m.get("id").asLong(), token).json();
        assertThat(flags.get("seen").asBoolean()).isTrue();
    }

    @Test
    void anotherUsersAddressCannotBeTheSender() {
        TestUser ann = gannet.createUser();
        TestUser bob = gannet.createUser();
        String token = token(ann);
        String base = "/users/" + ann.id() + "/submit";
        for (String json : List.of(
                "{\"from\":{\"address\":\"" + bob.address().key() + "\"},\"to\":[{\"address\":\"x@example.net\"}],\"text\":\"hi\"}",
                "{\"envelope\":{\"from\":{\"address\":\"" + bob.address().key() + "\"}},\"to\":[{\"address\":\"x@example.net\"}],\"text\":\"hi\"}",
                "{\"raw\":\"From: " + bob.address().key() + "\\r\\nTo: x@example.net\\r\\nSubject: s\\r\\n\\r\\nhi\\r\\n\"}")) {
            ApiClient.Response r = api().post(base, token, json);
            assertThat(r.status()).as(json + " " + r.body()).isEqualTo(403);
            assertThat(r.json().get("error").asText()).contains("not an address of this user");
        }
        ApiClient.Response raw = api().send("POST", base, token, "message/rfc822",
                ("From: " + bob.address().key() + "\r\nTo: x@example.net\r\n\r\nhi\r\n").getBytes(StandardCharsets.US_ASCII));
        assertThat(raw.status()).isEqualTo(403);
        assertThat(api().post("/users/" + bob.id() + "/submit", token,
                "{\"to\":[{\"address\":\"x@example.net\"}],\"text\":\"hi\"}").status()).as("another user's path").isEqualTo(403);
        assertThat(queued(ann.id())).isEmpty();
        assertThat(queued(bob.id())).isEmpty();
        assertThat(api().get("/users/" + ann.id() + "/mailboxes/" + gannet.mailbox(ann, "Sent").id().value() + "/messages", token)
                .json().get("total").asLong()).isZero();
    }

    @Test
    void theDailyRecipientAllowanceRefusesAMessageThatWouldExceedIt() {
        TestUser ann = gannet.createUser();
        String token = token(ann);
        String base = "/users/" + ann.id() + "/submit";
        assertThat(api().post(base, token, rcpts(4)).status()).isEqualTo(200);
        ApiClient.Response over = api().post(base, token, rcpts(3));
        assertThat(over.status()).as(over.body()).isEqualTo(403);
        assertThat(over.json().get("code").asText()).isEqualTo("RateLimitedError");
        assertThat(queued(ann.id())).as("nothing queued for the refused message").hasSize(1);
        assertThat(api().post(base, token, rcpts(2)).status()).as("what is left still goes").isEqualTo(200);
        assertThat(api().post(base, token, rcpts(1)).status()).isEqualTo(403);
        assertThat(queued(ann.id())).hasSize(2);
        TestUser other = gannet.createUser();
        assertThat(api().post("/users/" + other.id() + "/submit", "root-token", rcpts(6)).status())
                .as("another user's allowance is their own").isEqualTo(200);
    }

    @Test
    void theUsersOwnRecipientsFieldOverridesTheDefault() {
        ApiClient.Response created = api().post("/users", "root-token", "{\"username\":\"rc" + System.nanoTime()
                + "\",\"password\":\"secret\",\"address\":\"rc" + System.nanoTime() + "@gannet.test\",\"recipients\":2}");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String id = created.json().get("id").asText();
        String base = "/users/" + id + "/submit";
        assertThat(api().post(base, "root-token", rcpts(3)).status()).isEqualTo(403);
        assertThat(api().post(base, "root-token", rcpts(2)).status()).isEqualTo(200);
        JsonNode limits = api().get("/users/" + id, "root-token").json().get("limits").get("recipients");
        assertThat(limits.get("allowed").asLong()).isEqualTo(2);
        assertThat(limits.get("used").asLong()).isEqualTo(2);
        TestUser self = gannet.createUser();
        assertThat(api().put("/users/" + self.id(), token(self), "{\"recipients\":1000}").status())
                .as("a user cannot raise their own allowance").isEqualTo(403);
        assertThat(api().put("/users/" + id, "root-token", "{\"recipients\":10}").status()).isEqualTo(200);
        assertThat(api().post(base, "root-token", rcpts(3)).status()).isEqualTo(200);
        assertThat(api().get("/users/" + id, "root-token").json().get("limits").get("recipients").get("allowed").asLong())
                .isEqualTo(10);
    }

    private static String rcpts(int n) {
        StringBuilder sb = new StringBuilder("{\"subject\":\"many\",\"text\":\"x\",\"to\":[");
        for (int i = 0; i < n; i++) {
            sb.append(i > 0 ? "," : "").append("{\"address\":\"r").append(i).append("-").append(System.nanoTime()).append("@example.net\"}");
        }
        return sb.append("]}").toString();
    }

    @Test
    void rawMessagesKeepTheirBytesLoseBccAndGetDateAndMessageId() throws Exception {
        TestUser ann = gannet.createUser();
        String token = token(ann);
        String raw = "From: Ann <" + ann.address().key() + ">\r\nTo: bob@example.net\r\nBcc: secret@example.net,\r\n secret2@example.net\r\n"
                + "Subject: raw  spacing kept\r\nX-Odd:   value  \r\n\r\nbody line   \r\n.leading dot\r\n";
        ApiClient.Response r = api().send("POST", "/users/" + ann.id() + "/submit", token, "message/rfc822",
                raw.getBytes(StandardCharsets.US_ASCII));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        OutboundQueue.Queued q = gannet.store().outbound().get(ann.id(), r.json().get("message").get("queueId").asText()).block();
        assertThat(q.recipients()).containsExactly("bob@example.net", "secret@example.net", "secret2@example.net");
        String stored = new String(eml(ann, r.json().get("message").get("mailbox").asText(),
                r.json().get("message").get("id").asLong(), token), StandardCharsets.US_ASCII);
        assertThat(stored).matches("(?s)Date: [^\r\n]+\r\nMessage-ID: <[0-9a-f]{32}@gannet\\.test>\r\n.*");
        assertThat(stored).endsWith("From: Ann <" + ann.address().key() + ">\r\nTo: bob@example.net\r\n"
                + "Subject: raw  spacing kept\r\nX-Odd:   value  \r\n\r\nbody line   \r\n.leading dot\r\n");
        assertThat(parse(stored.getBytes(StandardCharsets.US_ASCII)).getSentDate()).isNotNull();

        String json = "{\"raw\":\"From: " + ann.address().key() + "\\r\\nTo: c@example.net\\r\\nDate: Mon, 2 Nov 2026 10:00:00 +0000\\r\\n"
                + "Message-ID: <kept@example.org>\\r\\n\\r\\nhi\\r\\n\"}";
        ApiClient.Response j = api().post("/users/" + ann.id() + "/submit", token, json);
        assertThat(j.status()).as(j.body()).isEqualTo(200);
        String stored2 = new String(eml(ann, j.json().get("message").get("mailbox").asText(),
                j.json().get("message").get("id").asLong(), token), StandardCharsets.US_ASCII);
        assertThat(stored2).isEqualTo("From: " + ann.address().key() + "\r\nTo: c@example.net\r\nDate: Mon, 2 Nov 2026 10:00:00 +0000\r\n"
                + "Message-ID: <kept@example.org>\r\n\r\nhi\r\n");
    }

    @Test
    void uploadOnlyAndDraftsAreStoredWithoutSending() {
        TestUser ann = gannet.createUser();
        String token = token(ann);
        ApiClient.Response up = api().post("/users/" + ann.id() + "/submit", token,
                "{\"uploadOnly\":true,\"to\":[{\"address\":\"b@example.net\"}],\"subject\":\"u\",\"text\":\"t\"}");
        assertThat(up.status()).as(up.body()).isEqualTo(200);
        assertThat(up.json().get("message").get("mailbox").asText()).isEqualTo(gannet.mailbox(ann, "Sent").id().value());
        assertThat(up.json().get("message").has("queueId") && !up.json().get("message").get("queueId").isNull()).isFalse();
        ApiClient.Response draft = api().post("/users/" + ann.id() + "/submit", token,
                "{\"isDraft\":true,\"subject\":\"later\",\"text\":\"t\"}");
        assertThat(draft.status()).as(draft.body()).isEqualTo(200);
        String drafts = gannet.mailbox(ann, "Drafts").id().value();
        assertThat(draft.json().get("message").get("mailbox").asText()).isEqualTo(drafts);
        JsonNode stored = api().get("/users/" + ann.id() + "/mailboxes/" + drafts + "/messages/"
                + draft.json().get("message").get("id").asLong(), token).json();
        assertThat(stored.get("draft").asBoolean()).isTrue();
        assertThat(queued(ann.id())).isEmpty();
        ApiClient.Response later = api().post("/users/" + ann.id() + "/submit", token,
                "{\"sendTime\":\"2099-01-01T00:00:00Z\",\"to\":[{\"address\":\"b@example.net\"}],\"text\":\"t\"}");
        assertThat(later.status()).isEqualTo(400);
        assertThat(later.json().get("error").asText()).contains("sendTime");
        ApiClient.Response none = api().post("/users/" + ann.id() + "/submit", token, "{\"text\":\"nobody\"}");
        assertThat(none.status()).isEqualTo(400);
        assertThat(api().post("/users/" + ann.id() + "/submit", token, "{\"to\":[{\"address\":\"not an address\"}],\"text\":\"x\"}")
                .json().get("error").asText()).contains("to[0]");
        assertThat(api().post("/users/" + ann.id() + "/submit", token, "{\"to\":[{\"address\":\"a@example.net\"}],"
                + "\"headers\":[{\"key\":\"From\",\"value\":\"evil@example.net\"}]}").status()).isEqualTo(400);
        assertThat(queued(ann.id())).isEmpty();
    }

    @Test
    void aStoredDraftIsSentAndMovesToSent() throws Exception {
        TestUser ann = gannet.createUser();
        String token = token(ann);
        String drafts = gannet.mailbox(ann, "Drafts").id().value();
        String draft = "From: " + ann.address().key() + "\r\nTo: bob@example.net\r\nCc: Carl <carl@example.net>\r\n"
                + "Bcc: bcc@example.net\r\nSubject: draft\r\nDate: Mon, 2 Nov 2026 10:00:00 +0000\r\nMessage-ID: <d1@gannet.test>\r\n\r\ndraft body\r\n";
        ApiClient.Response up = api().send("POST", "/users/" + ann.id() + "/mailboxes/" + drafts + "/messages?draft=true", token,
                "message/rfc822", draft.getBytes(StandardCharsets.US_ASCII));
        long id = up.json().get("message").get("id").asLong();
        ApiClient.Response notDraft = api().send("POST", "/users/" + ann.id() + "/mailboxes/" + drafts + "/messages", token,
                "message/rfc822", draft.getBytes(StandardCharsets.US_ASCII));
        ApiClient.Response refused = api().post("/users/" + ann.id() + "/mailboxes/" + drafts + "/messages/"
                + notDraft.json().get("message").get("id").asLong() + "/submit", token, "{}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("code").asText()).isEqualTo("MessageNotDraft");

        ApiClient.Response r = api().post("/users/" + ann.id() + "/mailboxes/" + drafts + "/messages/" + id + "/submit", token, "{}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        OutboundQueue.Queued q = gannet.store().outbound().get(ann.id(), r.json().get("queueId").asText()).block();
        assertThat(q.recipients()).containsExactly("bob@example.net", "carl@example.net", "bcc@example.net");
        assertThat(q.envelopeFrom()).isEqualTo(ann.address().key());
        String sent = gannet.mailbox(ann, "Sent").id().value();
        assertThat(r.json().get("message").get("mailbox").asText()).isEqualTo(sent);
        byte[] copy = eml(ann, sent, r.json().get("message").get("id").asLong(), token);
        assertThat(new String(copy, StandardCharsets.US_ASCII)).isEqualTo(draft.replace("Bcc: bcc@example.net\r\n", ""));
        assertThat(q.size()).isEqualTo(copy.length);
        assertThat(api().get("/users/" + ann.id() + "/mailboxes/" + drafts + "/messages/" + id, token).status())
                .as("the draft is gone").isEqualTo(404);
        assertThat(api().post("/users/" + ann.id() + "/mailboxes/" + drafts + "/messages/" + id + "/submit", token, "{}").status())
                .isEqualTo(404);
    }

    @Test
    void aStoredMessageIsForwardedAsItIs() throws Exception {
        TestUser ann = gannet.createUser();
        TestUser eve = gannet.createUser();
        String token = token(ann);
        String inbox = gannet.mailbox(ann, "INBOX").id().value();
        byte[] original = ("From: someone@elsewhere.example\r\nTo: " + ann.address().key() + "\r\nSubject: fwd me\r\n\r\noriginal\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        long id = api().send("POST", "/users/" + ann.id() + "/mailboxes/" + inbox + "/messages", token, "message/rfc822", original)
                .json().get("message").get("id").asLong();
        ApiClient.Response r = api().post("/users/" + ann.id() + "/mailboxes/" + inbox + "/messages/" + id + "/forward", token,
                "{\"addresses\":[\"x@example.net\",\"X@example.net\",\"y@example.net\"]}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("forwarded")).hasSize(2);
        assertThat(r.json().get("forwarded").get(0).get("value").asText()).isEqualTo("x@example.net");
        OutboundQueue.Queued q = gannet.store().outbound().get(ann.id(), r.json().get("queueId").asText()).block();
        assertThat(q.recipients()).containsExactly("x@example.net", "y@example.net");
        assertThat(q.envelopeFrom()).isEqualTo(ann.address().key());
        assertThat(q.size()).isEqualTo(original.length);
        assertThat(api().post("/users/" + eve.id() + "/mailboxes/" + inbox + "/messages/" + id + "/forward", "root-token",
                "{\"addresses\":[\"x@example.net\"]}").status()).as("another user's mailbox").isEqualTo(404);
        assertThat(api().post("/users/" + ann.id() + "/mailboxes/" + inbox + "/messages/" + id + "/forward", token,
                "{\"addresses\":[\"not an address\"]}").status()).isEqualTo(400);
    }
}
