package dev.gannet.imap.differential;

import dev.gannet.core.testing.GannetExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Header bytes sent raw in a legacy charset, without RFC 2047 encoding (EUC-KR, GB2312, Shift_JIS, ISO-8859-1
 * subjects, display names and parameters): ENVELOPE and BODYSTRUCTURE pass the bytes through and SEARCH with a
 * non-ASCII string does not match them by accident, byte for byte as Dovecot 2.3 answers (RFC 3501 §7.4.2,
 * §6.4.4; RFC 6532 §3.2 allows only UTF-8 raw).
 */
class EightBitHeaderParityTest {

    @RegisterExtension
    @Order(1)
    static final GannetExtension gannet = GannetExtension.builder().roles("imap").build();

    @RegisterExtension
    @Order(2)
    static final SideBySide both = new SideBySide(gannet);

    private static final List<byte[]> FETCH = List.of(ascii("FETCH 1 (ENVELOPE BODYSTRUCTURE BODY)"));

    @Test
    void envelopeAndBodyStructureMatchDovecot() throws Exception {
        for (byte[] message : messages()) {
            String box = both.newBox();
            List<String> ours = SideBySide.answers(both.gannetLogin(), box, message, FETCH);
            assertThat(ours).as(new String(message, StandardCharsets.ISO_8859_1))
                    .isEqualTo(SideBySide.answers(both.dovecotLogin(), box, message, FETCH));
        }
    }

    @Test
    void searchWithNonAsciiTextMatchesWhatDovecotMatches() throws Exception {
        List<byte[]> searches = new ArrayList<>();
        for (String key : List.of("SUBJECT", "FROM", "TO", "HEADER X-Note", "TEXT")) {
            for (String word : List.of("ü", "é", "한국", "张", "日本", "Grüße")) {
                searches.add(search(key, word));
            }
        }
        for (byte[] message : messages()) {
            String box = both.newBox();
            List<String> ours = SideBySide.answers(both.gannetLogin(), box, message, searches);
            assertThat(ours).as(new String(message, StandardCharsets.ISO_8859_1))
                    .isEqualTo(SideBySide.answers(both.dovecotLogin(), box, message, searches));
        }
    }

    /** One message per legacy charset, plus one in UTF-8 that must still match. */
    private static List<byte[]> messages() {
        Charset euckr = Charset.forName("EUC-KR");
        Charset gb2312 = Charset.forName("GB2312");
        Charset sjis = Charset.forName("Shift_JIS");
        return List.of(
                message(euckr, "한국어 제목입니다", "홍길동", "김철수", "보고서.txt", "메모"),
                message(gb2312, "中文主题 张三", "张三", "李四", "文件.doc", "备注"),
                message(sjis, "日本語の件名", "山田太郎", "鈴木", "資料.pdf", "メモ"),
                message(StandardCharsets.ISO_8859_1, "Grüße aus Köln", "Jürgen Müller", "Zoë", "Bericht-ü.txt", "café"),
                message(StandardCharsets.UTF_8, "Grüße 한국 张 日本", "Jürgen 张", "Zoë", "ü.txt", "é"));
    }

    /** The whole message in {@code cs}: its ASCII parts are the same bytes in each of these charsets. */
    private static byte[] message(Charset cs, String subject, String from, String to, String filename, String note) {
        return ("From: " + from + " <from@example.org>\r\nTo: \"" + to + "\" <to@example.org>\r\nSubject: " + subject
                + "\r\nX-Note: " + note + "\r\nMessage-ID: <1@example.org>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
                + "plain body\r\n--b\r\nContent-Type: application/octet-stream; name=\"" + filename + "\"\r\n"
                + "Content-Disposition: attachment; filename=\"" + filename + "\"\r\nContent-Description: " + note
                + "\r\nContent-Transfer-Encoding: base64\r\n\r\nAAEC\r\n--b--\r\n").getBytes(cs);
    }

    private static byte[] search(String key, String word) {
        byte[] w = word.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii("SEARCH CHARSET UTF-8 " + key + " {" + w.length + "+}\r\n"));
        out.writeBytes(w);
        return out.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
