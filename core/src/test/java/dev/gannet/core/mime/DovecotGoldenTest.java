package dev.gannet.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * BODY, BODYSTRUCTURE and ENVELOPE strings as Dovecot returns them. The messages and expected values
 * come from Dovecot's own test suite (src/lib-imap/test-imap-bodystructure.c and
 * test-imap-envelope.c, the latter taken from imaptest); the messages are sent with CRLF here, so
 * Dovecot's CRLF-based sizes equal the raw octet counts Gannet reports.
 */
class DovecotGoldenTest {

    @Test
    void plainTextWithCharset() {
        ParsedMessage m = MessageParser.parse(Mail.crlf(
                "From: user@domain.org",
                "Date: Sat, 24 Mar 2017 23:00:00 +0200",
                "Mime-Version: 1.0",
                "Content-Type: text/plain; charset=us-ascii",
                "",
                "body"));
        assertThat(ImapRender.bodyStructure(m))
                .isEqualTo("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 6 1 NIL NIL NIL NIL)");
        assertThat(ImapRender.body(m)).isEqualTo("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 6 1)");
    }

    @Test
    void eightBitUtf8() {
        ParsedMessage m = MessageParser.parse(Mail.crlf(
                "From: user@domain.org",
                "Date: Sat, 24 Mar 2017 23:00:00 +0200",
                "Mime-Version: 1.0",
                "Content-Type: text/plain; charset=utf-8",
                "Content-Transfer-Encoding: 8bit",
                "",
                "body",
                ""));
        assertThat(ImapRender.bodyStructure(m))
                .isEqualTo("(\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"8bit\" 8 2 NIL NIL NIL NIL)");
    }

    @Test
    void foldedBoundaryParameter() {
        ParsedMessage m = MessageParser.parse(Mail.crlf(
                "From: user@domain.org",
                "Date: Sat, 24 Mar 2007 23:00:00 +0200",
                "Mime-Version: 1.0",
                "Content-Type: multipart/mixed; boundary=\"foo",
                " bar\"",
                "",
                "--foo bar",
                "Content-Type: text/x-myown; charset=us-ascii",
                "",
                "hello",
                "",
                "--foo bar--",
                ""));
        assertThat(ImapRender.bodyStructure(m)).isEqualTo("((\"text\" \"x-myown\" (\"charset\" \"us-ascii\") NIL NIL "
                + "\"7bit\" 7 1 NIL NIL NIL NIL) \"mixed\" (\"boundary\" \"foo bar\") NIL NIL NIL)");
        assertThat(ImapRender.body(m))
                .isEqualTo("((\"text\" \"x-myown\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 7 1) \"mixed\")");
    }

    @Test
    void attachedMessageWithIdsAndDescriptions() {
        ParsedMessage m = MessageParser.parse(Mail.crlf(
                "From: user@domain.org",
                "Date: Sat, 24 Mar 2017 23:00:00 +0200",
                "Mime-Version: 1.0",
                "Content-Type: multipart/mixed; boundary=\"foo bar\"",
                "",
                "--foo bar",
                "Content-Type: text/plain; charset=us-ascii",
                "Content-ID: <A.frop.example.com>",
                "Content-Description: Container message",
                "",
                "See attached...",
                "",
                "--foo bar",
                "Content-Type: message/rfc822",
                "Content-ID: <B.frop.example.com>",
                "Content-Description: Forwarded",
                "",
                "From: user@domain.org",
                "Date: Sat, 24 Mar 2017 23:00:00 +0200",
                "Mime-Version: 1.0",
                "Content-Type: text/plain; charset=us-ascii",
                "",
                "body",
                "",
                "--foo bar--"));
        String env = "(\"Sat, 24 Mar 2017 23:00:00 +0200\" NIL ((NIL NIL \"user\" \"domain.org\")) "
                + "((NIL NIL \"user\" \"domain.org\")) ((NIL NIL \"user\" \"domain.org\")) NIL NIL NIL NIL NIL)";
        assertThat(ImapRender.bodyStructure(m)).isEqualTo("((\"text\" \"plain\" (\"charset\" \"us-ascii\") "
                + "\"<A.frop.example.com>\" \"Container message\" \"7bit\" 17 1 NIL NIL NIL NIL)(\"message\" \"rfc822\" NIL "
                + "\"<B.frop.example.com>\" \"Forwarded\" \"7bit\" 133 " + env + " (\"text\" \"plain\" (\"charset\" "
                + "\"us-ascii\") NIL NIL \"7bit\" 6 1 NIL NIL NIL NIL) 6 NIL NIL NIL NIL) \"mixed\" (\"boundary\" "
                + "\"foo bar\") NIL NIL NIL)");
        assertThat(ImapRender.body(m)).isEqualTo("((\"text\" \"plain\" (\"charset\" \"us-ascii\") "
                + "\"<A.frop.example.com>\" \"Container message\" \"7bit\" 17 1)(\"message\" \"rfc822\" NIL "
                + "\"<B.frop.example.com>\" \"Forwarded\" \"7bit\" 133 " + env + " (\"text\" \"plain\" (\"charset\" "
                + "\"us-ascii\") NIL NIL \"7bit\" 6 1) 6) \"mixed\")");
    }

