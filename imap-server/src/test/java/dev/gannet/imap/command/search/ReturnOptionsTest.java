package dev.gannet.imap.command.search;

import dev.gannet.imap.codec.Fragment;
import dev.gannet.imap.codec.RawCommand;
import dev.gannet.imap.protocol.ArgReader;
import dev.gannet.imap.protocol.ImapParseException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RETURN option parsing (RFC 4731 §3.1, RFC 5182 §2.4, RFC 5267 §4.4) and the ESEARCH lines built from it. */
class ReturnOptionsTest {

    private static ReturnOptions parse(String text) {
        ArgReader r = new ArgReader(new RawCommand(List.of(new Fragment.Text(text))));
        ReturnOptions o = ReturnOptions.parse(r);
        r.end();
        return o;
    }

    @Test
    void emptyListMeansAllAndSaveAloneSendsNothing() {
        assertThat(parse(" ()").all()).isTrue();
        assertThat(parse(" ()").respond()).isTrue();
        assertThat(parse(" (SAVE)").respond()).isFalse();
        assertThat(parse(" (update)").respond()).isTrue();
        assertThat(parse(" (min CONTEXT max)")).satisfies(o -> {
            assertThat(o.min() && o.max() && !o.all() && !o.count()).isTrue();
        });
    }

    @Test
    void badListsAreRefused() {
        for (String bad : List.of(" (FOO)", " (MIN", " MIN", "(MIN)", " (PARTIAL 0:3)", " (PARTIAL 1:2 ALL)",
                " (PARTIAL 1)", " (PARTIAL -1:-2)", " (PARTIAL 1:4294967296)", " (MIN  MAX)")) {
            assertThatThrownBy(() -> parse(bad)).as(bad).isInstanceOf(ImapParseException.class);
        }
    }

    @Test
    void saveKeepsWhatRfc5182Says() {
        long[] m = {2, 5, 9, 11};
        assertThat(parse(" (SAVE)").saved(m)).containsExactly(2, 5, 9, 11);
        assertThat(parse(" (SAVE MIN)").saved(m)).containsExactly(2);
        assertThat(parse(" (SAVE MAX)").saved(m)).containsExactly(11);
        assertThat(parse(" (SAVE MIN MAX)").saved(m)).containsExactly(2, 11);
        assertThat(parse(" (SAVE MIN COUNT)").saved(m)).containsExactly(2, 5, 9, 11);
        assertThat(parse(" (SAVE PARTIAL 3:2)").saved(m)).containsExactly(5, 9);
        assertThat(parse(" (SAVE MIN MAX)").saved(new long[] {4})).containsExactly(4);
        assertThat(parse(" (SAVE MIN)").saved(new long[0])).isEmpty();
    }

    @Test
    void esearchLinesFollowDovecotsOrder() {
        long[] m = {1, 2, 3, 7};
        assertThat(EsearchWriter.result("t", true, parse(" (COUNT ALL MAX MIN)"), m, 0))
                .isEqualTo("ESEARCH (TAG \"t\") UID MIN 1 MAX 7 ALL 1:3,7 COUNT 4");
        assertThat(EsearchWriter.result("t", false, parse(" (PARTIAL 2:3 COUNT MIN)"), m, 9))
                .isEqualTo("ESEARCH (TAG \"t\") MIN 1 PARTIAL (2:3 2:3) COUNT 4 MODSEQ 9");
        assertThat(EsearchWriter.result("t", false, parse(" (MIN MAX ALL COUNT)"), new long[0], 0))
                .isEqualTo("ESEARCH (TAG \"t\") COUNT 0");
        assertThat(EsearchWriter.result("t", false, parse(" (PARTIAL 5:6)"), m, 0))
                .isEqualTo("ESEARCH (TAG \"t\") PARTIAL (5:6 NIL)");
        assertThat(EsearchWriter.update("t", true, true, java.util.List.of(new EsearchWriter.Run(0, new long[] {4, 5, 9}))))
                .isEqualTo("ESEARCH (TAG \"t\") UID ADDTO (0 4:5,9)");
        // a sorted context's pairs, in the order the client applies them (RFC 5267 §4.3.3)
        assertThat(EsearchWriter.update("t", false, false, java.util.List.of(new EsearchWriter.Run(1, new long[] {7, 3}),
                new EsearchWriter.Run(4, new long[] {5, 6}))))
                .isEqualTo("ESEARCH (TAG \"t\") REMOVEFROM (1 7,3 4 5:6)");
    }

    @Test
    void modseqCoversTheReturnedMessages() {
        long[] m = {2, 5, 9};
        assertThat(parse(" (MIN)").returned(m)).containsExactly(2);
        assertThat(parse(" (MIN MAX)").returned(m)).containsExactly(2, 9);
        assertThat(parse(" (COUNT MIN)").returned(m)).containsExactly(2, 5, 9);
        assertThat(parse(" (PARTIAL 2:2)").returned(m)).containsExactly(5);
        assertThat(parse(" (ALL)").returned(m)).containsExactly(2, 5, 9);
    }
}
