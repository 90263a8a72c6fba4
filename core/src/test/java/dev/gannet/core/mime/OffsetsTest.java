package dev.gannet.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Exact byte ranges for the awkward shapes mail comes in (RFC 2046 §5.1.1 delimiters, RFC 3501 §6.4.5 parts). */
class OffsetsTest {

    private static ParsedMessage parse(String raw) {
        byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
        ParsedMessage m = MessageParser.parse(bytes);
        Invariants.check(bytes, m);
        return m;
    }

    private static String text(String raw, ByteRange r) {
        return Mail.slice(raw.getBytes(StandardCharsets.UTF_8), r);
    }

    @Test
    void singlePartWithCrlf() {
        String raw = "Subject: x\r\n\r\nhello\r\n";
        ParsedMessage m = parse(raw);
        assertThat(m.message().header()).isEqualTo(new ByteRange(0, 14));
        assertThat(m.message().text()).isEqualTo(new ByteRange(14, 21));
        assertThat(m.body().partNumber()).isEqualTo("1");
        assertThat(m.body().lines()).isEqualTo(1);
        assertThat(m.part("1")).contains(m.body());
    }

    @Test
    void bareLineFeeds() {
        String raw = "Subject: x\n\nhello\nworld\n";
        ParsedMessage m = parse(raw);
        assertThat(m.message().header()).isEqualTo(new ByteRange(0, 12));
        assertThat(text(raw, m.message().text())).isEqualTo("hello\nworld\n");
        assertThat(m.body().lines()).isEqualTo(2);
    }

    @Test
    void noFinalLineBreak() {
        String raw = "Subject: x\r\n\r\nhello";
        ParsedMessage m = parse(raw);
        assertThat(text(raw, m.message().text())).isEqualTo("hello");
        assertThat(m.body().lines()).isZero();
    }

    @Test
    void headerOnlyMessages() {
        ParsedMessage terminated = parse("Subject: x\r\n");
        assertThat(terminated.message().header()).isEqualTo(new ByteRange(0, 12));
        assertThat(terminated.message().text()).isEqualTo(new ByteRange(12, 12));
        assertThat(terminated.envelope().subject()).isEqualTo("x");

        ParsedMessage bare = parse("Subject: x");
        assertThat(bare.message().header()).isEqualTo(new ByteRange(0, 10));
        assertThat(bare.message().text().length()).isZero();

        ParsedMessage blankOnly = parse("\r\nbody");
        assertThat(blankOnly.message().header()).isEqualTo(new ByteRange(0, 2));
        assertThat(blankOnly.message().text()).isEqualTo(new ByteRange(2, 6));
    }

    @Test
    void emptyMessage() {
        ParsedMessage m = parse("");
        assertThat(m.size()).isZero();
        assertThat(m.body().kind()).isEqualTo(BodyPart.Kind.LEAF);
        assertThat(ImapRender.bodyStructure(m))
                .isEqualTo("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0 NIL NIL NIL NIL)");
        assertThat(ImapRender.envelope(m)).isEqualTo("(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)");
    }

    @Test
    void multipartExcludesDelimitersPreambleAndEpilogue() {
        String raw = "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
                + "preamble\r\n--b\r\nContent-Type: text/plain\r\n\r\none\r\n"
                + "--b   \r\n\r\ntwo\r\n\r\n--b--\r\nepilogue\r\n";
        ParsedMessage m = parse(raw);
        BodyPart root = m.body();
        assertThat(root.partNumber()).isEmpty();
        assertThat(root.parts()).hasSize(2);
        BodyPart one = m.part("1").orElseThrow();
        BodyPart two = m.part("2").orElseThrow();
        assertThat(text(raw, one.header())).isEqualTo("Content-Type: text/plain\r\n\r\n");
        assertThat(text(raw, one.body())).isEqualTo("one");
        assertThat(text(raw, two.header())).isEqualTo("\r\n");
        assertThat(text(raw, two.body())).isEqualTo("two\r\n");
        assertThat(two.lines()).isEqualTo(1);
        assertThat(text(raw, root.body())).startsWith("preamble").endsWith("epilogue\r\n");
    }

    @Test
    void multipartWithBareLineFeedsAndMixedEndings() {
        String raw = "Content-Type: multipart/mixed; boundary=\"b\"\n\n--b\nX: 1\n\nlf body\n--b\r\n"
                + "X: 2\r\n\r\ncrlf body\r\n--b--";
        ParsedMessage m = parse(raw);
        assertThat(text(raw, m.part("1").orElseThrow().body())).isEqualTo("lf body");
        assertThat(text(raw, m.part("2").orElseThrow().header())).isEqualTo("X: 2\r\n\r\n");
        assertThat(text(raw, m.part("2").orElseThrow().body())).isEqualTo("crlf body");
    }

