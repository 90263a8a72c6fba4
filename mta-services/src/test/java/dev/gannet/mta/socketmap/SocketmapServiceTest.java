package dev.gannet.mta.socketmap;

import dev.gannet.core.config.Settings;
import dev.gannet.core.store.EmailAddress;
import dev.gannet.core.store.ForwardedAddress;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every socketmap map, its errors and limits, over a real socket against a node on the embedded store. */
class SocketmapServiceTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("socketmap")
            .set(Settings.SOCKETMAP_MAX_REQUEST_LENGTH, 200).build();

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static SocketmapClient connect() throws Exception {
        return new SocketmapClient(gannet.port("socketmap"));
    }

    /** A domain of its own for each test, so no test sees another's addresses. */
    private static String domain(String name) {
        return name + System.nanoTime() + ".test";
    }

    private static TestUser user(String local, String domain) {
        TestUser u = gannet.createUser();
        gannet.store().addresses().add(u.id(), EmailAddress.parse(local + "@" + domain), false).block(WAIT);
        return u;
    }

    private static ForwardedAddress forwarded(String address, boolean disabled, String... targets) {
        ForwardedAddress a = new ForwardedAddress(ForwardedAddress.newId(), EmailAddress.parse(address), "",
                List.of(targets), 0, null, null, disabled, Instant.now());
        return gannet.store().forwarding().create(a).block(WAIT);
    }

    @Test
    void domainsAreTheDomainsOfStoredAddresses() throws Exception {
        String d = domain("hosted");
        String fwd = domain("fwd");
        String wild = domain("wild");
        user("alice", d);
        forwarded("list@" + fwd, false, "x@elsewhere.test");
        gannet.store().addresses().add(gannet.createUser().id(), EmailAddress.wildcard(wild), false).block(WAIT);
        try (SocketmapClient c = connect()) {
            assertThat(c.lookup("domains", d)).isEqualTo("OK " + d);
            assertThat(c.lookup("domains", d.toUpperCase())).isEqualTo("OK " + d);
            assertThat(c.lookup("domains", fwd)).isEqualTo("OK " + fwd);
            assertThat(c.lookup("domains", wild)).isEqualTo("OK " + wild);
            assertThat(c.lookup("domains", "nowhere.test")).isEqualTo("NOTFOUND ");
            assertThat(c.lookup("domains", "alice@" + d)).isEqualTo("NOTFOUND ");
            assertThat(c.lookup("domains", "bad domain!")).isEqualTo("NOTFOUND ");
            assertThat(c.lookup("domains", "gannet.test")).isEqualTo("OK gannet.test");
        }
    }

    @Test
    void mailboxesResolveSubAddressesAndCatchAllsLikeLmtp() throws Exception {
        String d = domain("mb");
        TestUser alice = user("alice", d);
        TestUser catchAll = gannet.createUser();
        gannet.store().addresses().add(catchAll.id(), EmailAddress.wildcard(d), false).block(WAIT);
        forwarded("fwd@" + d, false, "x@elsewhere.test");
        try (SocketmapClient c = connect()) {
            assertThat(c.lookup("mailboxes", alice.address().toString())).isEqualTo("OK " + alice.address());
            assertThat(c.lookup("mailboxes", "alice@" + d)).as("an extra address answers the main one")
                    .isEqualTo("OK " + alice.address());
            assertThat(c.lookup("mailboxes", "Alice+news@" + d.toUpperCase())).isEqualTo("OK " + alice.address());
            assertThat(c.lookup("mailboxes", "anyone@" + d)).as("the catch-all").isEqualTo("OK " + catchAll.address());
            assertThat(c.lookup("mailboxes", "fwd@" + d)).as("forwarded: an alias, not a mailbox").isEqualTo("NOTFOUND ");
            assertThat(c.lookup("mailboxes", "nobody@nowhere.test")).isEqualTo("NOTFOUND ");
            assertThat(c.lookup("mailboxes", "@" + d)).isEqualTo("NOTFOUND ");
            assertThat(c.lookup("mailboxes", "not an address")).isEqualTo("NOTFOUND ");
        }
    }

    @Test
    void aliasesAnswerTheTargetsOfForwardedAddresses() throws Exception {
        String d = domain("al");
        TestUser alice = user("alice", d);
        forwarded("team@" + d, false, "a@one.test", alice.address().toString());
        forwarded("off@" + d, true, "a@one.test");
        forwarded("*@" + d, false, "catch@one.test");
        try (SocketmapClient c = connect()) {
            assertThat(c.lookup("aliases", "team@" + d)).isEqualTo("OK a@one.test," + alice.address());
            assertThat(c.lookup("aliases", "team+x@" + d)).isEqualTo("OK a@one.test," + alice.address());
            assertThat(c.lookup("aliases", "off@" + d)).as("forwarding disabled").isEqualTo("NOTFOUND ");
            assertThat(c.lookup("aliases", "alice@" + d)).as("a user's own address").isEqualTo("NOTFOUND ");
            assertThat(c.lookup("aliases", "stranger@" + d)).as("the forwarded catch-all").isEqualTo("OK catch@one.test");
        }
    }

    @Test
    void sendersAnswerTheLoginAllowedToSendAsAnAddress() throws Exception {
        String d = domain("snd");
        TestUser alice = user("alice", d);
        forwarded("list@" + d, false, "x@elsewhere.test");
        try (SocketmapClient c = connect()) {
            assertThat(c.lookup("senders", "alice@" + d)).isEqualTo("OK " + alice.username());
            assertThat(c.lookup("senders", "alice+tag@" + d)).isEqualTo("OK " + alice.username());
            assertThat(c.lookup("senders", alice.address().toString())).isEqualTo("OK " + alice.username());
            assertThat(c.lookup("senders", "list@" + d)).isEqualTo("NOTFOUND ");
            assertThat(c.lookup("senders", "bob@" + d)).isEqualTo("NOTFOUND ");
        }
    }

    @Test
    void aChangeIsSeenByTheNextLookupOnTheSameConnection() throws Exception {
        String d = domain("chg");
        try (SocketmapClient c = connect()) {
            assertThat(c.lookup("domains", d)).isEqualTo("NOTFOUND ");
            assertThat(c.lookup("mailboxes", "bob@" + d)).isEqualTo("NOTFOUND ");
            TestUser bob = user("bob", d);
            assertThat(c.lookup("domains", d)).isEqualTo("OK " + d);
            assertThat(c.lookup("mailboxes", "bob@" + d)).isEqualTo("OK " + bob.address());
            gannet.store().addresses().remove(EmailAddress.parse("bob@" + d)).block(WAIT);
            assertThat(c.lookup("mailboxes", "bob@" + d)).isEqualTo("NOTFOUND ");
            assertThat(c.lookup("domains", d)).isEqualTo("NOTFOUND ");
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        String d = domain("pipe");
        TestUser alice = user("alice", d);
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            all.append(SocketmapHandler.netstring("mailboxes " + (i % 2 == 0 ? "alice@" + d : "x" + i + "@" + d)));
        }
        try (SocketmapClient c = connect()) {
            c.send(all.toString());
            for (int i = 0; i < 20; i++) {
                assertThat(c.reply()).as("reply " + i).isEqualTo(i % 2 == 0 ? "OK " + alice.address() : "NOTFOUND ");
            }
        }
    }

    @Test
    void anUnknownMapOrARequestWithoutKeyIsPermAndTheConnectionGoesOn() throws Exception {
        gannet.createUser();
        try (SocketmapClient c = connect()) {
            assertThat(c.lookup("transport", "a@b.test")).startsWith("PERM unknown map");
            c.send(SocketmapHandler.netstring("domains"));
            assertThat(c.reply()).isEqualTo("PERM request must be <map> <key>");
            c.send("0:,");
            assertThat(c.reply()).isEqualTo("PERM request must be <map> <key>");
            assertThat(c.lookup("domains", "gannet.test")).isEqualTo("OK gannet.test");
        }
    }

    @Test
    void aMalformedNetstringIsPermAndClosesTheConnection() throws Exception {
        try (SocketmapClient c = connect()) {
            c.send("domains gannet.test\n");
            assertThat(c.reply()).isEqualTo("PERM malformed netstring");
            assertThat(c.closedByServer()).isTrue();
        }
        try (SocketmapClient c = connect()) {
            c.send("5:abcdefg,");
            assertThat(c.reply()).isEqualTo("PERM netstring does not end with a comma");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void anOverLongRequestIsRefusedFromItsLengthAlone() throws Exception {
        try (SocketmapClient c = connect()) {
            c.send("201:");
            assertThat(c.reply()).isEqualTo("PERM request longer than 200 bytes");
            assertThat(c.closedByServer()).isTrue();
        }
        try (SocketmapClient c = connect()) {
            c.send("9999999999999999999999999");
            assertThat(c.reply()).isEqualTo("PERM request longer than 200 bytes");
            assertThat(c.closedByServer()).isTrue();
        }
        String key = "a".repeat(60) + "@" + "b".repeat(120) + ".test";
        try (SocketmapClient c = connect()) {
            assertThat(c.lookup("mailboxes", key)).as("within the limit").isEqualTo("NOTFOUND ");
        }
    }

    @Test
    void anIdleConnectionIsClosedAndOneOverTheLimitIsToldToRetry() throws Exception {
        try (GannetExtension node = GannetExtension.builder().roles("socketmap")
                .set(Settings.SOCKETMAP_IDLE_TIMEOUT, Duration.ofMillis(300))
                .set(Settings.SOCKETMAP_MAX_CONNECTIONS, 1).build()) {
            node.start();
            try (SocketmapClient first = new SocketmapClient(node.port("socketmap"))) {
                assertThat(first.lookup("domains", "nowhere.test")).isEqualTo("NOTFOUND ");
                try (SocketmapClient second = new SocketmapClient(node.port("socketmap"))) {
                    assertThat(second.reply()).isEqualTo("TEMP too many connections");
                    assertThat(second.closedByServer()).isTrue();
                }
                assertThat(first.closedByServer()).as("closed once idle").isTrue();
            }
        }
    }
}
