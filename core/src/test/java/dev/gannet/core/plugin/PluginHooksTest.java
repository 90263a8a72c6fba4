package dev.gannet.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.AppendRequest;
import dev.gannet.core.store.Appended;
import dev.gannet.core.store.Flags;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.MailboxName;
import dev.gannet.core.store.MessageSource;
import dev.gannet.core.store.User;
import dev.gannet.core.store.internal.StoreOptions;
import dev.gannet.core.testing.Messages;
import dev.gannet.core.testing.StoreFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every hook of the plugin SPI fires; failures and timeouts fail temporarily and store nothing. */
class PluginHooksTest {

    @Test
    void loadsPluginsFromJarsInTheDirectory(@TempDir Path dir) throws Exception {
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(dir.resolve("sample.jar")))) {
            jar.putNextEntry(new JarEntry("META-INF/services/" + MailPlugin.class.getName()));
            jar.write((SamplePlugin.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        assertThat(PluginLoader.load(dir)).extracting(MailPlugin::name).containsExactly("sample");
        assertThat(PluginLoader.load(dir.resolve("missing"))).isEmpty();
    }

    @Test
    void everyHookFires() {
        SamplePlugin.EVENTS.clear();
        try (StoreFixture fx = StoreFixture.memory(StoreOptions.forTests(), List.of(new SamplePlugin()))) {
            User u = fx.newUser();
            assertThat(SamplePlugin.EVENTS).contains("created:" + u.username());
            Mailbox inbox = fx.store().mailboxes().get(u.id(), MailboxName.INBOX).block();
            byte[] raw = Messages.simple("hello", "body");
            Appended a = append(fx, u, inbox, raw);
            byte[] stored = Messages.bytes(fx.store().messages().raw(inbox.id(), a.uid()).block());
            assertThat(new String(stored, StandardCharsets.UTF_8)).startsWith("X-Sample: seen\r\nFrom: Alice");
            assertThat(java.util.Arrays.copyOfRange(stored, stored.length - raw.length, stored.length)).isEqualTo(raw);
            assertThat(a.size()).isEqualTo(stored.length);
            assertThat(SamplePlugin.EVENTS).contains("before:hello", "after:INBOX:1");

            Appended junk = append(fx, u, inbox, Messages.simple("junk offer", "x"));
            assertThat(junk.mailbox()).isEqualTo(fx.store().mailboxes().get(u.id(), MailboxName.of("Junk")).block().id());

            assertThatThrownBy(() -> append(fx, u, inbox, Messages.simple("please reject", "x")))
                    .isInstanceOfSatisfying(GannetException.Rejected.class, e -> assertThat(e.reason()).isEqualTo("no thanks"));
            assertThatThrownBy(() -> append(fx, u, inbox, Messages.simple("boom", "x")))
                    .isInstanceOf(GannetException.Unavailable.class);
            assertThatThrownBy(() -> append(fx, u, inbox, Messages.simple("slow", "x")))
                    .isInstanceOf(GannetException.Unavailable.class);
            assertThat(fx.store().mailboxes().byId(inbox.id()).block().messages()).isEqualTo(1);

            fx.store().users().delete(u.id()).block();
            assertThat(SamplePlugin.EVENTS).contains("deleted:" + u.username());
        }
    }

    private static Appended append(StoreFixture fx, User u, Mailbox box, byte[] raw) {
        return fx.store().messages().append(new AppendRequest(u.id(), box.id(), MessageSource.of(raw), Flags.NONE, null,
                AppendRequest.Origin.LMTP)).block();
    }

}