    @Test
    void everyExtensionFieldNestedMultipartAndInvalidEncoding() {
        ParsedMessage m = MessageParser.parse(Mail.crlf(
                "From: user@domain.org",
                "Date: Sat, 24 Mar 2007 23:00:00 +0200",
                "Mime-Version: 1.0",
                "Content-Type: multipart/mixed; boundary=\"foo",
                " bar\"",
                "",
                "Root MIME prologue",
                "",
                "--foo bar",
                "Content-Type: text/x-myown; charset=us-ascii; foo=\"quoted\\\"string\"",
                "Content-ID: <foo@example.com>",
                "Content-MD5: Q2hlY2sgSW50ZWdyaXR5IQ==",
                "Content-Disposition: inline; foo=bar",
                "Content-Description: hellodescription",
                "Content-Language: en, fi, se",
                "Content-Location: http://example.com/test.txt",
                "",
                "hello",
                "",
                "--foo bar",
                "Content-Type: message/rfc822",
                "",
                "From: sub@domain.org",
                "To: sub-to1@domain.org, sub-to2@domain.org",
                "Date: Sun, 12 Aug 2012 12:34:56 +0300",
                "Subject: submsg",
                "Content-Type: multipart/alternative; boundary=\"sub1\"",
                "",
                "Sub MIME prologue",
                "--sub1",
                "Content-Type: text/html",
                "Content-Transfer-Encoding: 8bit",
                "",
                "<p>Hello world</p>",
                "",
                "--sub1",
                "Content-Type: text/plain",
                "Content-Transfer-Encoding: ?invalid",
                "",
                "Hello another world",
                "",
                "--sub1--",
                "Sub MIME epilogue",
                "",
                "--foo bar--",
                "Root MIME epilogue"));
        assertThat(ImapRender.bodyStructure(m)).isEqualTo("((\"text\" \"x-myown\" (\"charset\" \"us-ascii\" \"foo\" "
                + "\"quoted\\\"string\") \"<foo@example.com>\" \"hellodescription\" \"7bit\" 7 1 "
                + "\"Q2hlY2sgSW50ZWdyaXR5IQ==\" (\"inline\" (\"foo\" \"bar\")) (\"en\" \"fi\" \"se\") "
                + "\"http://example.com/test.txt\")(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 412 "
                + "(\"Sun, 12 Aug 2012 12:34:56 +0300\" \"submsg\" ((NIL NIL \"sub\" \"domain.org\")) "
                + "((NIL NIL \"sub\" \"domain.org\")) ((NIL NIL \"sub\" \"domain.org\")) ((NIL NIL \"sub-to1\" "
                + "\"domain.org\")(NIL NIL \"sub-to2\" \"domain.org\")) NIL NIL NIL NIL) ((\"text\" \"html\" "
                + "(\"charset\" \"us-ascii\") NIL NIL \"8bit\" 20 1 NIL NIL NIL NIL)(\"text\" \"plain\" (\"charset\" "
                + "\"us-ascii\") NIL NIL \"7bit\" 21 1 NIL NIL NIL NIL) \"alternative\" (\"boundary\" \"sub1\") NIL NIL "
                + "NIL) 21 NIL NIL NIL NIL) \"mixed\" (\"boundary\" \"foo bar\") NIL NIL NIL)");
    }

    @Test
    void multipartWithoutAnyPartShowsOneEmptyTextPart() {
        ParsedMessage m = MessageParser.parse(Mail.crlf("Content-Type: multipart/mixed; boundary=\"foo\"", ""));
        assertThat(ImapRender.bodyStructure(m)).isEqualTo("((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL "
                + "\"7bit\" 0 0 NIL NIL NIL NIL) \"mixed\" (\"boundary\" \"foo\") NIL NIL NIL)");
        assertThat(ImapRender.body(m))
                .isEqualTo("((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0) \"mixed\")");
    }

