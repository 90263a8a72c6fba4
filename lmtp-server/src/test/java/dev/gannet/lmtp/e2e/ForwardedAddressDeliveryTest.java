package dev.gannet.lmtp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import dev.gannet.core.config.Settings;
import dev.gannet.core.internal.embedded.EmbeddedStore;
import dev.gannet.core.store.EmailAddress;
import dev.gannet.core.store.ForwardedAddress;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

/**
 * Mail to a forwarded address over LMTP (Python's smtplib.LMTP): accepted, one FORWARD per message on the
 * outbound queue with the bytes as received and the envelope sender as it came, to every target; the daily limit
 * stops further forwards (still 250); a forwarded address with forwarding disabled is refused at RCPT. The queue is
 * read in the store below the API, since queued forwards of a forwarded address belong to no user.
 */
class ForwardedAddressDeliveryTest {

    private static final EmbeddedStore STORE = EmbeddedStore.inMemory();

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("lmtp")
            .set(Settings.MONGO_URI, STORE.connectionString()).build();

    private static final MongoClient CLIENT = MongoClients.create(STORE.connectionString());

    @TempDir
    Path dir;

    @AfterAll
    static void close() {
        CLIENT.close();
        STORE.close();
    }

    private static ForwardedAddress forwarded(String address, long limit, boolean disabled, String... targets) {
        ForwardedAddress a = new ForwardedAddress(ForwardedAddress.newId(), EmailAddress.parse(address), "", List.of(targets),
                limit, null, null, disabled, Instant.now());
        gannet.store().forwarding().create(a).block(Duration.ofSeconds(10));
        return a;
    }

    private static List<Document> queuedTo(String target) {
        return Flux.from(CLIENT.getDatabase(gannet.config().get(Settings.MONGO_DATABASE)).getCollection("outbound")
                .find(new Document("to", target))).collectList().block(Duration.ofSeconds(10));
    }

    private PythonLmtp.Result deliver(byte[] msg, String... rcpts) throws Exception {
        Path f = Files.createTempFile(dir, "msg", ".eml");
        Files.write(f, msg);
        String[] args = new String[4 + rcpts.length];
        args[0] = "deliver";
        args[1] = "" + gannet.port("lmtp");
        args[2] = "alice@example.org";
        args[3] = f.toString();
        System.arraycopy(rcpts, 0, args, 4, rcpts.length);
        PythonLmtp.Result r = PythonLmtp.run(60, args);
        assertThat(r.exit()).as(r.lines().toString()).isZero();
        return r;
    }

    @Test
    void aForwardedAddressQueuesOneForwardWithTheOriginalBytes() throws Exception {
        String domain = "fwd" + System.nanoTime() + ".test";
        String t1 = "one-" + System.nanoTime() + "@example.net";
        String t2 = "two-" + System.nanoTime() + "@example.net";
        forwarded("team@" + domain, 0, false, t1, t2);
        TestUser bob = gannet.createUser();
        byte[] msg = DeliveryTest.message("Forward me", "", "Hello team\r\n");
        PythonLmtp.Result r = deliver(msg, "team@" + domain, "team+tag@" + domain, bob.address().toString());
        assertThat(r.reply("RCPT", "team@" + domain)).startsWith("250 2.1.5");
        assertThat(r.reply("DATA", "team@" + domain)).startsWith("250 2.0.0").contains("Forwarded");
        assertThat(r.reply("DATA", "team+tag@" + domain)).startsWith("250 2.0.0");
        assertThat(r.reply("DATA", bob.address().toString())).startsWith("250 2.0.0");

        List<Document> queued = queuedTo(t1);
        assertThat(queued).as("one forward for the message, sub-address included").hasSize(1);
        Document q = queued.get(0);
        assertThat(q.getString("kind")).isEqualTo("FORWARD");
        assertThat(q.getString("from")).isEqualTo("alice@example.org");
        assertThat(q.getList("to", String.class)).containsExactly(t1, t2);
        assertThat(q.get("user")).isNull();
        Object raw = q.get("raw");
        if (raw instanceof Binary b) {
            assertThat(b.getData()).as("the bytes as received").isEqualTo(msg);
        }
        assertThat(q.getLong("size")).isEqualTo(msg.length);
        assertThat(Stored.messages(gannet, bob, "INBOX")).hasSize(1);
    }

    @Test
    void theDailyLimitStopsForwardsAndDisabledForwardingIsRefused() throws Exception {
        String domain = "lim" + System.nanoTime() + ".test";
        String target = "t-" + System.nanoTime() + "@example.net";
        forwarded("once@" + domain, 1, false, target);
        forwarded("off@" + domain, 0, true, target);
        PythonLmtp.Result first = deliver(DeliveryTest.message("1", "", "x\r\n"), "once@" + domain);
        PythonLmtp.Result second = deliver(DeliveryTest.message("2", "", "y\r\n"), "once@" + domain);
        assertThat(first.reply("DATA", "once@" + domain)).startsWith("250").contains("Forwarded");
        assertThat(second.reply("DATA", "once@" + domain)).startsWith("250").doesNotContain("Forwarded");
        assertThat(queuedTo(target)).hasSize(1);
        PythonLmtp.Result off = deliver(DeliveryTest.message("3", "", "z\r\n"), "off@" + domain);
        assertThat(off.reply("RCPT", "off@" + domain)).startsWith("550 5.2.1");
        assertThat(queuedTo(target)).hasSize(1);
    }
}
