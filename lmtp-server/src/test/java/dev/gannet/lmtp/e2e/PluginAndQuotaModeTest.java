package dev.gannet.lmtp.e2e;

import dev.gannet.core.config.Settings;
import dev.gannet.core.plugin.MailPlugin;
import dev.gannet.core.plugin.SamplePlugin;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A before-store plugin's reject is 550 5.7.1 with its reason and its failure a temporary 451 4.3.0; with
 * {@code lmtp.overQuotaTemporary} a full mailbox is 452 4.2.2. Outcomes are counted by reason.
 */
class PluginAndQuotaModeTest {

    private static final Path PLUGINS;

    static {
        try {
            PLUGINS = Files.createTempDirectory("gannet-plugins");
            try (OutputStream file = Files.newOutputStream(PLUGINS.resolve("sample.jar"));
                 JarOutputStream jar = new JarOutputStream(file)) {
                jar.putNextEntry(new JarEntry("META-INF/services/" + MailPlugin.class.getName()));
                jar.write((SamplePlugin.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("lmtp")
            .set(Settings.PLUGINS_DIR, PLUGINS.toString())
            .set(Settings.LMTP_OVER_QUOTA_TEMPORARY, true)
            .build();

    private static String deliver(TestUser u, String subject) throws IOException {
        try (RawClient c = RawClient.connect(gannet.port("lmtp"))) {
            c.line();
            c.command("LHLO mta.test");
            assertThat(c.command("MAIL FROM:<a@b.test>")).startsWith("250");
            assertThat(c.command("RCPT TO:<" + u.address() + ">")).startsWith("250");
            assertThat(c.command("DATA")).startsWith("354");
            return c.command("Subject: " + subject + "\r\n\r\n" + "body ".repeat(40) + "\r\n.");
        }
    }

    @Test
    void pluginRejectsAreFinalAndPluginFailuresTemporary() throws Exception {
        // the node's composite registry has no backend until the api role adds one
        ((CompositeMeterRegistry) gannet.context().metrics()).add(new SimpleMeterRegistry());
        TestUser u = gannet.createUser();
        assertThat(deliver(u, "please reject")).isEqualTo("550 5.7.1 no thanks");
        assertThat(deliver(u, "boom")).startsWith("451 4.3.0");
        assertThat(deliver(u, "fine")).startsWith("250 2.0.0");
        assertThat(deliver(u, "junk")).startsWith("250 2.0.0");
        assertThat(Stored.messages(gannet, u, "INBOX")).hasSize(1);
        assertThat(Stored.messages(gannet, u, "Junk")).hasSize(1);
        assertThat(new String(Stored.messages(gannet, u, "INBOX").get(0))).startsWith("X-Sample: seen\r\nReturn-Path: <a@b.test>");
        Counter rejected = gannet.context().metrics().find("gannet.lmtp.deliveries")
                .tag("result", "rejected").tag("reason", "plugin_rejected").counter();
        assertThat(rejected).isNotNull();
        assertThat(rejected.count()).isGreaterThanOrEqualTo(1);
        assertThat(gannet.context().metrics().find("gannet.lmtp.delivery.latency").timer().count()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void overQuotaCanBeTemporary() throws Exception {
        TestUser full = gannet.createUser("quota" + System.nanoTime(), 100);
        assertThat(deliver(full, "too much")).startsWith("452 4.2.2");
        assertThat(Stored.messages(gannet, full, "INBOX")).isEmpty();
    }
}
