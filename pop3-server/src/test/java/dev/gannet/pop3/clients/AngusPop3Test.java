package dev.gannet.pop3.clients;

import dev.gannet.core.config.Settings;
import dev.gannet.core.store.Appended;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import dev.gannet.pop3.Pop3Fixture;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import org.eclipse.angus.mail.pop3.POP3Folder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Jakarta Mail's POP3 provider (Angus) over STLS, implicit TLS, USER/PASS and AUTH PLAIN. */
class AngusPop3Test {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("pop3")
            .set(Settings.POP3_AUTH_FAILURE_DELAY, Duration.ZERO).build();

    private static Store connect(String protocol, String listener, TestUser user, Properties extra) throws Exception {
        Properties p = new Properties();
        p.put("mail." + protocol + ".host", "127.0.0.1");
        p.put("mail." + protocol + ".port", String.valueOf(gannet.port(listener)));
        p.put("mail." + protocol + ".ssl.trust", "*");
        p.put("mail." + protocol + ".connectiontimeout", "20000");
        p.put("mail." + protocol + ".timeout", "20000");
        p.putAll(extra);
        Session session = Session.getInstance(p);
        session.setDebug(Boolean.getBoolean("angus.debug"));
        Store store = session.getStore(protocol);
        store.connect(user.username(), "secret");
        return store;
    }

    private static byte[] raw(Message m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toByteArray();
    }

    @Test
    void readsUidsSizesHeadersAndBytesThenDeletesOnClose() throws Exception {
        TestUser user = gannet.createUser();
        List<byte[]> sent = new ArrayList<>();
        List<Appended> appended = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            byte[] m = ("From: a@example.com\r\nSubject: angus " + i + "\r\n\r\n.dot\r\nline " + i + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            sent.add(m);
            appended.add(Pop3Fixture.deliver(gannet, user, m));
        }
        Properties props = new Properties();
        props.put("mail.pop3.starttls.required", "true");
        Store store = connect("pop3", "pop3", user, props);
        POP3Folder inbox = (POP3Folder) store.getFolder("INBOX");
        inbox.open(Folder.READ_WRITE);
        assertThat(inbox.getMessageCount()).isEqualTo(3);
        Message[] messages = inbox.getMessages();
        for (int i = 0; i < 3; i++) {
            Message m = messages[i];
            assertThat(inbox.getUID(m)).isEqualTo(appended.get(i).uidValidity() + "." + appended.get(i).uid());
            assertThat(inbox.getSizes()[i]).isEqualTo(sent.get(i).length);
            assertThat(m.getSubject()).isEqualTo("angus " + (i + 1));
            Pop3Fixture.assertSameBytes(raw(m), sent.get(i), "message " + (i + 1));
        }
        messages[0].setFlag(Flags.Flag.DELETED, true);
        messages[2].setFlag(Flags.Flag.DELETED, true);
        inbox.close(true);
        store.close();
        assertThat(Pop3Fixture.inbox(gannet, user)).hasSize(1);
    }

    /** Run with -DargLine=-Dangus.debug=true to see that the first login uses AUTH PLAIN and the second USER/PASS. */
    @Test
    void implicitTlsWithAuthPlainAndWithUserPass() throws Exception {
        TestUser user = gannet.createUser();
        Pop3Fixture.deliver(gannet, user, "Subject: s\r\n\r\nb\r\n".getBytes(StandardCharsets.US_ASCII));
        Properties plain = new Properties();
        plain.put("mail.pop3s.auth.mechanisms", "PLAIN");
        Store a = connect("pop3s", "pop3s", user, plain);
        Folder f = a.getFolder("INBOX");
        f.open(Folder.READ_ONLY);
        assertThat(f.getMessageCount()).isEqualTo(1);
        f.close(false);
        a.close();
        Properties userPass = new Properties();
        userPass.put("mail.pop3s.auth.mechanisms", "LOGIN");
        Store b = connect("pop3s", "pop3s", user, userPass);
        Folder g = b.getFolder("INBOX");
        g.open(Folder.READ_ONLY);
        assertThat(g.getMessage(1).getSubject()).isEqualTo("s");
        g.close(false);
        b.close();
    }

    @Test
    void wrongPasswordAndMaildropInUse() throws Exception {
        TestUser user = gannet.createUser();
        Properties p = new Properties();
        p.put("mail.pop3.host", "127.0.0.1");
        p.put("mail.pop3.port", String.valueOf(gannet.port("pop3")));
        Store bad = Session.getInstance(p).getStore("pop3");
        assertThatThrownBy(() -> bad.connect(user.username(), "wrong")).isInstanceOf(AuthenticationFailedException.class);
        Store first = connect("pop3", "pop3", user, new Properties());
        Folder f = first.getFolder("INBOX");
        f.open(Folder.READ_WRITE);
        assertThatThrownBy(() -> connect("pop3", "pop3", user, new Properties())).hasMessageContaining("[IN-USE]");
        f.close(true);
        first.close();
    }
}
