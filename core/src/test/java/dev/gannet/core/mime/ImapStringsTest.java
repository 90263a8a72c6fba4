package dev.gannet.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** IMAP string syntax choices (RFC 3501 §4.3), as Dovecot makes them. */
class ImapStringsTest {

    private static String nstring(String value) {
        StringBuilder sb = new StringBuilder();
        ImapStrings.nstring(sb, value);
        return sb.toString();
    }

    @Test
    void quotedLiteralOrNil() {
        assertThat(nstring(null)).isEqualTo("NIL");
        assertThat(nstring("")).isEqualTo("\"\"");
        assertThat(nstring("plain")).isEqualTo("\"plain\"");
        assertThat(nstring("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(nstring("\"\"\"\"")).isEqualTo("\"\\\"\\\"\\\"\\\"\"");
        assertThat(nstring("\"\"\"\"\"")).isEqualTo("{5}\r\n\"\"\"\"\"");
        assertThat(nstring("é")).isEqualTo("{2}\r\né");
        assertThat(nstring("folded\r\n value")).isEqualTo("\"folded value\"");
    }

    @Test
    void parameterLists() {
        StringBuilder sb = new StringBuilder();
        ImapStrings.params(sb, List.of(), false);
        assertThat(sb).hasToString("NIL");
        sb.setLength(0);
        ImapStrings.params(sb, List.of(), true);
        assertThat(sb).hasToString("(\"charset\" \"us-ascii\")");
        sb.setLength(0);
        ImapStrings.params(sb, List.of(new MimeParam("format", "flowed")), true);
        assertThat(sb).hasToString("(\"format\" \"flowed\" \"charset\" \"us-ascii\")");
        sb.setLength(0);
        ImapStrings.params(sb, List.of(new MimeParam("CHARSET", "UTF-8")), true);
        assertThat(sb).hasToString("(\"CHARSET\" \"UTF-8\")");
    }
}
