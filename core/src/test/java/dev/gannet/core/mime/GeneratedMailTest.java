package dev.gannet.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Generated messages for what the corpora lack: 8-bit headers, binary parts, RFC 2231 names, text extraction. */
class GeneratedMailTest {

    private static ParsedMessage parse(byte[] raw) {
        ParsedMessage m = MessageParser.parse(raw);
        Invariants.check(raw, m);
        return m;
    }

    @Test
    void eightBitHeadersBecomeLiteralsAndDecodeForSearch() {
        byte[] raw = Mail.crlf("From: Jürgen Groß <jurgen@example.de>", "Subject: Grüße aus Köln",
                "To: =?ISO-8859-1?Q?Andr=E9?= <andre@example.fr>", "", "hi");
        ParsedMessage m = parse(raw);
        assertThat(m.envelope().subject()).isEqualTo("Grüße aus Köln");
        String subjectLiteral = "{" + "Grüße aus Köln".getBytes(StandardCharsets.UTF_8).length + "}\r\nGrüße aus Köln";
        assertThat(ImapRender.envelope(m)).contains(subjectLiteral)
                .contains("((\"=?ISO-8859-1?Q?Andr=E9?=\" NIL \"andre\" \"example.fr\"))");
        assertThat(m.search().from()).containsExactly(new NormalizedAddress("jürgen groß", "jurgen@example.de"));
        assertThat(m.search().to()).containsExactly(new NormalizedAddress("andré", "andre@example.fr"));

        byte[] latin1 = "Subject: caf\u00e9 cr\u00e8me\r\n\r\nbody".getBytes(StandardCharsets.ISO_8859_1);
        // Bytes that are not UTF-8 go out raw in ENVELOPE but never match Latin-1 letters in search (as Dovecot).
        byte[] subject = "caf\u00e9 cr\u00e8me".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(RawHeaderBytes.bytes(parse(latin1).envelope().subject())).isEqualTo(subject);
        assertThat(RawHeaderBytes.readable(parse(latin1).envelope().subject())).isEqualTo("caf\ufffd cr\ufffdme");
        assertThat(new String(ImapRender.envelopeBytes(parse(latin1)), StandardCharsets.ISO_8859_1))
                .contains("{10}\r\n" + new String(subject, StandardCharsets.ISO_8859_1));
        assertThat(parse(latin1).search().subject()).isEqualTo("caf\ufffd cr\ufffdme");
    }

    @Test
    void binaryAttachmentKeepsEveryByte() {
        byte[] binary = new byte[70_000];
        new Random(7).nextBytes(binary);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] head = Mail.crlf("MIME-Version: 1.0", "Content-Type: multipart/mixed; boundary=\"=_bin_=\"", "",
                "--=_bin_=", "Content-Type: application/octet-stream", "Content-Transfer-Encoding: binary",
                "Content-Disposition: attachment; filename=blob.dat", "");
        out.writeBytes(head);
        out.writeBytes(binary);
        out.writeBytes("\r\n--=_bin_=--\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] raw = out.toByteArray();
        ParsedMessage m = parse(raw);
        BodyPart part = m.part("1").orElseThrow();
        assertThat(Invariants.slice(raw, part.body())).isEqualTo(binary);
        assertThat(part.leaf().decodedSize()).isEqualTo(binary.length);
        assertThat(part.leaf().layout()).isEqualTo(EncodingLayout.identity(TransferEncoding.BINARY));
        assertThat(part.leaf().filename()).isEqualTo("blob.dat");
        assertThat(ImapRender.bodyStructure(m)).contains("\"binary\" " + binary.length + " NIL (\"attachment\"");
    }

    @Test
    void rfc2231AndEncodedWordFilenames() {
        byte[] raw = Mail.crlf("MIME-Version: 1.0", "Content-Type: multipart/mixed; boundary=b", "",
                "--b", "Content-Type: application/pdf; name=\"=?UTF-8?B?w6l0w6kucGRm?=\"",
                "Content-Transfer-Encoding: base64", "", "JVBERi0=",
                "--b", "Content-Type: application/pdf",
                "Content-Disposition: attachment;", " filename*0*=UTF-8''%E2%82%AC%20rates;", " filename*1=\".pdf\"",
                "", "x",
                "--b--");
        ParsedMessage m = parse(raw);
        BodyPart first = m.part("1").orElseThrow();
        assertThat(first.leaf().filename()).isEqualTo("été.pdf");
        assertThat(first.leaf().attachment()).isTrue();
        assertThat(first.leaf().decodedSize()).isEqualTo(5);
        BodyPart second = m.part("2").orElseThrow();
        assertThat(second.disposition().params()).containsExactly(new MimeParam("filename*", "UTF-8''%E2%82%AC%20rates.pdf"));
        assertThat(second.leaf().filename()).isEqualTo("€ rates.pdf");
        assertThat(ImapRender.bodyStructure(second))
                .contains("(\"attachment\" (\"filename*\" \"UTF-8''%E2%82%AC%20rates.pdf\"))");
    }

