package dev.gannet.core.mime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PREVIEW text (RFC 8970 §3.1): the first text part, HTML as text, whitespace collapsed, quoted reply lines
 * left out, at most 256 characters (not bytes, and never half a surrogate pair).
 */
class PreviewTest {

    @Test
    void collapsesWhitespaceAndDropsQuotedLines() {
        assertThat(Preview.of("  Hello\tBob.\r\n\r\nHow  are you?\n")).isEqualTo("Hello Bob. How are you?");
        assertThat(Preview.of("Sure.\n\nOn Monday Alice wrote:\n> Lunch?\n  > > older\nBye")).isEqualTo("Sure. On Monday Alice wrote: Bye");
        assertThat(Preview.of("")).isEmpty();
        assertThat(Preview.of(" \n> only quoted\n")).isEmpty();
        assertThat(Preview.of("a\u00a0\u2003b\u0007c")).isEqualTo("a b c");
    }

    @Test
    void cutsAt256Characters() {
        String p = Preview.of("word ".repeat(100));
        assertThat(p).hasSizeLessThanOrEqualTo(256).startsWith("word word").doesNotEndWith(" ");
        String emoji = "\uD83D\uDE00".repeat(300);
        String q = Preview.of(emoji);
        assertThat(q.codePointCount(0, q.length())).isEqualTo(256);
        assertThat(Character.isHighSurrogate(q.charAt(q.length() - 1))).isFalse();
    }

    @Test
    void takesTheFirstTextPartOfAMessage() throws Exception {
        ParsedMessage alt = MessageParser.parse(Mail.crlf("From: a@example.org", "Subject: x",
                "Content-Type: multipart/alternative; boundary=b", "", "--b",
                "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: quoted-printable", "",
                "Caf=C3=A9 at noon?", "", "> earlier", "--b", "Content-Type: text/html", "", "<p>HTML part</p>", "--b--", ""));
        assertThat(alt.preview()).isEqualTo("Caf\u00e9 at noon?");
        ParsedMessage html = MessageParser.parse(Mail.crlf("From: a@example.org", "Content-Type: text/html", "",
                "<html><head><style>p{color:red}</style><script>x()</script></head><body><p>Hi&nbsp;<b>there</b>,</p>",
                "<div>line &amp; more</div></body></html>"));
        assertThat(html.preview()).isEqualTo("Hi there, line & more");
        ParsedMessage mixed = MessageParser.parse(Mail.crlf("From: a@example.org",
                "Content-Type: multipart/mixed; boundary=m", "", "--m", "Content-Type: text/plain", "", "Body text.",
                "--m", "Content-Type: text/plain", "Content-Disposition: attachment; filename=a.txt", "", "attached",
                "--m--", ""));
        assertThat(mixed.preview()).isEqualTo("Body text.");
        ParsedMessage none = MessageParser.parse(Mail.crlf("From: a@example.org", "Content-Type: image/png",
                "Content-Transfer-Encoding: base64", "", "iVBORw0KGgo="));
        assertThat(none.preview()).isEmpty();
    }
}
