package dev.gannet.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gannet.core.config.Settings;
import dev.gannet.core.mime.LineEndings;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The raw upload (POST …/messages, message/rfc822) takes bare LF line endings and stores CRLF, as LMTP and
 * APPEND do (docs/store.md "Line endings"): the answer gives the stored size, message.eml returns the CRLF
 * bytes with their length, a CRLF upload comes back byte for byte, a large one is converted through a
 * temporary file, and the size limit applies to the converted size.
 */
class ApiLineEndingsTest {

    private static final long LIMIT = 4L << 20;

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("api")
            .set(Settings.API_ACCESS_TOKEN, "root-token")
            .set(Settings.STORE_MAX_MESSAGE_BYTES, LIMIT).build();

    private ApiClient api() {
        return new ApiClient(gannet.port("api"));
    }

    private String base(TestUser u) {
        return "/users/" + u.id() + "/mailboxes/" + gannet.mailbox(u, "INBOX").id() + "/messages";
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Uploads {@code sent} and checks what is stored against {@code expected}. */
    private void uploadAndDownload(TestUser u, byte[] sent, byte[] expected) {
        ApiClient.Response r = api().send("POST", base(u), "root-token", "message/rfc822", sent);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode m = r.json().get("message");
        assertThat(m.get("size").asLong()).as("the stored size").isEqualTo(expected.length);
        ApiClient.Response raw = api().get(base(u) + "/" + m.get("id").asLong() + "/message.eml", "root-token");
        assertThat(raw.status()).isEqualTo(200);
        assertThat(raw.headers().firstValueAsLong("Content-Length").orElse(-1)).isEqualTo(expected.length);
        assertThat(raw.bytes()).isEqualTo(expected);
        assertThat(LineEndings.bareLineFeeds(raw.bytes())).isZero();
    }

    @Test
    void bareLfAndMixedUploadsAreStoredWithCrlfAndCrlfOnesExactly() {
        TestUser u = gannet.createUser();
        uploadAndDownload(u, ascii("From: a@example.org\nSubject: bare\n\nline one\nline two\n"),
                ascii("From: a@example.org\r\nSubject: bare\r\n\r\nline one\r\nline two\r\n"));
        uploadAndDownload(u, ascii("Subject: mixed\r\nX-A: 1\n\r\none\ntwo\r\n"),
                ascii("Subject: mixed\r\nX-A: 1\r\n\r\none\r\ntwo\r\n"));
        byte[] crlf = ascii("Subject: crlf\r\n\r\nkept\rexactly\r\r\n");
        uploadAndDownload(u, crlf, crlf);
        JsonNode parsed = api().get(base(u) + "?limit=10", "root-token").json();
        assertThat(parsed.toString()).contains("bare", "mixed", "crlf");
    }

    @Test
    void aLargeBareLfUploadIsConvertedAndTheLimitCountsTheConvertedSize() {
        TestUser u = gannet.createUser();
        byte[] large = ascii("Subject: large\n\n" + "0123456789abcdefghij\n".repeat(100_000));
        assertThat(large.length).isGreaterThan(1 << 20);
        uploadAndDownload(u, large, LineEndings.toCrlf(large));
        byte[] grows = ascii("Subject: grows\n\n" + "x\n".repeat((int) (LIMIT / 2) - 100));
        assertThat((long) grows.length).as("within the limit as sent").isLessThan(LIMIT);
        assertThat(grows.length + LineEndings.bareLineFeeds(grows)).as("over it once CRLF").isGreaterThan(LIMIT);
        ApiClient.Response r = api().send("POST", base(u), "root-token", "message/rfc822", grows);
        assertThat(r.status()).as(r.body()).isEqualTo(413);
        assertThat(r.json().get("code").asText()).isEqualTo("TooBig");
        assertThat(api().get(base(u) + "?limit=10", "root-token").json().get("results")).hasSize(1);
    }
}
