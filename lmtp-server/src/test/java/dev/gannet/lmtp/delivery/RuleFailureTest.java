package dev.gannet.lmtp.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.MailStore;
import dev.gannet.core.store.MessageSource;
import dev.gannet.core.store.OutboundQueue;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import dev.gannet.delivery.rules.DeliveryRules;
import dev.gannet.lmtp.LmtpOptions;
import dev.gannet.lmtp.protocol.Reply;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

/**
 * The Deliverer with the outbound queue replaced: nothing is acknowledged before it is durable (a redirect or
 * reply the queue cannot take answers 4xx), and a redirect queues exactly the delivered bytes.
 */
class RuleFailureTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles().build();

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** The node's store, except that its outbound queue is down. */
    private static MailStore queueDown() {
        return withQueue((OutboundQueue) Proxy.newProxyInstance(RuleFailureTest.class.getClassLoader(),
                new Class<?>[] {OutboundQueue.class},
                (p, m, args) -> Mono.error(GannetException.unavailable("queue down", null))));
    }

    private static MailStore withQueue(OutboundQueue down) {
        MailStore real = gannet.store();
        return (MailStore) Proxy.newProxyInstance(RuleFailureTest.class.getClassLoader(), new Class<?>[] {MailStore.class},
                (p, m, args) -> {
                    if (m.getName().equals("outbound")) {
                        return down;
                    }
                    try {
                        return m.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void aRedirectTheQueueCannotTakeAnswers451AndAVacationToo() {
        MailStore store = queueDown();
        Deliverer deliverer = new Deliverer(store, LmtpOptions.from(gannet.config(), "gannet.test"),
                new DeliveryMetrics(new SimpleMeterRegistry()), DeliveryRules.from(store, gannet.config()));
        TestUser forwarder = gannet.createUser();
        TestUser away = gannet.createUser();
        TestUser plain = gannet.createUser();
        gannet.store().sieve().put(forwarder.id(), "s", "redirect \"x@example.net\";").block(WAIT);
        gannet.store().sieve().activate(forwarder.id(), "s").block(WAIT);
        gannet.store().sieve().put(away.id(), "s", "require \"vacation\"; vacation \"away\";").block(WAIT);
        gannet.store().sieve().activate(away.id(), "s").block(WAIT);
        Envelope env = new Envelope("s1", "Q1", "a@example.org", List.of(
                new Recipient(forwarder.address().toString(), forwarder.address(), forwarder.id()),
                new Recipient(away.address().toString(), away.address(), away.id()),
                new Recipient(plain.address().toString(), plain.address(), plain.id())), "client.test", "127.0.0.1", false);
        byte[] msg = ("From: a@example.org\r\nTo: " + away.address() + "\r\nSubject: x\r\n\r\nbody\r\n").getBytes(StandardCharsets.UTF_8);
        List<Reply> replies = deliverer.deliver(env, MessageSource.of(msg)).block(WAIT);
        assertThat(replies.get(0).code()).isEqualTo(451);
        assertThat(replies.get(1).code()).isEqualTo(451);
        assertThat(replies.get(2).code()).isEqualTo(250);
        // the claim was given back: once the queue is up, the retried message gets its reply
        Deliverer healthy = new Deliverer(gannet.store(), LmtpOptions.from(gannet.config(), "gannet.test"),
                new DeliveryMetrics(new SimpleMeterRegistry()), DeliveryRules.from(gannet.store(), gannet.config()));
        Envelope retry = new Envelope("s2", "Q2", "a@example.org",
                List.of(new Recipient(away.address().toString(), away.address(), away.id())), "client.test", "127.0.0.1", false);
        assertThat(healthy.deliver(retry, MessageSource.of(msg)).block(WAIT).get(0).code()).isEqualTo(250);
        assertThat(gannet.store().outbound().list(away.id()).collectList().block(WAIT)).hasSize(1);
    }

    @Test
    void aRedirectQueuesTheDeliveredBytesWithTheEnvelopeSender() throws Exception {
        List<OutboundQueue.Request> queued = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<byte[]> contents = new java.util.concurrent.CopyOnWriteArrayList<>();
        MailStore store = withQueue((OutboundQueue) Proxy.newProxyInstance(RuleFailureTest.class.getClassLoader(),
                new Class<?>[] {OutboundQueue.class}, (p, m, args) -> {
                    OutboundQueue.Request r = (OutboundQueue.Request) args[0];
                    queued.add(r);
                    try (var in = r.content().open()) {
                        contents.add(in.readAllBytes());
                    }
                    return Mono.just("q" + queued.size());
                }));
        Deliverer deliverer = new Deliverer(store, LmtpOptions.from(gannet.config(), "gannet.test"),
                new DeliveryMetrics(new SimpleMeterRegistry()), DeliveryRules.from(store, gannet.config()));
        TestUser u = gannet.createUser();
        gannet.store().sieve().put(u.id(), "s", "redirect \"far@example.net\";").block(WAIT);
        gannet.store().sieve().activate(u.id(), "s").block(WAIT);
        byte[] msg = "From: a@example.org\r\nSubject: fw\r\n\r\nbody é\r\n.dot\r\n".getBytes(StandardCharsets.UTF_8);
        Envelope env = new Envelope("s3", "Q3", "a@example.org",
                List.of(new Recipient(u.address().toString(), u.address(), u.id())), "client.test", "127.0.0.1", false);
        assertThat(deliverer.deliver(env, MessageSource.of(msg)).block(WAIT).get(0).code()).isEqualTo(250);
        assertThat(queued).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(OutboundQueue.Kind.FORWARD);
            assertThat(r.envelopeFrom()).isEqualTo("a@example.org");
            assertThat(r.recipients()).containsExactly("far@example.net");
            assertThat(r.user()).isEqualTo(u.id());
        });
        String sent = new String(contents.get(0), StandardCharsets.UTF_8);
        assertThat(sent).startsWith("Delivered-To: " + u.address() + "\r\nReceived: from client.test (127.0.0.1)\r\n")
                .doesNotContain("Return-Path").endsWith(new String(msg, StandardCharsets.UTF_8));
        byte[] tail = java.util.Arrays.copyOfRange(contents.get(0), contents.get(0).length - msg.length, contents.get(0).length);
        assertThat(tail).isEqualTo(msg);
        assertThat(gannet.store().messages().uids(gannet.mailbox(u, "INBOX").id()).block(WAIT)).as("redirect cancels the keep").isEmpty();
    }
}
