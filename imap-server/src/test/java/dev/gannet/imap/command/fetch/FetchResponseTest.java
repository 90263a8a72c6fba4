package dev.gannet.imap.command.fetch;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link FetchResponse}: items in the order given, in their RFC 3501 §9 form, and nothing invalid. */
class FetchResponseTest {

    @Test
    void itemsInOrder() {
        assertThat(new FetchResponse(3).uid(7).flags("\\Seen \\Recent").modseq(12).line())
                .isEqualTo("* 3 FETCH (UID 7 FLAGS (\\Seen \\Recent) MODSEQ (12))");
        assertThat(new FetchResponse(1).size(10).internalDate(Instant.parse("2026-01-02T03:04:05Z")).body("(\"text\")").line())
                .isEqualTo("* 1 FETCH (RFC822.SIZE 10 INTERNALDATE \" 2-Jan-2026 03:04:05 +0000\" BODY (\"text\"))");
    }

    @Test
    void literalsAreHandedOutInPieces() {
        FetchResponse r = new FetchResponse(2).uid(5);
        assertThat(r.literal("BODY[]", 4)).isEqualTo("* 2 FETCH (UID 5 BODY[] {4}\r\n");
        assertThat(r.literal("BODY[1]", 0)).isEqualTo(" BODY[1] {0}\r\n");
        assertThat(r.flags("").end()).isEqualTo(" FLAGS ())\r\n");
    }

    @Test
    void refusesWhatTheGrammarHasNoPlaceFor() {
        assertThatThrownBy(() -> new FetchResponse(1).envelope(null)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new FetchResponse(1).bodyStructure("NIL")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new FetchResponse(1).line()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new FetchResponse(0)).isInstanceOf(IllegalArgumentException.class);
        FetchResponse ended = new FetchResponse(1).uid(1);
        ended.line();
        assertThatThrownBy(() -> ended.uid(2)).isInstanceOf(IllegalStateException.class);
    }
}
