package dev.gannet.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What BODY and TEXT search look in (RFC 3501 §6.4.4), matched to Dovecot's choices. */
class SearchTextTest {

    @Test
    void everyTextPartCountsAndHtmlStaysSource() {
        ParsedMessage m = MessageParser.parse(("Subject: s\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=m\r\n\r\n"
                + "--m\r\nContent-Type: multipart/alternative; boundary=a\r\n\r\n--a\r\nContent-Type: text/plain\r\n\r\nplainword\r\n"
                + "--a\r\nContent-Type: text/html; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "<a href=3D\"http://x/unsubscribe\">Caf=E9</a>\r\n--a--\r\n"
                + "--m\r\nContent-Type: text/plain; name=n.txt\r\nContent-Disposition: attachment; filename=n.txt\r\n\r\nnoteword\r\n"
                + "--m\r\nContent-Type: application/octet-stream\r\n\r\nbinaryword\r\n"
                + "--m\r\nContent-Type: message/rfc822\r\n\r\nSubject: =?utf-8?q?inn=C3=A9r?=\r\n\r\ninnerbody\r\n--m--\r\n")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(m.text()).contains("plainword", "href=\"http://x/unsubscribe\">Café</a>", "noteword", "innerbody")
                .doesNotContain("binaryword", "Subject");
        assertThat(m.partHeaders()).contains("Content-Disposition: attachment; filename=n.txt\n", "Subject: innér\n")
                .doesNotContain("Subject: s\n");
    }

    @Test
    void rawUtf8HeadersPassThroughAndOtherBytesNeverLookLikeLatin1() {
        byte[] gb2312 = {(byte) 0xd6, (byte) 0xd0, (byte) 0xce, (byte) 0xc4, (byte) 0xfc};
        byte[] raw = concat("Subject: ".getBytes(StandardCharsets.US_ASCII), gb2312,
                "\r\nX-Raw: ".getBytes(StandardCharsets.US_ASCII), gb2312,
                "\r\nTo: =?utf-8?q?J=C3=BCrgen?= <j@x>\r\n\r\nbody\r\n".getBytes(StandardCharsets.UTF_8));
        ParsedMessage m = MessageParser.parse(raw);
        assertThat(m.search().subject()).doesNotContain("ü").contains("\ufffd");
        assertThat(m.search().headers()).anyMatch(h -> h.name().equals("X-Raw") && h.value().contains("\ufffd"));

        ParsedMessage korean = MessageParser.parse("Subject: 한국어 제목\r\nFrom: 김철수 <k@x.kr>\r\n\r\nx\r\n"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(korean.search().subject()).isEqualTo("한국어 제목");
        assertThat(ImapRender.envelope(korean)).contains("{16}\r\n한국어 제목", "{9}\r\n김철수 NIL \"k\" \"x.kr\"");
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
