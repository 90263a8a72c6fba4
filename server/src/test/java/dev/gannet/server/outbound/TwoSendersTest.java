package dev.gannet.server.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gannet.core.store.MessageSource;
import dev.gannet.core.store.OutboundQueue;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import dev.gannet.delivery.outbound.OutboundSender;
import dev.gannet.delivery.outbound.OutboundSigner;
import dev.gannet.delivery.outbound.RelayConfig;
import dev.gannet.delivery.outbound.SmtpRelay;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two senders (as two nodes would run them) on one store send each of N messages exactly once, counted at the
 * sink; a message claimed by a third sender that then "dies" is sent by the live ones once its lease is over.
 */
class TwoSendersTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("imap").build();

    @Test
    void twoSendersOnOneStoreSendEachMessageOnce() throws Exception {
        int n = 24;
        try (SmtpSink sink = SmtpSink.start(SmtpSink.freePort())) {
            TestUser a = gannet.createUser();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                byte[] bytes = ("Subject: number " + i + "\r\n\r\nbody " + i + "\r\n").getBytes(StandardCharsets.US_ASCII);
                ids.add(gannet.store().outbound().enqueue(new OutboundQueue.Request(a.id(), OutboundQueue.Kind.SUBMISSION,
                        a.address().toString(), List.of("many@example.net"), MessageSource.of(bytes), null))
                        .block(Duration.ofSeconds(30)));
            }
            // a node claims one message and dies before it sends: its lease runs out after 500 ms
            List<OutboundQueue.Claimed> dead = gannet.store().outbound()
                    .claim("dead-node", Instant.now(), Duration.ofMillis(500), 1).collectList().block(Duration.ofSeconds(30));
            assertThat(dead).hasSize(1);

            RelayConfig relay = new RelayConfig("127.0.0.1", sink.port(), RelayConfig.StartTls.OFF, "", "", "",
                    Duration.ofSeconds(10), "gannet.test");
            OutboundSender.Pacing pacing = new OutboundSender.Pacing(Duration.ofMillis(30), Duration.ofMinutes(1), 3,
                    Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofDays(1));
            try (OutboundSender one = sender(relay, pacing, "node-1"); OutboundSender two = sender(relay, pacing, "node-2")) {
                one.start();
                two.start();
                long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (!gannet.store().outbound().list(a.id()).collectList().block(Duration.ofSeconds(30)).isEmpty()
                        && System.nanoTime() < end) {
                    Thread.sleep(50);
                }
                Thread.sleep(300);
            }
            List<SmtpSink.Received> got = sink.received();
            Map<String, Long> bySubject = got.stream().collect(Collectors.groupingBy(
                    r -> new String(r.bytes(), StandardCharsets.US_ASCII).lines().findFirst().orElse(""),
                    Collectors.counting()));
            assertThat(got).hasSize(n);
            assertThat(bySubject).hasSize(n).allSatisfy((subject, count) -> assertThat(count).as(subject).isEqualTo(1));
            assertThat(gannet.store().outbound().finish(dead.get(0)).block(Duration.ofSeconds(30)))
                    .as("the dead node's claim is void").isFalse();
        }
    }

    private static OutboundSender sender(RelayConfig relay, OutboundSender.Pacing pacing, String owner) {
        SmtpRelay smtp = new SmtpRelay(relay);
        return new OutboundSender(gannet.store(), smtp::send, relay.address(), OutboundSigner.NONE, Optional.empty(),
                pacing, owner, "gannet.test", Clock.systemUTC());
    }

}
