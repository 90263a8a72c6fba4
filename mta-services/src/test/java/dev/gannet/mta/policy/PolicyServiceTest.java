package dev.gannet.mta.policy;

import dev.gannet.core.config.Settings;
import dev.gannet.core.store.EmailAddress;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The policy service at RCPT, its other states, errors and limits, over a real socket against a running node. */
class PolicyServiceTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("policy")
            .set(Settings.POLICY_MAX_LINE_LENGTH, 300)
            .set(Settings.POLICY_MAX_ATTRIBUTES, 30).build();

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static PolicyClient connect() throws Exception {
        return new PolicyClient(gannet.port("policy"));
    }

    @Test
    void aRecipientWithRoomIsDunnoAndSeveralRequestsShareAConnection() throws Exception {
        TestUser u = gannet.createUser();
        try (PolicyClient c = connect()) {
            for (int i = 0; i < 5; i++) {
                assertThat(c.rcpt(u.address().toString(), 1000)).isEqualTo("action=DUNNO");
            }
            assertThat(c.rcpt("nobody@nowhere.test", 0)).as("unknown: the socketmap refuses it").isEqualTo("action=DUNNO");
            assertThat(c.rcpt("<>", 0)).isEqualTo("action=DUNNO");
            assertThat(c.rcpt("", 0)).isEqualTo("action=DUNNO");
        }
    }

    @Test
    void aDisabledUserIsRefusedAtRcptThroughSubAddressesToo() throws Exception {
        TestUser u = gannet.createUser();
        gannet.store().users().setDisabled(u.id(), true).block(WAIT);
        String tagged = u.address().localPart() + "+tag@" + u.address().domain();
        try (PolicyClient c = connect()) {
            assertThat(c.rcpt(u.address().toString(), 0)).isEqualTo("action=550 5.2.1 Mailbox disabled");
            assertThat(c.rcpt(tagged, 0)).isEqualTo("action=550 5.2.1 Mailbox disabled");
            gannet.store().users().setDisabled(u.id(), false).block(WAIT);
            assertThat(c.rcpt(u.address().toString(), 0)).as("the change is seen at once").isEqualTo("action=DUNNO");
        }
    }

    @Test
    void aFullMailboxIsRefusedCountingTheDeclaredSize() throws Exception {
        TestUser u = gannet.createUser("full" + System.nanoTime(), 1000);
        TestUser catchAll = gannet.createUser("catch" + System.nanoTime(), 10);
        String domain = "full" + System.nanoTime() + ".test";
        gannet.store().addresses().add(catchAll.id(), EmailAddress.wildcard(domain), false).block(WAIT);
        try (PolicyClient c = connect()) {
            assertThat(c.rcpt(u.address().toString(), 500)).isEqualTo("action=DUNNO");
            assertThat(c.rcpt(u.address().toString(), 1001)).isEqualTo("action=552 5.2.2 Mailbox full");
            gannet.append(u, gannet.mailbox(u, "INBOX").id(), ("Subject: x\r\n\r\n" + "y".repeat(900) + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(c.rcpt(u.address().toString(), 0)).as("what is stored counts").isEqualTo("action=DUNNO");
            assertThat(c.rcpt(u.address().toString(), 100)).as("full now").isEqualTo("action=552 5.2.2 Mailbox full");
            assertThat(c.rcpt("anyone@" + domain, 11)).as("through the catch-all").isEqualTo("action=552 5.2.2 Mailbox full");
        }
    }

    @Test
    void overQuotaIsTemporaryWhenLmtpSaysSo() throws Exception {
        try (GannetExtension node = GannetExtension.builder().roles("policy")
                .set(Settings.LMTP_OVER_QUOTA_TEMPORARY, true).build()) {
            node.start();
            TestUser u = node.createUser("tmp" + System.nanoTime(), 100);
            try (PolicyClient c = new PolicyClient(node.port("policy"))) {
                assertThat(c.rcpt(u.address().toString(), 101)).isEqualTo("action=452 4.2.2 Mailbox full");
            }
        }
    }

    @Test
    void otherStatesAndRequestsAreDunno() throws Exception {
        TestUser u = gannet.createUser();
        gannet.store().users().setDisabled(u.id(), true).block(WAIT);
        try (PolicyClient c = connect()) {
            assertThat(c.request("request=smtpd_access_policy", "protocol_state=MAIL", "recipient=" + u.address()))
                    .isEqualTo("action=DUNNO");
            assertThat(c.request("request=smtpd_access_policy", "protocol_state=DATA", "recipient=" + u.address()))
                    .isEqualTo("action=DUNNO");
            assertThat(c.request("protocol_state=rcpt", "recipient=" + u.address()))
                    .isEqualTo("action=550 5.2.1 Mailbox disabled");
            assertThat(c.request("unrelated=1")).isEqualTo("action=DUNNO");
        }
    }

    @Test
    void anOverLongLineIsRefusedTemporarilyAndClosesTheConnection() throws Exception {
        try (PolicyClient c = connect()) {
            c.sendRaw(("request=smtpd_access_policy\nrecipient=" + "x".repeat(400)).getBytes(StandardCharsets.US_ASCII));
            assertThat(c.reply()).isEqualTo("action=DEFER_IF_PERMIT Malformed policy request: attribute line longer than 300 bytes");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void tooManyAttributesOrALineWithoutEqualsIsRefusedAndClosesTheConnection() throws Exception {
        try (PolicyClient c = connect()) {
            String[] many = new String[31];
            for (int i = 0; i < many.length; i++) {
                many[i] = "a" + i + "=1";
            }
            assertThat(c.request(many)).isEqualTo("action=DEFER_IF_PERMIT Malformed policy request: more than 30 attributes");
            assertThat(c.closedByServer()).isTrue();
        }
        try (PolicyClient c = connect()) {
            assertThat(c.request("protocol_state=RCPT", "garbage")).isEqualTo(
                    "action=DEFER_IF_PERMIT Malformed policy request: attribute line without name=value");
            assertThat(c.closedByServer()).isTrue();
        }
    }
}
