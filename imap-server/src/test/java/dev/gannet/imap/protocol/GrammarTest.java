package dev.gannet.imap.protocol;

import dev.gannet.imap.codec.Fragment;
import dev.gannet.imap.codec.RawCommand;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sequence sets, modified UTF-7 and the argument reader (RFC 3501 §9, §5.1.3). */
class GrammarTest {

    @Test
    void sequenceSetResolvesStarAndReversedRanges() {
        SequenceSet s = SequenceSet.parse("1,3:5,9:7,*,10:*");
        assertThat(s.resolve(12)).containsExactly(new long[] {1, 1}, new long[] {3, 5}, new long[] {7, 9},
                new long[] {12, 12}, new long[] {10, 12});
        assertThat(s.usesStar()).isTrue();
        assertThat(SequenceSet.parse("*").resolve(0)).isEmpty();
        assertThat(s.toString()).isEqualTo("1,3:5,9:7,*,10:*");
        for (String bad : List.of("", "0", "1,", ":1", "1:", "a", "01", "4294967296", "1::2")) {
            assertThatThrownBy(() -> SequenceSet.parse(bad)).as(bad).isInstanceOf(ImapParseException.class);
        }
    }

    @Test
    void modifiedUtf7RoundTripsAndRejectsNonCanonicalForms() {
        for (String name : List.of("INBOX", "Entwürfe", "日本語/メール", "a&b", "~peter/mail/台北/日本語", "😀")) {
            assertThat(ModifiedUtf7.decode(ModifiedUtf7.encode(name))).isEqualTo(name);
        }
        assertThat(ModifiedUtf7.encode("~peter/mail/台北/日本語")).isEqualTo("~peter/mail/&U,BTFw-/&ZeVnLIqe-");
        assertThat(ModifiedUtf7.encode("a&b")).isEqualTo("a&-b");
        for (String bad : List.of("&", "&Jjo", "&AGE-", "&U,BTFw", "é")) {
            assertThatThrownBy(() -> ModifiedUtf7.decode(bad)).as(bad).isInstanceOf(ImapParseException.class);
        }
    }

    @Test
    void argReaderReadsStringsLiteralsAndLists() {
        RawCommand raw = new RawCommand(List.of(new Fragment.Text("a1 X \"q \\\"x\\\\\" atom (\\Seen $Junk) "),
                new Fragment.Bytes("lit".getBytes(StandardCharsets.UTF_8)), new Fragment.Text(" NIL 1:*,4")));
        ArgReader r = new ArgReader(raw);
        assertThat(r.tag()).isEqualTo("a1");
        r.sp();
        assertThat(r.atom()).isEqualTo("X");
        r.sp();
        assertThat(r.astring()).isEqualTo("q \"x\\");
        r.sp();
        assertThat(r.astring()).isEqualTo("atom");
        r.sp();
        assertThat(r.flagList()).containsExactly("\\Seen", "$Junk");
        r.sp();
        assertThat(r.peek()).isEqualTo('{');
        assertThat(r.string()).isEqualTo("lit");
        r.sp();
        assertThat(r.nstring()).isNull();
        r.sp();
        assertThat(r.sequenceSet().toString()).isEqualTo("1:*,4");
        r.end();
    }
}
