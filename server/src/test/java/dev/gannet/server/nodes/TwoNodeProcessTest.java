package dev.gannet.server.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gannet.server.GannetProcess;
import dev.gannet.server.concurrency.LmtpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #19 item 4: two Gannet nodes as separate processes on one store process and one redis-server. IDLE on
 * node A sees what node B's LMTP and IMAP did, the POP3 maildrop lock holds across nodes, a leased task runs on
 * one node at a time and moves to the other when its node is killed, Redis stopped and started again loses no
 * message and IDLE rings again, and {@code /health} of each node names its roles and dependencies. The methods
 * run in order on the same processes; the last one kills a node.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodeProcessTest {

    static final Duration TASK_INTERVAL = Duration.ofSeconds(3);
    private static final Duration NOTICE = Duration.ofSeconds(10);
    private static final Pattern PURGE = Pattern.compile("(\\S+) INFO .* task purge: .* in (\\d+) ms");
    private static final int A = 0;
    private static final int B = 1;

    static TwoNodes nodes;

    @BeforeAll
    static void start() throws Exception {
        nodes = TwoNodes.start(TASK_INTERVAL);
    }

    @AfterAll
    static void stop() throws Exception {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    @Order(1)
    void eachNodesHealthNamesItsRolesTheStoreAndRedis() throws Exception {
        for (int node : List.of(A, B)) {
            TwoNodes.Http health = nodes.api(node, "GET", "/health", null);
            assertThat(health.status()).as("node %s: %s", node, health).isEqualTo(200);
            JsonNode h = health.json();
            assertThat(h.get("healthy").asBoolean()).isTrue();
            assertThat(h.get("roles")).extracting(JsonNode::asText).containsExactlyInAnyOrderElementsOf(TwoNodes.ROLES);
            assertThat(h.at("/store/kind").asText()).isEqualTo("mongodb");
            assertThat(h.at("/store/reachable").asBoolean()).isTrue();
            assertThat(h.at("/coordination/kind").asText()).isEqualTo("redis");
            assertThat(h.at("/coordination/reachable").asBoolean()).isTrue();
        }
    }

    @Test
    @Order(2)
    void idleOnOneNodeSeesDeliveriesAndFlagChangesMadeOnTheOther() throws Exception {
        TwoNodes.User user = nodes.createUser("idle");
        try (Session idle = Session.imap(nodes.port(A, "imap"), user)) {
            idle.send("i1 IDLE");
            idle.await(l -> l.startsWith("+ "), NOTICE);
            assertThat(deliver(B, user, "through B")).startsWith("250");
            idle.await(l -> l.equals("* 1 EXISTS"), NOTICE);

            try (Session other = Session.imap(nodes.port(B, "imap"), user)) {
                other.command("STORE 1 +FLAGS (\\Flagged)");
            }
            idle.await(l -> l.startsWith("* 1 FETCH (") && l.contains("\\Flagged"), NOTICE);
            idle.send("DONE");
            idle.await(l -> l.startsWith("i1 OK"), NOTICE);
        }
    }

    @Test
    @Order(3)
    void aMaildropOpenOnOneNodeIsInUseOnTheOtherUntilQuit() throws Exception {
        TwoNodes.User user = nodes.createUser("pop");
        assertThat(deliver(B, user, "for POP3")).startsWith("250");
        try (Session a = Session.pop3(nodes.port(A, "pop3"))) {
            assertThat(a.pop3("USER " + user.username())).startsWith("+OK");
            assertThat(a.pop3("PASS " + user.password())).startsWith("+OK");
            try (Session b = Session.pop3(nodes.port(B, "pop3"))) {
                assertThat(b.pop3("USER " + user.username())).startsWith("+OK");
                assertThat(b.pop3("PASS " + user.password())).startsWith("-ERR [IN-USE]");
            }
            assertThat(a.pop3("QUIT")).startsWith("+OK");
        }
        try (Session b = Session.pop3(nodes.port(B, "pop3"))) {
            assertThat(b.pop3("USER " + user.username())).startsWith("+OK");
            assertThat(b.pop3("PASS " + user.password())).startsWith("+OK");
            assertThat(b.pop3("STAT")).startsWith("+OK 1 ");
            assertThat(b.pop3("QUIT")).startsWith("+OK");
        }
    }

    @Test
    @Order(4)
    void redisGoingAwayAndComingBackLosesNoMessageAndIdleRingsAgain() throws Exception {
        TwoNodes.User user = nodes.createUser("outage");
        TwoNodes.User bystander = nodes.createUser("bystander");
        try {
            outage(user, bystander);
        } finally {
            nodes.startRedisAgain(); // also when a step failed, for the tests after this one
        }
    }

    private static void outage(TwoNodes.User user, TwoNodes.User bystander) throws Exception {
        int delivered = 1;
        try (Session idle = Session.imap(nodes.port(A, "imap"), user);
                Session open = Session.imap(nodes.port(B, "imap"), user)) {
            idle.send("i2 IDLE");
            idle.await(l -> l.startsWith("+ "), NOTICE);
            assertThat(deliver(B, user, "before the outage")).startsWith("250");
            idle.await(l -> l.equals("* 1 EXISTS"), NOTICE);
            assertThat(open.command("NOOP")).contains("* 1 EXISTS");

            nodes.stopRedis();
            // LMTP on both nodes while Redis is down: stored and answered 250 at once; the bell is lost
            List<CompletableFuture<String>> during = List.of(deliverAsync(A, user, "during the outage via A"),
                    deliverAsync(B, user, "during the outage via B"));
            TwoNodes.Http down = nodes.api(A, "GET", "/health", null);
            assertThat(down.status()).as("%s", down).isEqualTo(503);
            assertThat(down.json().at("/coordination/reachable").asBoolean()).isFalse();
            assertThat(down.json().at("/store/reachable").asBoolean()).isTrue();
            open.command("STORE 1 +FLAGS (\\Seen)"); // a session already open keeps working
            // What needs Redis answers a temporary error at once: SELECT by a user no session on the node listens
            // to yet (it subscribes to the user's bell), a POP3 login (the maildrop lock lives in Redis).
            try (Session imap = Session.imapLogin(nodes.port(B, "imap"), bystander)) {
                assertThat(imap.tagged("SELECT INBOX")).matches("t\\d+ NO \\[UNAVAILABLE\\] .*");
            }
            try (Session imap = Session.imap(nodes.port(B, "imap"), user)) {
                imap.command("EXAMINE INBOX"); // this user's bell is already subscribed on node B
            }
            try (Session pop3 = Session.pop3(nodes.port(B, "pop3"))) {
                assertThat(pop3.pop3("USER " + user.username())).startsWith("+OK");
                assertThat(pop3.pop3("PASS " + user.password())).startsWith("-ERR [SYS/TEMP]");
            }
            for (CompletableFuture<String> reply : during) {
                assertThat(reply.get(5, TimeUnit.SECONDS)).startsWith("250"); // stored, and not held up by the bell
                delivered++;
            }

            nodes.startRedisAgain();
            awaitHealthy(A);
            awaitHealthy(B);
            // The bells rung during the outage are gone, the journal is not: the next bell reports every message.
            // Lettuce reconnects pub/sub on its own schedule, so deliver until one rings, within a deadline.
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            int exists = 0;
            while (exists < delivered && System.nanoTime() < deadline) {
                assertThat(deliver(B, user, "after the outage " + delivered)).startsWith("250");
                delivered++;
                String line;
                while ((line = idle.poll(l -> l.matches("\\* \\d+ EXISTS"), Duration.ofSeconds(2))) != null) {
                    exists = Integer.parseInt(line.split(" ")[1]);
                    if (exists >= delivered) {
                        break;
                    }
                }
            }
            assertThat(exists).as("IDLE on node A after Redis came back").isEqualTo(delivered);
            idle.send("DONE");
            idle.await(l -> l.startsWith("i2 OK"), NOTICE);
        }
        try (Session b = Session.imap(nodes.port(B, "imap"), user)) {
            assertThat(b.command("STATUS INBOX (MESSAGES)"))
                    .as("messages in the store").contains("* STATUS INBOX (MESSAGES " + delivered + ")");
        }
    }

    @Test
    @Order(5)
    void aLeasedTaskRunsOnOneNodeAtATimeAndMovesWhenItsNodeIsKilled() throws Exception {
        long wait = System.nanoTime() + TASK_INTERVAL.multipliedBy(4).toNanos();
        while (purgeRuns().size() < 2 && System.nanoTime() < wait) {
            Thread.sleep(100);
        }
        List<Run> runs = purgeRuns();
        assertThat(runs).as("purge runs so far").hasSizeGreaterThanOrEqualTo(2);
        for (int i = 1; i < runs.size(); i++) {
            Run before = runs.get(i - 1);
            Run after = runs.get(i);
            assertThat(after.started()).as("runs overlap: %s", runs).isAfterOrEqualTo(before.ended());
            if (!duringOutage(after)) { // a Redis that comes back empty has forgotten every lease
                assertThat(Duration.between(before.started(), after.started()))
                        .as("runs closer than the lease: %s", runs).isGreaterThan(TASK_INTERVAL.minusMillis(500));
            }
        }

        // Kill the node that holds the lease now (one taken on the Redis that came back), right after its run.
        Instant since = nodes.redisBack() == null ? Instant.EPOCH : nodes.redisBack();
        Run last = awaitRun(r -> r.started().isAfter(since), TASK_INTERVAL.multipliedBy(3));
        int survivor = 1 - last.node();
        nodes.node(last.node()).kill();
        Run takeover = awaitRun(r -> r.node() == survivor && r.started().isAfter(last.started()),
                TASK_INTERVAL.multipliedBy(3));
        assertThat(Duration.between(last.started(), takeover.started()))
                .as("node %s took purge over only once node %s's lease expired: %s", survivor, last.node(), purgeRuns())
                .isGreaterThan(TASK_INTERVAL.minusMillis(500));
    }

    /** The latest purge run that matches, once one has been logged within {@code timeout}. */
    private static Run awaitRun(Predicate<Run> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            List<Run> matching = purgeRuns().stream().filter(wanted).toList();
            if (!matching.isEmpty()) {
                return matching.get(matching.size() - 1);
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no such purge run within " + timeout + ": " + purgeRuns());
    }

    private record Run(int node, Instant started, Instant ended) {
    }

    /** Every "task purge: ... in N ms" line of both nodes, by the time it was logged. */
    private static List<Run> purgeRuns() {
        List<Run> runs = new ArrayList<>();
        for (int node : List.of(A, B)) {
            GannetProcess p = nodes.node(node);
            for (String line : List.copyOf(p.stdout())) {
                Matcher m = PURGE.matcher(line);
                if (m.matches()) {
                    Instant ended = OffsetDateTime.parse(m.group(1)).toInstant();
                    runs.add(new Run(node, ended.minusMillis(Long.parseLong(m.group(2))), ended));
                }
            }
        }
        runs.sort(Comparator.comparing(Run::ended));
        return runs;
    }

    private static boolean duringOutage(Run run) {
        Instant stopped = nodes.redisStopped();
        Instant back = nodes.redisBack();
        return stopped != null && !run.ended().isBefore(stopped)
                && (back == null || run.ended().isBefore(back.plus(TASK_INTERVAL).plusSeconds(1)));
    }

    private static void awaitHealthy(int node) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        TwoNodes.Http health;
        do {
            health = nodes.api(node, "GET", "/health", null);
            if (health.status() == 200) {
                return;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("node " + node + " not healthy again: " + health);
    }

    private static String deliver(int node, TwoNodes.User user, String subject) throws Exception {
        byte[] message = ("From: sender@example.com\r\nTo: " + user.address() + "\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + System.nanoTime() + "@nodes.gannet.test>\r\n\r\n" + subject + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        try (LmtpClient lmtp = new LmtpClient(nodes.port(node, "lmtp"), 30_000)) {
            return lmtp.deliver(List.of(user.address()), message).get(0);
        }
    }

    private static CompletableFuture<String> deliverAsync(int node, TwoNodes.User user, String subject) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return deliver(node, user, subject);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