    @Test
    void missingEndBoundaryRunsToEndOfInput() {
        String raw = "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nfirst\r\n--b\r\n\r\nlast\r\n";
        ParsedMessage m = parse(raw);
        assertThat(text(raw, m.part("2").orElseThrow().body())).isEqualTo("last\r\n");
        assertThat(m.body().body().end()).isEqualTo(raw.length());
    }

    @Test
    void missingBoundaryParameterOrLinesGiveAnEmptyMultipart() {
        ParsedMessage noParam = parse("Content-Type: multipart/mixed\r\n\r\n--b\r\n\r\nx\r\n");
        assertThat(noParam.body().kind()).isEqualTo(BodyPart.Kind.MULTIPART);
        assertThat(noParam.body().parts()).isEmpty();
        ParsedMessage noLines = parse("Content-Type: multipart/mixed; boundary=zz\r\n\r\njust text\r\n");
        assertThat(noLines.body().parts()).isEmpty();
        assertThat(ImapRender.body(noLines)).isEqualTo(
                "((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0) \"mixed\")");
    }

    @Test
    void emptyPartsAndHeadersCutShortByADelimiter() {
        String raw = "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n--b\r\nContent-Type: text/html\r\n--b--\r\n";
        ParsedMessage m = parse(raw);
        BodyPart empty = m.part("1").orElseThrow();
        assertThat(empty.header().length()).isZero();
        assertThat(empty.body().length()).isZero();
        BodyPart cut = m.part("2").orElseThrow();
        assertThat(text(raw, cut.header())).isEqualTo("Content-Type: text/html");
        assertThat(cut.body().length()).isZero();
        assertThat(cut.subtype()).isEqualTo("html");
    }

    @Test
    void emptyLineJustBeforeADelimiterIsTheDelimitersLineBreak() {
        // "X-A: 1 CRLF CRLF --b": the second CRLF belongs to the delimiter, so the header has no empty line
        String raw = "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nX-A: 1\r\n\r\n--b--\r\n";
        ParsedMessage m = parse(raw);
        BodyPart part = m.part("1").orElseThrow();
        assertThat(text(raw, part.header())).isEqualTo("X-A: 1\r\n");
        assertThat(part.body().length()).isZero();
    }

    @Test
    void attachedMessageWhoseHeaderEndsAtADelimiterKeepsItsParts() {
        // Mailman's bounce of a scrubbed message (python3-flufl.bounce dsn_14.txt): the message/rfc822 part is
        // "Message removed CRLF CRLF --b", an inner header whose empty line is the delimiter's line break
        String raw = "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nnote\r\n"
                + "--b\r\nContent-Type: message/rfc822\r\n\r\nMessage removed\r\n\r\n--b--\r\n";
        ParsedMessage m = parse(raw);
        assertThat(m.body().parts()).hasSize(2);
        BodyPart attached = m.part("2").orElseThrow();
        assertThat(attached.kind()).isEqualTo(BodyPart.Kind.MESSAGE);
        MessageNode inner = attached.message();
        assertThat(text(raw, inner.header())).isEqualTo("Message removed\r\n");
        assertThat(inner.text().length()).isZero();
        assertThat(text(raw, m.part("1").orElseThrow().body())).isEqualTo("note");
    }

    @Test
    void multipartWhoseHeaderADelimiterCutsShortHasNoParts() {
        // The inner header never ends with an empty line, so (as in Dovecot) its boundary is never
        // registered and the next delimiter, same string or not, belongs to the outer multipart.
        String raw = "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: multipart/alternative; boundary=b\r\n"
                + "--b\r\n\r\nsecond\r\n--b--\r\n";
        ParsedMessage m = parse(raw);
        assertThat(m.body().parts()).hasSize(2);
        assertThat(m.part("1").orElseThrow().parts()).isEmpty();
        assertThat(m.part("1").orElseThrow().body().length()).isZero();
        assertThat(text(raw, m.part("2").orElseThrow().body())).isEqualTo("second");
    }

    @Test
    void outerDelimiterClosesAnUnterminatedInnerMultipart() {
        String raw = "Content-Type: multipart/mixed; boundary=outer\r\n\r\n"
                + "--outer\r\nContent-Type: multipart/alternative; boundary=inner\r\n\r\n"
                + "--inner\r\n\r\ninner one\r\n"
                + "--outer\r\n\r\nsecond\r\n--outer--\r\n";
        ParsedMessage m = parse(raw);
        assertThat(m.body().parts()).hasSize(2);
        assertThat(text(raw, m.part("1.1").orElseThrow().body())).isEqualTo("inner one");
        assertThat(text(raw, m.part("1").orElseThrow().body())).endsWith("inner one");
        assertThat(text(raw, m.part("2").orElseThrow().body())).isEqualTo("second");
    }