    @Test
    void envelopeWithEveryField() {
        ParsedMessage m = MessageParser.parse(Mail.crlf(
                "Message-ID: <msg@id>",
                "In-Reply-To: <reply@to.id>",
                "Date: Thu, 15 Feb 2007 01:02:03 +0200",
                "Subject: subject header",
                "From: From Real <fromuser@fromdomain.org>",
                "To: To Real <touser@todomain.org>",
                "Cc: Cc Real <ccuser@ccdomain.org>",
                "Bcc: Bcc Real <bccuser@bccdomain.org>",
                "Sender: Sender Real <senderuser@senderdomain.org>",
                "Reply-To: ReplyTo Real <replytouser@replytodomain.org>",
                "",
                "body"));
        assertThat(ImapRender.envelope(m)).isEqualTo("(\"Thu, 15 Feb 2007 01:02:03 +0200\" \"subject header\" "
                + "((\"From Real\" NIL \"fromuser\" \"fromdomain.org\")) "
                + "((\"Sender Real\" NIL \"senderuser\" \"senderdomain.org\")) "
                + "((\"ReplyTo Real\" NIL \"replytouser\" \"replytodomain.org\")) "
                + "((\"To Real\" NIL \"touser\" \"todomain.org\")) "
                + "((\"Cc Real\" NIL \"ccuser\" \"ccdomain.org\")) "
                + "((\"Bcc Real\" NIL \"bccuser\" \"bccdomain.org\")) \"<reply@to.id>\" \"<msg@id>\")");
    }

    @Test
    void aFirstLineThatStartsWithWhiteSpaceIsNoField() {
        // enmime's testdata/low-quality/bad-header-start.raw: a continuation of no field (RFC 5322 §2.2.3), so
        // there is no From, as Dovecot answers
        ParsedMessage m = MessageParser.parse(Mail.crlf(
                " From: James Hillyerd <james@makita.skynet>",
                "Subject: plain text",
                "To: greg@inbucket",
                "",
                "body"));
        assertThat(ImapRender.envelope(m)).isEqualTo("(NIL \"plain text\" NIL NIL NIL ((NIL NIL \"greg\" \"inbucket\")) "
                + "NIL NIL NIL NIL)");
        assertThat(m.search().from()).isEmpty();
    }

    @Test
    void envelopeGroupsAndCommentNames() {
        ParsedMessage m = MessageParser.parse(Mail.crlf(
                "Date: Thu, 15 Feb 2007 01:02:03 +0200",
                "From: user@domain (Real Name)",
                "To: group: g1@d1.org, g2@d2.org;, group2: g3@d3.org;",
                "Cc: group:;, group2: (foo) ;",
                "",
                "body"));
        assertThat(ImapRender.envelope(m)).isEqualTo("(\"Thu, 15 Feb 2007 01:02:03 +0200\" NIL "
                + "((\"Real Name\" NIL \"user\" \"domain\")) ((\"Real Name\" NIL \"user\" \"domain\")) "
                + "((\"Real Name\" NIL \"user\" \"domain\")) "
                + "((NIL NIL \"group\" NIL)(NIL NIL \"g1\" \"d1.org\")(NIL NIL \"g2\" \"d2.org\")(NIL NIL NIL NIL)"
                + "(NIL NIL \"group2\" NIL)(NIL NIL \"g3\" \"d3.org\")(NIL NIL NIL NIL)) "
                + "((NIL NIL \"group\" NIL)(NIL NIL NIL NIL)(NIL NIL \"group2\" NIL)(NIL NIL NIL NIL)) NIL NIL NIL)");
    }

    @Test
    void envelopeEmptySenderFallsBackToFromAndRoutesAreKept() {
        ParsedMessage m = MessageParser.parse(Mail.crlf(
                "Date: Thu, 15 Feb 2007 01:02:03 +0200",
                "From: user@domain (Real Name)",
                "Sender: ",
                "Reply-To: ",
                "",
                "body"));
        assertThat(ImapRender.envelope(m)).isEqualTo("(\"Thu, 15 Feb 2007 01:02:03 +0200\" NIL "
                + "((\"Real Name\" NIL \"user\" \"domain\")) ((\"Real Name\" NIL \"user\" \"domain\")) "
                + "((\"Real Name\" NIL \"user\" \"domain\")) NIL NIL NIL NIL NIL)");
        ParsedMessage routed = MessageParser.parse(Mail.crlf(
                "Date: Thu, 15 Feb 2007 01:02:03 +0200", "From: <@route:user@domain>", "", "body"));
        assertThat(ImapRender.envelope(routed)).isEqualTo("(\"Thu, 15 Feb 2007 01:02:03 +0200\" NIL "
                + "((NIL \"@route\" \"user\" \"domain\")) ((NIL \"@route\" \"user\" \"domain\")) "
                + "((NIL \"@route\" \"user\" \"domain\")) NIL NIL NIL NIL NIL)");
    }
}
