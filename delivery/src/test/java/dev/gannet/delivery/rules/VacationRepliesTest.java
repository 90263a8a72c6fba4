package dev.gannet.delivery.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gannet.core.store.MessageSource;
import dev.gannet.delivery.sieve.Action;
import dev.gannet.delivery.sieve.MessageContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reply's fields (RFC 3834 §3, RFC 5230 §5) and when no reply is due (RFC 5230 §4.5). */
class VacationRepliesTest {

    private static final Action.Vacation AWAY = new Action.Vacation("Back on Monday.", false, null, null, List.of(),
            Duration.ofDays(7), "h");

    private static MessageContext ctx(String sender, String headers) {
        byte[] b = (headers + "Subject: Lunch?\r\nMessage-ID: <m1@example.org>\r\nReferences: <m0@example.org>\r\n\r\nhi\r\n")
                .getBytes(StandardCharsets.UTF_8);
        return MessageContext.of(MessageSource.of(b), new MessageContext.Envelope(sender, "bob@gannet.test"), n -> true, 1000);
    }

    private static String refusal(String sender, String headers) {
        return VacationReplies.refusal(AWAY, ctx(sender, headers), sender, "bob@gannet.test", List.of("bob@gannet.test", "b@alias.test"));
    }

    @Test
    void replyCarriesTheAutoReplyFields() {
        VacationReplies v = new VacationReplies(null, "mx.gannet.test", Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC));
        String reply = new String(v.build(AWAY, ctx("alice@example.org", "To: bob@gannet.test\r\n"), "alice@example.org",
                "bob@gannet.test"), StandardCharsets.UTF_8);
        assertThat(reply).contains("From: bob@gannet.test\r\n", "To: <alice@example.org>\r\n", "Subject: Auto: Lunch?\r\n",
                "In-Reply-To: <m1@example.org>\r\n", "References: <m0@example.org> <m1@example.org>\r\n",
                "Auto-Submitted: auto-replied\r\n", "Date: Mon, 7 Dec 2026 10:00:00 GMT\r\n")
                .containsPattern("Message-ID: <[0-9a-f-]+@mx.gannet.test>\r\n")
                .endsWith("\r\n\r\nBack on Monday.\r\n");
        Action.Vacation custom = new Action.Vacation("Zurück am Montag.", false, "Abwesend", "Bob <bob@gannet.test>", List.of(),
                Duration.ofDays(1), "h");
        String other = new String(v.build(custom, ctx("alice@example.org", ""), "alice@example.org", "bob@gannet.test"),
                StandardCharsets.UTF_8);
        assertThat(other).contains("From: Bob <bob@gannet.test>\r\n", "Subject: Abwesend\r\n",
                "Content-Transfer-Encoding: base64");
    }

    @Test
    void noReplyToAutomaticListOrBulkMailNorToOneself() {
        assertThat(refusal("alice@example.org", "To: bob@gannet.test\r\n")).isNull();
        assertThat(refusal("alice@example.org", "Cc: Bob <B@ALIAS.test>\r\n")).isNull();
        assertThat(refusal("alice@example.org", "To: bob+tag@gannet.test\r\n")).isNull();
        assertThat(refusal("", "To: bob@gannet.test\r\n")).contains("null");
        assertThat(refusal("MAILER-DAEMON@example.org", "To: bob@gannet.test\r\n")).contains("system");
        assertThat(refusal("owner-list@example.org", "To: bob@gannet.test\r\n")).contains("system");
        assertThat(refusal("list-request@example.org", "To: bob@gannet.test\r\n")).contains("system");
        assertThat(refusal("alice@example.org", "To: bob@gannet.test\r\nAuto-Submitted: auto-replied\r\n")).contains("automatic");
        assertThat(refusal("alice@example.org", "To: bob@gannet.test\r\nAuto-Submitted: no\r\n")).isNull();
        assertThat(refusal("alice@example.org", "To: bob@gannet.test\r\nPrecedence: bulk\r\n")).contains("bulk");
        assertThat(refusal("alice@example.org", "To: bob@gannet.test\r\nPrecedence: junk\r\n")).contains("bulk");
        assertThat(refusal("alice@example.org", "To: bob@gannet.test\r\nList-Id: <l.example.org>\r\n")).contains("list");
        assertThat(refusal("alice@example.org", "To: somebody@example.org\r\n")).contains("none of the user's addresses");
        assertThat(refusal("b@alias.test", "To: bob@gannet.test\r\n")).contains("the user");
        // :addresses widens who the user is
        Action.Vacation withAddresses = new Action.Vacation("x", false, null, null, List.of("team@example.org"), Duration.ofDays(1), "h");
        assertThat(VacationReplies.refusal(withAddresses, ctx("alice@example.org", "To: team@example.org\r\n"), "alice@example.org",
                "bob@gannet.test", List.of())).isNull();
    }
}