    @Test
    void longestBoundaryPrefixWins() {
        String raw = "Content-Type: multipart/mixed; boundary=ab\r\n\r\n"
                + "--ab\r\nContent-Type: multipart/mixed; boundary=abc\r\n\r\n"
                + "--abc\r\n\r\ndeep\r\n--abc--\r\n--ab--\r\n";
        ParsedMessage m = parse(raw);
        assertThat(text(raw, m.part("1.1").orElseThrow().body())).isEqualTo("deep");
        assertThat(m.part("1").orElseThrow().parts()).hasSize(1);
    }

    @Test
    void nestedMessageWithMultipartInside() {
        String raw = "Content-Type: multipart/mixed; boundary=o\r\n\r\n--o\r\n\r\nintro\r\n"
                + "--o\r\nContent-Type: message/rfc822\r\n\r\n"
                + "Subject: inner\r\nContent-Type: multipart/alternative; boundary=i\r\n\r\n"
                + "--i\r\nContent-Type: text/plain\r\n\r\nplain\r\n--i\r\nContent-Type: text/html\r\n\r\n<b>html</b>\r\n--i--\r\n"
                + "--o--\r\n";
        ParsedMessage m = parse(raw);
        BodyPart attached = m.part("2").orElseThrow();
        assertThat(attached.kind()).isEqualTo(BodyPart.Kind.MESSAGE);
        MessageNode inner = attached.message();
        assertThat(text(raw, inner.header())).startsWith("Subject: inner").endsWith("\r\n\r\n");
        assertThat(inner.envelope().subject()).isEqualTo("inner");
        assertThat(inner.body().partNumber()).isEqualTo("2");
        assertThat(text(raw, m.part("2.1").orElseThrow().body())).isEqualTo("plain");
        assertThat(text(raw, m.part("2.2").orElseThrow().body())).isEqualTo("<b>html</b>");
        // As in Dovecot, the line break after a close delimiter stays with it, even right before an outer delimiter.
        assertThat(text(raw, attached.body())).startsWith("Subject: inner").endsWith("--i--\r\n");
        assertThat(m.part("2.3")).isEmpty();
        assertThat(m.text()).contains("intro").contains("plain").contains("<b>html</b>");
    }

    @Test
    void singlePartMessageInsideMessageIsPartOneBelowIt() {
        String raw = "Content-Type: message/rfc822\r\n\r\nSubject: in\r\n\r\nbody\r\n";
        ParsedMessage m = parse(raw);
        assertThat(m.body().kind()).isEqualTo(BodyPart.Kind.MESSAGE);
        assertThat(m.body().partNumber()).isEqualTo("1");
        BodyPart innerText = m.part("1.1").orElseThrow();
        assertThat(innerText.partNumber()).isEqualTo("1.1");
        assertThat(text(raw, innerText.body())).isEqualTo("body\r\n");
    }

    @Test
    void digestChildrenDefaultToMessages() {
        String raw = "Content-Type: multipart/digest; boundary=d\r\n\r\n--d\r\n\r\nSubject: one\r\n\r\nfirst\r\n--d--\r\n";
        ParsedMessage m = parse(raw);
        BodyPart child = m.part("1").orElseThrow();
        assertThat(child.kind()).isEqualTo(BodyPart.Kind.MESSAGE);
        assertThat(child.message().envelope().subject()).isEqualTo("one");
    }

    @Test
    void contentFieldsAreIgnoredWithoutMimeVersionOrContentType() {
        ParsedMessage m = parse("Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment\r\n\r\nplain\r\n");
        assertThat(m.body().transferEncoding()).isEqualTo("7bit");
        assertThat(m.body().disposition()).isNull();
    }

    @Test
    void deepNestingIsCutOffAsOpaqueLeaves() {
        StringBuilder raw = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            raw.append("Content-Type: message/rfc822\r\n\r\n");
        }
        raw.append("Subject: bottom\r\n\r\nbody\r\n");
        ParsedMessage m = parse(raw.toString());
        BodyPart p = m.body();
        int depth = 0;
        while (p.kind() == BodyPart.Kind.MESSAGE) {
            p = p.message().body();
            depth++;
        }
        assertThat(depth).isLessThanOrEqualTo(ParseLimits.DEFAULT.maxDepth());
        assertThat(p.kind()).isEqualTo(BodyPart.Kind.LEAF);
    }
}
