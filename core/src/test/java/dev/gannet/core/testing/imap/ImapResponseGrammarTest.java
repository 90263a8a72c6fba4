package dev.gannet.core.testing.imap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The strict response grammar accepts what Dovecot 2.3 and Gannet send and rejects the invalid responses issue
 * #14 saw (ENVELOPE NIL, BODY NIL, a FETCH without attributes, a negative count) and the classic framing
 * mistakes (unbalanced parentheses, a literal whose bytes do not follow, 8-bit bytes outside literals, bare LF).
 */
class ImapResponseGrammarTest {

    static Stream<Arguments> dovecot() {
        return Arrays.stream(DovecotCaptures.RESPONSES).map(r -> Arguments.of(r[0], r[1]));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("dovecot")
    void acceptsEveryResponseDovecotSent(String command, String response) throws Exception {
        assertThat(ImapResponseGrammar.parse(bytes(response))).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "* OK [CAPABILITY IMAP4rev1 LITERAL+ SASL-IR ID ENABLE STARTTLS AUTH=PLAIN AUTH=LOGIN] Gannet ready.\r\n",
        "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n",
        "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] Limited\r\n",
        "* OK [PERMANENTFLAGS ()] Read-only\r\n",
        "* 0 EXISTS\r\n",
        "* 0 RECENT\r\n",
        "* OK [UIDVALIDITY 1733540000] UIDs valid\r\n",
        "* OK [HIGHESTMODSEQ 17] Highest\r\n",
        "a3 OK [READ-WRITE] SELECT completed\r\n",
        "* 3 FETCH (UID 7 FLAGS (\\Seen $Work) MODSEQ (12))\r\n",
        "* 1 FETCH (FLAGS ())\r\n",
        "* 2 FETCH (UID 2 RFC822.SIZE 12 BODY[] {12}\r\nSubject: x\r\n)\r\n",
        "* 2 FETCH (BODY[]<100> \"\" UID 2)\r\n",
        "* 2 FETCH (BODY[HEADER.FIELDS (Subject \"From\")] {2}\r\n\r\n)\r\n",
        "* 2 FETCH (BODY[1.2.TEXT] NIL BODY[1.MIME] {0}\r\n)\r\n",
        "* 2 FETCH (RFC822 {1}\r\nx RFC822.HEADER \"\" RFC822.TEXT NIL)\r\n",
        "* 1 FETCH (INTERNALDATE \" 7-Feb-1994 21:52:25 -0800\")\r\n",
        "* 1 FETCH (ENVELOPE (NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL))\r\n",
        "* 1 FETCH (BODY (\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 0 0))\r\n",
        "* 1 FETCH (BODYSTRUCTURE ((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"base64\" 4 1 NIL (\"inline\" NIL) "
                + "(\"en\" \"de\") \"loc\" 7 (1 \"x\" (NIL))) \"mixed\" (\"boundary\" \"b\") NIL NIL NIL))\r\n",
        "* 9 EXPUNGE\r\n",
        "* SEARCH\r\n",
        "* SEARCH 1 4 9 (MODSEQ 44)\r\n",
        "* STATUS INBOX (MESSAGES 0 UNSEEN 0 SIZE 0 UIDNEXT 1 UIDVALIDITY 9 HIGHESTMODSEQ 0 APPENDLIMIT NIL)\r\n",
        "* STATUS \"Work/A B\" ()\r\n",
        "* LIST (\\HasNoChildren \\Sent) \"/\" Sent\r\n",
        "* LIST (\\Noselect) \"/\" \"\"\r\n",
        "* LIST () NIL {5}\r\nWork/\r\n",
        "* QUOTAROOT INBOX \"\"\r\n",
        "* QUOTA \"\" (STORAGE 0 1048576)\r\n",
        "* NAMESPACE ((\"\" \"/\")) NIL ((\"#shared/\" \"/\" \"X-PARAM\" (\"a\" \"b\")))\r\n",
        "* ID NIL\r\n",
        "* ENABLED\r\n",
        "* OK [COPYUID 38505 304,319:320 3956:3958] Moved\r\n",
        "a1 OK [APPENDUID 38505 3955] APPEND completed\r\n",
        "a1 OK [MODIFIED 7,9] Conditional STORE failed\r\n",
        "a1 NO [TRYCREATE] No such mailbox\r\n",
        "a1 NO [OVERQUOTA] Over quota\r\n",
        "a1 NO [X-GANNET-THING some words] Unknown codes take the generic form\r\n",
        "* BYE Autologout; idle for too long\r\n",
        "+ Ready for literal data\r\n",
        "+ \r\n",
    })
    void acceptsValidResponses(String response) throws Exception {
        assertThat(ImapResponseGrammar.parse(bytes(response))).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "* 1 FETCH (ENVELOPE NIL)\r\n",
        "* 1 FETCH (BODY NIL)\r\n",
        "* 1 FETCH (BODYSTRUCTURE NIL)\r\n",
        "* 1 FETCH ()\r\n",
        "* 1 FETCH\r\n",
        "* 1 FETCH (UID 1\r\n",
        "* 1 FETCH (UID 1))\r\n",
        "* 1 FETCH (FLAGS (\\Seen)\r\n",
        "* 1 FETCH (BODY[] {10}\r\nshort)\r\n",
        "* 1 FETCH (BODY[] {3}\r\n)\r\n",
        "* 1 FETCH (BODY[] \"caf\u00e9\")\r\n",
        "* 1 FETCH (UID 1)\n",
        "* 1 FETCH (UID 1)",
        "* 1 FETCH (UID 1)\r\n* 2 FETCH (UID 2)\r\n",
        "* 1 FETCH (UID 0)\r\n",
        "* 1 FETCH (UID -1)\r\n",
        "* 1 FETCH (FLAGS (\\*))\r\n",
        "* 1 FETCH (MODSEQ 5)\r\n",
        "* 1 FETCH (BODY[TEXT.MIME] NIL)\r\n",
        "* 1 FETCH (BODY[0] NIL)\r\n",
        "* 1 FETCH (INTERNALDATE \"7-Feb-1994 21:52:25 -0800\")\r\n",
        "* 1 FETCH (ENVELOPE (NIL NIL () NIL NIL NIL NIL NIL NIL NIL))\r\n",
        "* 1 FETCH (ENVELOPE (NIL NIL NIL NIL NIL NIL NIL NIL NIL))\r\n",
        "* 1 FETCH (BODY ((\"text\" \"plain\" NIL NIL NIL \"7bit\" 1 1) (\"text\" \"plain\" NIL NIL NIL \"7bit\" 1 1) \"mixed\"))\r\n",
        "* 1 FETCH (BODY (\"text\" \"plain\" NIL NIL NIL \"7bit\" 1))\r\n",
        "* 1 FETCH (BODY (\"text\" \"plain\" NIL NIL NIL \"7bit\" 1 1 NIL))\r\n",
        "* 1 FETCH (BODY (\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 1 1))\r\n",
        "* 1 FETCH (BODY (\"text\" \"plain\" () NIL NIL \"7bit\" 1 1))\r\n",
        "* 0 EXPUNGE\r\n",
        "* -4 EXISTS\r\n",
        "* STATUS INBOX (MESSAGES -4)\r\n",
        "* STATUS INBOX (MESSAGES 1 MESSAGES 1)\r\n",
        "* STATUS INBOX (BOGUS 1)\r\n",
        "* QUOTA \"\" ()\r\n",
        "* QUOTA \"\" (STORAGE -802 1048576)\r\n",
        "* LIST (\\HasChildren \\HasNoChildren) \"/\" Work\r\n",
        "* LIST (\\Noselect \\Marked) \"/\" Work\r\n",
        "* LIST () \"//\" Work\r\n",
        "* FLAGS (\\Seen \\Recent)\r\n",
        "* SEARCH 0\r\n",
        "* CAPABILITY IDLE\r\n",
        "* OK [UIDNEXT 0] x\r\n",
        "* OK [UIDVALIDITY abc] x\r\n",
        "* OK [COPYUID 1 1:* 2] x\r\n",
        "* OK [APPENDUID 1 ,] x\r\n",
        "* OK [READ-WRITE]\r\n",
        "* OK [READ-WRITE x] y\r\n",
        "* OK caf\u00e9\r\n",
        "* VANISHED 1:3\r\n",
        "a1 BYE bye\r\n",
        "a1 OK\r\n",
        "+a\r\n",
        "* 1 FETCH (UID 1 FLAGS (\\Seen)) \r\n",
    })
    void rejectsInvalidResponses(String response) {
        assertThatThrownBy(() -> ImapResponseGrammar.parse(bytes(response))).isInstanceOf(ImapGrammarException.class);
    }

    @Test
    void utf8QuotedStringsOnlyAfterEnable() throws Exception {
        byte[] r = "* LIST () \"/\" \"Gr\u00fc\u00dfe\"\r\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ImapResponseGrammar.parse(r)).isInstanceOf(ImapGrammarException.class);
        assertThat(((ImapResponse.ListEntry) ImapResponseGrammar.parse(r, true)).mailbox()).isEqualTo("Gr\u00fc\u00dfe");
    }

    @Test
    void fetchItemsCarryTheirValues() throws Exception {
        var f = (ImapResponse.Fetch) ImapResponseGrammar.parse(
                bytes("* 4 FETCH (UID 9 MODSEQ (3) FLAGS (\\Recent x) RFC822.SIZE 3 BODY[]<1> {3}\r\nabc BODY[2] NIL)\r\n"));
        assertThat(f.seq()).isEqualTo(4);
        assertThat(f.items().uid()).isEqualTo(9);
        assertThat(f.items().modseq()).isEqualTo(3);
        assertThat(f.items().flags()).containsExactly("\\Recent", "x");
        assertThat(f.items().sections().get("BODY[]<1>")).isEqualTo(bytes("abc"));
        assertThat(f.items().sections()).containsEntry("BODY[2]", null);
        var t = (ImapResponse.Tagged) ImapResponseGrammar.parse(bytes("x1 OK [COPYUID 5 3,1:2 7:9] done\r\n"));
        assertThat(t.code().name()).isEqualTo("COPYUID");
        assertThat(ImapResponseGrammar.uids(t.code().args().split(" ")[2])).containsExactly(7L, 8L, 9L);
    }

    @Test
    void readerFramesLiteralsAndReportsATruncatedOne() throws Exception {
        byte[] stream = bytes("* 1 FETCH (BODY[] {5}\r\nab\r\nc)\r\na1 OK done\r\n* 2 FETCH (BODY[] {9}\r\nabc");
        ImapResponseReader reader = new ImapResponseReader(new ByteArrayInputStream(stream), 1 << 20);
        assertThat(ImapResponseGrammar.parse(reader.next())).isInstanceOf(ImapResponse.Fetch.class);
        assertThat(ImapResponseGrammar.parse(reader.next())).isInstanceOf(ImapResponse.Tagged.class);
        assertThatThrownBy(reader::next).isInstanceOf(ImapResponseReader.Incomplete.class)
                .hasMessageContaining("inside a literal of 9 bytes");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
