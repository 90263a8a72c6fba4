package dev.gannet.server.concurrency;

import dev.gannet.core.testing.TestUser;
import dev.gannet.core.testing.imap.ImapResponse;

import java.io.IOException;
import java.util.List;
import java.util.Random;

/**
 * One IMAP session of a round: logs in, then runs a bounded number of random operations (mailbox ones here,
 * message ones in {@link MessageOps}) against mailboxes other sessions use at the same time. A NO is an
 * answer (the mailbox may be gone or renamed); a {@link ProtocolFailure} ends the session and becomes a
 * finding. Everything it fetches is checked as it arrives: bytes against the ledger, \Recent against the other
 * sessions, UIDs against what they named before.
 */
final class RandomSession implements Runnable {

    private final World world;
    private final TestUser user;
    private final String label;
    private final Random random;
    private final int operations;
    private final long deadline;
    private final int port;
    private SuiteImapClient client;
    private MessageOps ops;
    private boolean alive;

    RandomSession(World world, TestUser user, int port, String label, long seed, int operations, long deadline) {
        this.world = world;
        this.user = user;
        this.port = port;
        this.label = label;
        this.random = new Random(seed);
        this.operations = operations;
        this.deadline = deadline;
    }

    /** Connects and logs in (done before the round's barrier so that operations start together). */
    void open() throws IOException {
        client = new SuiteImapClient(port, label, world.findings(), world.timeoutMillis());
        client.onFetch(new FetchChecks(world.ledger(), world.findings(), user.username(), label)::check);
        client.login(user.username(), user.password());
        ops = new MessageOps(world, user.username(), client, random);
        alive = true;
    }

    @Override
    public void run() {
        try {
            if (random.nextInt(3) == 0) {
                client.command("ENABLE CONDSTORE");
            }
            select(random.nextInt(4) == 0);
            for (int i = 0; i < operations && System.currentTimeMillis() < deadline; i++) {
                step();
            }
        } catch (ProtocolFailure f) {
            fail(f);
        } catch (IOException | RuntimeException e) {
            world.findings().add("liveness: sessions run without I/O errors", label + ": " + e);
            alive = false;
        }
    }

    /** Lets pending untagged responses arrive (the quiet phase before the checks), then logs out. */
    void quiet() {
        if (!alive) {
            closeQuietly();
            return;
        }
        try {
            client.command("NOOP");
            client.logout();
        } catch (ProtocolFailure f) {
            fail(f);
        } catch (IOException e) {
            world.findings().add("liveness: sessions run without I/O errors", label + " at NOOP: " + e);
        }
        closeQuietly();
    }

    void closeQuietly() {
        if (client != null) {
            client.close();
        }
        alive = false;
    }

    private void fail(ProtocolFailure f) {
        world.findings().add(f.invariant(), f.getMessage());
        alive = false;
        closeQuietly();
    }

    private void step() throws IOException {
        int roll = random.nextInt(100);
        if (roll < 8) {
            select(random.nextInt(4) == 0);
        } else if (roll < 60) {
            if (!client.view().selected()) {
                select(false);
            }
            if (client.view().selected()) {
                ops.any(roll);
            }
        } else if (roll < 70) {
            ops.append();
        } else if (roll < 73) {
            rename();
        } else if (roll < 76) {
            delete();
        } else if (roll < 80) {
            create();
        } else if (roll < 86) {
            status();
        } else if (roll < 90) {
            client.command("NOOP");
        } else if (roll < 95) {
            client.idle(50 + random.nextInt(150));
        } else if (roll < 97 && client.view().selected()) {
            client.command(random.nextBoolean() ? "CLOSE" : "UNSELECT");
        } else {
            client.command("LIST \"\" \"*\"");
        }
    }

    private void select(boolean examine) throws IOException {
        int r = random.nextInt(10);
        String name = r < 5 ? "INBOX" : r < 8 ? "Work" : pick(World.NAMES);
        client.command((examine ? "EXAMINE " : "SELECT ") + name);
    }

    private void rename() throws IOException {
        String[] pair = World.RENAMES.get(random.nextInt(World.RENAMES.size()));
        world.ledger().unsettled(user.username(), pair[0]);
        world.ledger().unsettled(user.username(), pair[1]);
        client.command("RENAME " + pair[0] + " " + pair[1]);
    }

    private void delete() throws IOException {
        String name = pick(World.DELETABLE);
        world.ledger().unsettled(user.username(), name);
        client.command("DELETE " + name);
    }

    private void create() throws IOException {
        String name = pick(World.NAMES.subList(1, World.NAMES.size()));
        client.command("CREATE " + name);
    }

    private void status() throws IOException {
        SuiteImapClient.Reply r = client.command("STATUS " + pick(World.NAMES)
                + " (MESSAGES UNSEEN SIZE UIDNEXT UIDVALIDITY HIGHESTMODSEQ RECENT)");
        if (r.ok() && r.all(ImapResponse.Status.class).size() != 1) {
            world.findings().add("protocol: STATUS answers one STATUS response", label + ": " + r.untagged().size()
                    + " untagged responses, " + r.all(ImapResponse.Status.class).size() + " STATUS");
        }
    }

    @Override
    public String toString() {
        return label;
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }
}
