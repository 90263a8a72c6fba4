package dev.gannet.delivery.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class DsnTest {

    private static final byte[] ORIGINAL = ("From: a@gannet.test\r\nTo: b@example.net, c@example.net\r\n"
            + "Subject: hello\r\nMessage-ID: <m1@gannet.test>\r\n\r\nthe body stays home\r\n").getBytes(StandardCharsets.US_ASCII);

    @Test
    void aDsnIsAMultipartReportNamingOnlyTheFailedRecipients() throws Exception {
        byte[] dsn = Dsn.build("mx.gannet.test", "a@gannet.test", "q123", Instant.parse("2026-12-07T10:00:00Z"),
                List.of(new Dsn.Failure("b@example.net", 550, "550 5.1.1 <b@example.net> no such user", false),
                        new Dsn.Failure("d@example.net", -1, "Couldn't connect to host", true)),
                ORIGINAL, Instant.parse("2026-12-07T11:00:00Z"));
        String text = new String(dsn, StandardCharsets.UTF_8);
        assertThat(text.replace("\r\n", "")).doesNotContain("\n");
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(dsn));
        assertThat(m.getContentType()).contains("multipart/report").contains("report-type=delivery-status");
        assertThat(m.getHeader("Auto-Submitted")[0]).isEqualTo("auto-replied");
        assertThat(m.getAllRecipients()[0].toString()).isEqualTo("a@gannet.test");
        MimeMultipart mp = (MimeMultipart) m.getContent();
        assertThat(mp.getCount()).isEqualTo(3);
        assertThat(mp.getBodyPart(0).isMimeType("text/plain")).isTrue();
        BodyPart status = mp.getBodyPart(1);
        assertThat(status.isMimeType("message/delivery-status")).isTrue();
        String report = read(status);
        assertThat(report).contains("Reporting-MTA: dns; mx.gannet.test\r\n")
                .contains("Final-Recipient: rfc822; b@example.net\r\nAction: failed\r\nStatus: 5.1.1\r\n"
                        + "Diagnostic-Code: smtp; 550 5.1.1 <b@example.net> no such user\r\n")
                .contains("Final-Recipient: rfc822; d@example.net\r\nAction: failed\r\nStatus: 4.4.7\r\n")
                .doesNotContain("c@example.net");
        BodyPart headers = mp.getBodyPart(2);
        assertThat(headers.isMimeType("text/rfc822-headers")).isTrue();
        assertThat(read(headers)).contains("Subject: hello\r\n").doesNotContain("the body stays home");
    }

    @Test
    void theHeaderEndsAtTheFirstBlankLine() {
        assertThat(new String(Dsn.header("A: 1\nB: 2\n\nbody\n".getBytes()))).isEqualTo("A: 1\r\nB: 2\r\n");
        assertThat(new String(Dsn.header("A: 1\r\n\r\nbody".getBytes()))).isEqualTo("A: 1\r\n");
    }

    private static String read(BodyPart p) throws Exception {
        Object c = p.getContent();
        if (c instanceof String s) {
            return s;
        }
        try (InputStream in = p.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
