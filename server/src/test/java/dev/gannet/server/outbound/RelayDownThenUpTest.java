package dev.gannet.server.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gannet.core.config.Settings;
import dev.gannet.core.store.MessageSource;
import dev.gannet.core.store.OutboundQueue;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A message queued while the relay is down is retried (connection refused is temporary) and sent once it is up. */
class RelayDownThenUpTest {

    private static final int SINK_PORT = port();

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("tasks")
            .set(Settings.OUTBOUND_RELAY, "smtp://127.0.0.1:" + SINK_PORT)
            .set(Settings.OUTBOUND_POLL_INTERVAL, Duration.ofMillis(100))
            .set(Settings.OUTBOUND_RETRY_INITIAL, Duration.ofMillis(200))
            .set(Settings.OUTBOUND_RETRY_MAX, Duration.ofMillis(300))
            .set(Settings.OUTBOUND_TIMEOUT, Duration.ofSeconds(5))
            .build();

    private static int port() {
        try {
            return SmtpSink.freePort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aMessageQueuedWhileTheRelayIsDownIsSentOnceItIsUp() throws Exception {
        SmtpSink.python(); // skips (or fails under CI) before anything else when aiosmtpd is missing
        TestUser a = gannet.createUser();
        byte[] bytes = "Subject: patience\r\n\r\nwait for it\r\n".getBytes(StandardCharsets.US_ASCII);
        String id = gannet.store().outbound().enqueue(new OutboundQueue.Request(a.id(), OutboundQueue.Kind.SUBMISSION,
                a.address().toString(), List.of("later@example.net"), MessageSource.of(bytes), null)).block(Duration.ofSeconds(30));
        OutboundQueue.Queued q;
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        do {
            Thread.sleep(50);
            q = gannet.store().outbound().get(a.id(), id).block(Duration.ofSeconds(30));
        } while ((q.attempts() < 2 || q.lastResult() == null) && System.nanoTime() < end);
        assertThat(q.attempts()).isGreaterThanOrEqualTo(2);
        assertThat(q.state()).isIn("queued", "sending");
        assertThat(q.lastResult()).containsIgnoringCase("connect");

        try (SmtpSink sink = SmtpSink.start(SINK_PORT)) {
            SmtpSink.Received r = sink.await(1, Duration.ofSeconds(30)).get(0);
            assertThat(r.to()).containsExactly("later@example.net");
            assertThat(r.bytes()).isEqualTo(bytes);
            long gone = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (gannet.store().outbound().get(a.id(), id).blockOptional(Duration.ofSeconds(30)).isPresent()
                    && System.nanoTime() < gone) {
                Thread.sleep(50);
            }
            assertThat(gannet.store().outbound().get(a.id(), id).blockOptional(Duration.ofSeconds(30))).isEmpty();
            Thread.sleep(300);
            assertThat(sink.received()).hasSize(1);
        }
    }
}
