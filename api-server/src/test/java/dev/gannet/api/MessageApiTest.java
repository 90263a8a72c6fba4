package dev.gannet.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gannet.core.config.Settings;
import dev.gannet.core.mime.LineEndings;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.GeneratedMail;
import dev.gannet.core.testing.Messages;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MessageApiTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("api")
            .set(Settings.API_ACCESS_TOKEN, "root-token").build();

    static final byte[] ATTACHMENT = GeneratedMail.random(7, 3000);

    static byte[] rich() {
        String b64 = GeneratedMail.base64(ATTACHMENT, 76, "\r\n", true);
        String m = "From: =?UTF-8?Q?J=C3=B6rg?= <jorg@example.com>\r\nTo: Ann <ann@example.org>\r\n"
                + "Subject: Quarterly report\r\nDate: Mon, 2 Nov 2026 10:00:00 +0000\r\nMessage-ID: <r1@example.com>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n"
                + "--outer\r\nContent-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n"
                + "--alt\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "Gr=C3=BC=C3=9Fe, numbers inside\r\n"
                + "--alt\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Gr\u00fc\u00dfe</p>\r\n--alt--\r\n"
                + "--outer\r\nContent-Type: application/pdf; name=\"report.pdf\"\r\n"
                + "Content-Disposition: attachment; filename=\"report.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + b64 + "--outer--\r\n";
        return m.getBytes(StandardCharsets.UTF_8);
    }

    private ApiClient api() {
        return new ApiClient(gannet.port("api"));
    }

    private String base(TestUser u, String mailbox) {
        return "/users/" + u.id() + "/mailboxes/" + gannet.mailbox(u, mailbox).id() + "/messages";
    }

    private long upload(TestUser u, String mailbox, byte[] raw, String query) {
        ApiClient.Response r = api().send("POST", base(u, mailbox) + query, "root-token", "message/rfc822", raw);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("message").get("size").asLong()).isEqualTo(LineEndings.toCrlf(raw).length);
        return r.json().get("message").get("id").asLong();
    }

    @Test
    void uploadedMessagesDownloadByteExact() {
        TestUser u = gannet.createUser();
        for (Map.Entry<String, byte[]> e : GeneratedMail.corpus().entrySet()) {
            if (e.getValue().length == 0) {
                continue; // an empty upload is refused as a client error
            }
            long id = upload(u, "INBOX", e.getValue(), "");
            byte[] stored = LineEndings.toCrlf(e.getValue()); // bare LFs are stored as CRLF, nothing else changes
            ApiClient.Response raw = api().get(base(u, "INBOX") + "/" + id + "/message.eml", "root-token");
            assertThat(raw.status()).isEqualTo(200);
            assertThat(raw.headers().firstValue("Content-Type").orElse("")).startsWith("message/rfc822");
            assertThat(raw.headers().firstValueAsLong("Content-Length").orElse(-1)).isEqualTo(stored.length);
            assertThat(raw.bytes()).as(e.getKey()).isEqualTo(stored);
        }
        assertThat(api().get(base(u, "INBOX") + "/999/message.eml", "root-token").status()).isEqualTo(404);
        assertThat(api().get(base(u, "INBOX") + "/abc/message.eml", "root-token").status()).isEqualTo(404);
    }

    @Test
    void largeUploadIsSpooledAndStaysByteExact() {
        TestUser u = gannet.createUser();
        byte[] big = GeneratedMail.withAttachment("big", "base64",
                GeneratedMail.base64(GeneratedMail.random(3, 900_000), 76, "\r\n", true).getBytes(StandardCharsets.US_ASCII), "\r\n");
        long id = upload(u, "INBOX", big, "");
        assertThat(api().get(base(u, "INBOX") + "/" + id + "/message.eml", "root-token").bytes()).isEqualTo(big);
        JsonNode m = api().get(base(u, "INBOX") + "/" + id, "root-token").json();
        assertThat(m.get("text").asText()).contains("hello big");
        assertThat(m.get("attachments").get(0).get("size").asLong()).isEqualTo(900_000);
        JsonNode simple = api().get(base(u, "INBOX") + "/" + upload(u, "INBOX", Messages.simple("plain", "just text"), ""),
                "root-token").json();
        assertThat(simple.get("text").asText()).contains("just text");
        assertThat(simple.get("attachments")).isEmpty();
    }

    @Test
    void listsNewestFirstWithCursor() {
        TestUser u = gannet.createUser();
        for (int i = 1; i <= 5; i++) {
            upload(u, "INBOX", Messages.simple("n" + i, "body " + i), "");
        }
        List<String> subjects = new ArrayList<>();
        String next = null;
        do {
            JsonNode page = api().get(base(u, "INBOX") + "?limit=2" + (next == null ? "" : "&next=" + next), "root-token").json();
            assertThat(page.get("total").asLong()).isEqualTo(5);
            page.get("results").forEach(m -> subjects.add(m.get("subject").asText()));
            next = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (next != null);
        assertThat(subjects).containsExactly("n5", "n4", "n3", "n2", "n1");
        JsonNode first = api().get(base(u, "INBOX") + "?limit=1", "root-token").json().get("results").get(0);
        assertThat(first.get("id").asLong()).isEqualTo(5);
        assertThat(first.get("seen").asBoolean()).isFalse();
        assertThat(first.get("size").asLong()).isEqualTo(Messages.simple("n5", "body 5").length);
    }

    @Test
    void getParsedAndDownloadAttachment() {
        TestUser u = gannet.createUser();
        long id = upload(u, "INBOX", rich(), "?seen=true&flagged=true");
        JsonNode m = api().get(base(u, "INBOX") + "/" + id, "root-token").json();
        assertThat(m.get("subject").asText()).isEqualTo("Quarterly report");
        assertThat(m.get("from").get("name").asText()).isEqualTo("J\u00f6rg");
        assertThat(m.get("from").get("address").asText()).isEqualTo("jorg@example.com");
        assertThat(m.get("to").get(0).get("address").asText()).isEqualTo("ann@example.org");
        assertThat(m.get("messageId").asText()).isEqualTo("<r1@example.com>");
        assertThat(m.get("text").asText()).contains("Gr\u00fc\u00dfe, numbers inside");
        assertThat(m.get("html").get(0).asText()).contains("<p>Gr\u00fc\u00dfe</p>");
        assertThat(m.get("seen").asBoolean()).isTrue();
        assertThat(m.get("flagged").asBoolean()).isTrue();
        assertThat(m.get("contentType").asText()).isEqualTo("multipart/mixed");
        assertThat(m.get("headers").toString()).contains("\"key\":\"Subject\"");
        JsonNode att = m.get("attachments");
        assertThat(att).hasSize(1);
        assertThat(att.get(0).get("filename").asText()).isEqualTo("report.pdf");
        assertThat(att.get(0).get("contentType").asText()).isEqualTo("application/pdf");
        assertThat(att.get(0).get("size").asLong()).isEqualTo(ATTACHMENT.length);
        String attId = att.get(0).get("id").asText();
        ApiClient.Response file = api().get(base(u, "INBOX") + "/" + id + "/attachments/" + attId, "root-token");
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        assertThat(file.headers().firstValue("Content-Disposition").orElse("")).contains("report.pdf");
        assertThat(file.bytes()).isEqualTo(ATTACHMENT);
        assertThat(api().get(base(u, "INBOX") + "/" + id + "/attachments/9", "root-token").status()).isEqualTo(404);
        assertThat(api().get(base(u, "INBOX") + "/" + id + "/attachments/1", "root-token").status()).isEqualTo(404);
        JsonNode listed = api().get(base(u, "INBOX"), "root-token").json().get("results").get(0);
        assertThat(listed.get("attachments").asBoolean()).isTrue();
        assertThat(listed.get("from").get("address").asText()).isEqualTo("jorg@example.com");
    }

    @Test
    void updateFlagsMoveAndDelete() {
        TestUser u = gannet.createUser();
        upload(u, "INBOX", Messages.simple("a", "1"), "");
        upload(u, "INBOX", Messages.simple("b", "2"), "");
        upload(u, "INBOX", Messages.simple("c", "3"), "");
        ApiClient.Response seen = api().put(base(u, "INBOX") + "/1,2", "root-token", "{\"seen\":true,\"flagged\":true}");
        assertThat(seen.status()).as(seen.body()).isEqualTo(200);
        assertThat(seen.json().get("updated").asLong()).isEqualTo(2);
        assertThat(gannet.mailbox(u, "INBOX").unseen()).isEqualTo(1);
        assertThat(api().put(base(u, "INBOX") + "/1", "root-token", "{\"flagged\":false}").status()).isEqualTo(200);
        JsonNode one = api().get(base(u, "INBOX") + "/1", "root-token").json();
        assertThat(one.get("seen").asBoolean()).isTrue();
        assertThat(one.get("flagged").asBoolean()).isFalse();

        String trash = gannet.mailbox(u, "Trash").id().value();
        ApiClient.Response moved = api().put(base(u, "INBOX") + "/2", "root-token", "{\"moveTo\":\"" + trash + "\"}");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(moved.json().get("mailbox").asText()).isEqualTo(trash);
        assertThat(moved.json().get("id").get(0).get(0).asLong()).isEqualTo(2);
        assertThat(gannet.mailbox(u, "Trash").messages()).isEqualTo(1);
        assertThat(gannet.mailbox(u, "INBOX").messages()).isEqualTo(2);

        assertThat(api().delete(base(u, "INBOX") + "/3", "root-token").status()).isEqualTo(200);
        assertThat(api().delete(base(u, "INBOX") + "/3", "root-token").status()).isEqualTo(404);
        assertThat(api().get(base(u, "INBOX") + "/3/message.eml", "root-token").status())
                .as("a deleted message is gone for the API though IMAP sessions may still read it").isEqualTo(404);
        assertThat(api().get(base(u, "INBOX") + "/3", "root-token").status()).isEqualTo(404);
        assertThat(api().put(base(u, "INBOX") + "/3", "root-token", "{\"seen\":true}").status()).isEqualTo(404);
        assertThat(gannet.mailbox(u, "INBOX").messages()).isEqualTo(1);
    }

    @Test
    void uploadRefusals() {
        TestUser u = gannet.createUser("tiny-quota", 50);
        ApiClient.Response json = api().post(base(u, "INBOX"), "root-token", "{\"raw\":\"x\"}");
        assertThat(json.status()).isEqualTo(415);
        ApiClient.Response over = api().send("POST", base(u, "INBOX"), "root-token", "message/rfc822",
                Messages.simple("too big for quota", "x".repeat(200)));
        assertThat(over.status()).isEqualTo(507);
        assertThat(over.json().get("code").asText()).isEqualTo("OverQuota");
        ApiClient.Response empty = api().send("POST", base(u, "INBOX"), "root-token", "message/rfc822", new byte[0]);
        assertThat(empty.status()).isEqualTo(400);
    }

    @Test
    void searchByFieldsFlagsSizeDateAndAttachments() {
        TestUser u = gannet.createUser();
        upload(u, "INBOX", rich(), "?flagged=true");
        upload(u, "INBOX", Messages.simple("Lunch plans", "shall we eat pizza"), "?seen=true");
        upload(u, "Archive", Messages.simple("Old report", "archived words"), "");
        String s = "/users/" + u.id() + "/search?";
        assertThat(subjects(s + "subject=report")).containsExactlyInAnyOrder("Quarterly report", "Old report");
        assertThat(subjects(s + "from=jorg@example.com")).containsExactly("Quarterly report");
        assertThat(subjects(s + "to=ann@example.org")).containsExactly("Quarterly report");
        assertThat(subjects(s + "query=pizza")).containsExactly("Lunch plans");
        assertThat(subjects(s + "flagged=true")).containsExactly("Quarterly report");
        assertThat(subjects(s + "unseen=true")).containsExactlyInAnyOrder("Quarterly report", "Old report");
        assertThat(subjects(s + "attachments=true")).containsExactly("Quarterly report");
        assertThat(subjects(s + "attachments=false")).containsExactlyInAnyOrder("Lunch plans", "Old report");
        assertThat(subjects(s + "minSize=2000")).containsExactly("Quarterly report");
        assertThat(subjects(s + "maxSize=2000")).containsExactlyInAnyOrder("Lunch plans", "Old report");
        assertThat(subjects(s + "datestart=2000-01-01&dateend=2999-01-01")).hasSize(3);
        assertThat(subjects(s + "dateend=2000-01-01")).isEmpty();
        String archive = gannet.mailbox(u, "Archive").id().value();
        assertThat(subjects(s + "mailbox=" + archive)).containsExactly("Old report");
        List<String> paged = new ArrayList<>();
        String next = null;
        do {
            JsonNode page = api().get(s + "limit=1" + (next == null ? "" : "&next=" + next), "root-token").json();
            page.get("results").forEach(m -> paged.add(m.get("subject").asText()));
            next = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (next != null);
        assertThat(paged).hasSize(3).doesNotHaveDuplicates();
        assertThat(api().get(s + "datestart=yesterday", "root-token").status()).isEqualTo(400);
        assertThat(api().get(s + "flagged=maybe", "root-token").status()).isEqualTo(400);
    }

    private List<String> subjects(String path) {
        ApiClient.Response r = api().get(path, "root-token");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        r.json().get("results").forEach(m -> out.add(m.get("subject").asText()));
        return out;
    }
}