    @Test
    void textIsDecodedFromCharsetAndQuotedPrintableAndHtmlIsKeptAsSource() {
        byte[] raw = Mail.crlf("MIME-Version: 1.0", "Content-Type: multipart/mixed; boundary=b", "",
                "--b", "Content-Type: text/plain; charset=iso-8859-1", "Content-Transfer-Encoding: quoted-printable", "",
                "Caf=E9 cr=E8me =", "continued",
                "--b", "Content-Type: text/html; charset=utf-8", "Content-Transfer-Encoding: base64", "",
                java.util.Base64.getEncoder().encodeToString(
                        "<html><style>p{}</style><p>Hello&nbsp;&amp; <b>wörld</b></p><!-- hidden --></html>"
                                .getBytes(StandardCharsets.UTF_8)),
                "--b", "Content-Type: text/plain; charset=x-unknown-charset", "", "naïve",
                "--b", "Content-Type: text/plain", "Content-Disposition: attachment; filename=notes.txt", "", "not indexed",
                "--b--");
        ParsedMessage m = parse(raw);
        // As Dovecot: HTML is searched as its decoded source, and text attachments are searched too.
        assertThat(m.text()).contains("Café crème continued").contains("<p>Hello&nbsp;&amp; <b>wörld</b></p>")
                .contains("naïve").contains("not indexed");
        assertThat(m.textTruncated()).isFalse();
        BodyPart html = m.part("2").orElseThrow();
        assertThat(html.leaf().layout()).isNotNull();
    }

    @Test
    void textIsCappedAndReportsTruncation() {
        byte[] raw = Mail.crlf("Subject: long", "", "x".repeat(5000));
        ParsedMessage m = MessageParser.parse(raw, ParseLimits.DEFAULT.withMaxTextChars(1000));
        assertThat(m.text()).hasSize(1000);
        assertThat(m.textTruncated()).isTrue();
    }

    @Test
    void searchFieldsAndThreadKey() {
        byte[] raw = Mail.crlf(
                "From: \"Doe, John\" <John.Doe@Example.COM>",
                "To: undisclosed-recipients:;",
                "Cc: a@b.example, broken",
                "Subject: =?UTF-8?Q?Re=3A_=5Bteam=5D_Fwd=3A_Budget?= (fwd)",
                "Date: Tue, 1 Jul 2003 10:52:37 +0200",
                "Message-ID: <abc@host.example>",
                "In-Reply-To: <parent@host.example>",
                "References: <root@host.example>",
                "  <parent@host.example>",
                "List-Id: Team list <team.lists.example>",
                "",
                "body");
        ParsedMessage m = parse(raw);
        SearchFields s = m.search();
        assertThat(s.from()).containsExactly(new NormalizedAddress("doe, john", "john.doe@example.com"));
        assertThat(s.to()).isEmpty();
        assertThat(s.cc()).containsExactly(new NormalizedAddress(null, "a@b.example"), new NormalizedAddress(null, "broken"));
        assertThat(s.subject()).isEqualTo("Re: [team] Fwd: Budget (fwd)");
        assertThat(s.baseSubject()).isEqualTo("Budget");
        assertThat(s.date()).isEqualTo(Instant.parse("2003-07-01T08:52:37Z"));
        assertThat(s.messageId()).isEqualTo("abc@host.example");
        assertThat(s.inReplyTo()).isEqualTo("parent@host.example");
        assertThat(s.references()).containsExactly("root@host.example", "parent@host.example");
        assertThat(s.listId()).isEqualTo("team.lists.example");
        assertThat(s.headers()).extracting(HeaderField::name).contains("From", "References", "List-Id");
        assertThat(s.headers()).contains(new HeaderField("Subject", "Re: [team] Fwd: Budget (fwd)"));
        assertThat(m.thread()).isEqualTo(new ThreadKey("abc@host.example",
                java.util.List.of("root@host.example", "parent@host.example"), "Budget", true));
        assertThat(ImapRender.envelope(m)).contains("((NIL NIL \"undisclosed-recipients\" NIL)(NIL NIL NIL NIL))")
                .contains("((NIL NIL \"a\" \"b.example\")(NIL NIL \"broken\" \"MISSING_DOMAIN\"))");
    }

    @Test
    void unparsableDateAndMissingIdsAreNull() {
        ParsedMessage m = parse(Mail.crlf("Date: someday soon", "Subject: hi", "", "x"));
        assertThat(m.search().date()).isNull();
        assertThat(m.search().messageId()).isNull();
        assertThat(m.thread().references()).isEmpty();
        assertThat(m.thread().replyOrForward()).isFalse();
    }
}
