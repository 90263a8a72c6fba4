package dev.gannet.server.concurrency;

import dev.gannet.core.testing.TestUser;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * LMTP deliveries that arrive while a round's sessions run: each to one or two of the users' INBOXes, some
 * carrying the shared attachment; every recipient that is answered 250 has an acknowledged message the
 * ledger expects to find. A delivery to an existing user that is refused is a finding.
 */
final class Deliveries implements Runnable {

    private final World world;
    private final Random random;
    private final int count;
    private final long deadline;

    Deliveries(World world, Random random, int count, long deadline) {
        this.world = world;
        this.random = random;
        this.count = count;
        this.deadline = deadline;
    }

    @Override
    public void run() {
        int port = world.lmtpPorts().get(random.nextInt(world.lmtpPorts().size()));
        try (LmtpClient lmtp = new LmtpClient(port, world.timeoutMillis())) {
            for (int i = 0; i < count && System.currentTimeMillis() < deadline; i++) {
                List<TestUser> to = new ArrayList<>();
                to.add(world.users().get(random.nextInt(world.users().size())));
                TestUser second = world.users().get(random.nextInt(world.users().size()));
                if (random.nextBoolean() && !to.contains(second)) {
                    to.add(second);
                }
                byte[] message = world.pool().next(random, 0.3);
                String id = world.ledger().registerDelivery(message);
                List<String> replies = lmtp.deliver(to.stream().map(u -> u.address().toString()).toList(), message);
                for (int k = 0; k < to.size(); k++) {
                    if (replies.get(k).startsWith("250")) {
                        world.ledger().expect(new Ledger.Expectation(to.get(k).username(), "INBOX", null, id, "LMTP"));
                    } else {
                        world.findings().add("lmtp: a delivery to an existing user is accepted",
                                to.get(k).username() + " <" + id + ">: " + replies.get(k));
                    }
                }
            }
        } catch (IOException e) {
            world.findings().add("liveness: sessions run without I/O errors", "LMTP on port " + port + ": " + e);
        }
    }

    @Override
    public String toString() {
        return "lmtp-deliveries";
    }
}
