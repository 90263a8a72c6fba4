package dev.gannet.imap;

import dev.gannet.core.store.AppendRequest;
import dev.gannet.core.store.Flags;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.MessageSource;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.Messages;
import dev.gannet.core.testing.TestUser;
import dev.gannet.imap.FetchResponses.Fetch;
import dev.gannet.imap.FetchResponses.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several sessions FETCH everything of one mailbox, structures and bodies, while messages are delivered,
 * expunged and purged ({@link GoneMessages}) behind their backs (issue #14: on main such a run produced {@code ENVELOPE NIL}, {@code BODY NIL} and
 * an empty {@code BODY[]}): every response parses, every body is the one delivered for its UID, and each FETCH
 * ends OK or, when it met a message gone from the store, {@code NO [EXPUNGEISSUED]}.
 */
class FetchConcurrencyTest {

    private static final int FETCHERS = 4;
    private static final int ROUNDS = 20;
    private static final int KEEP = 12;

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("imap").build();

    private static void deliver(TestUser user, Mailbox box, int n) {
        gannet.store().messages().append(new AppendRequest(user.id(), box.id(),
                MessageSource.of(Messages.simple("m" + n, ("line of message " + n + "\r\n").repeat(40))), Flags.NONE,
                null, AppendRequest.Origin.LMTP)).block();
    }

    @Test
    void fetchesRacingExpungesAreAlwaysValid() throws Exception {
        TestUser user = gannet.createUser();
        Mailbox inbox = gannet.mailbox(user, "INBOX");
        for (int n = 1; n <= KEEP; n++) {
            deliver(user, inbox, n);
        }
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(FETCHERS + 1);
        try {
            List<Future<int[]>> fetchers = new ArrayList<>();
            for (int i = 0; i < FETCHERS; i++) {
                fetchers.add(pool.submit(fetcher(user)));
            }
            Future<?> churn = pool.submit(() -> {
                for (int n = KEEP + 1; n <= KEEP + 200 && !done.get(); n++) {
                    deliver(user, inbox, n);
                    GoneMessages.expungeAndPurge(gannet, inbox, n - KEEP);
                }
                return null;
            });
            int ok = 0;
            int expungeIssued = 0;
            for (Future<int[]> f : fetchers) {
                int[] counts = f.get(120, TimeUnit.SECONDS);
                ok += counts[0];
                expungeIssued += counts[1];
            }
            done.set(true);
            churn.get(60, TimeUnit.SECONDS);
            assertThat(ok + expungeIssued).isEqualTo(FETCHERS * ROUNDS);
        } finally {
            done.set(true);
            pool.shutdownNow();
        }
    }

    /** Counts the FETCHes that ended OK and those that ended NO [EXPUNGEISSUED]; fails on anything else. */
    private static Callable<int[]> fetcher(TestUser user) {
        return () -> {
            int[] counts = new int[2];
            try (ImapTestClient c = ImapTestClient.connect(gannet.port("imap"))) {
                c.timeout(30_000);
                c.readLine();
                c.command("a", "LOGIN " + user.username() + " " + user.password());
                c.command("b", "EXAMINE INBOX");
                for (int round = 0; round < ROUNDS; round++) {
                    List<Response> r = FetchResponses.command(c, "f" + round,
                            "FETCH 1:* (UID FLAGS RFC822.SIZE ENVELOPE BODY BODYSTRUCTURE BODY.PEEK[])");
                    for (Response x : r) {
                        if (x.isFetch()) {
                            Fetch f = FetchResponses.parse(x);
                            String body = new String(f.bytes("BODY[]"), StandardCharsets.US_ASCII);
                            assertThat(body).as("uid %d", f.uid()).contains("Subject: m" + f.uid() + "\r\n")
                                    .endsWith(("line of message " + f.uid() + "\r\n").repeat(40) + "\r\n");
                        }
                    }
                    String tagged = r.get(r.size() - 1).first();
                    if (tagged.equals("f" + round + " OK Fetch completed")) {
                        counts[0]++;
                    } else {
                        assertThat(tagged).startsWith("f" + round + " NO [EXPUNGEISSUED] ");
                        counts[1]++;
                    }
                    assertThat(c.command("n" + round, "NOOP")).last().asString().startsWith("n" + round + " OK");
                }
            }
            return counts;
        };
    }
}
