package dev.gannet.imap;

import dev.gannet.core.testing.TrustAll;

import dev.gannet.core.testing.GannetExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.net.ssl.SSLSocket;
import java.net.Socket;

import static org.assertj.core.api.Assertions.assertThat;

/** STARTTLS (RFC 3501 §6.2.1) and implicit TLS on the imaps listener (RFC 8314). */
class TlsTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("imap").build();

    @Test
    void startTlsUpgradesAndDropsWhatWasPipelinedInPlainText() throws Exception {
        try (ImapTestClient c = ImapTestClient.connect(gannet.port("imap"))) {
            assertThat(c.readLine()).contains("STARTTLS");
            c.sendRaw("a1 STARTTLS\r\ninjected LOGOUT\r\n".getBytes());
            assertThat(c.readLine()).isEqualTo("a1 OK Begin TLS negotiation now");
            Socket plain = c.socket();
            SSLSocket tls = (SSLSocket) TrustAll.context().getSocketFactory().createSocket(plain, "127.0.0.1", plain.getPort(), true);
            tls.startHandshake();
            c.use(tls);
            var caps = c.command("a2", "CAPABILITY");
            assertThat(caps.get(0)).startsWith("* CAPABILITY IMAP4rev1").doesNotContain("STARTTLS").contains("AUTH=PLAIN");
            assertThat(caps.get(1)).isEqualTo("a2 OK Capability completed");
            assertThat(c.command("a3", "STARTTLS")).containsExactly("a3 BAD Command not available");
            var user = gannet.createUser();
            assertThat(c.command("a4", "LOGIN " + user.username() + " " + user.password()).get(0)).startsWith("a4 OK");
        }
    }

    @Test
    void implicitTlsListenerGreetsInsideTls() throws Exception {
        try (SSLSocket s = (SSLSocket) TrustAll.context().getSocketFactory().createSocket("127.0.0.1", gannet.port("imaps"))) {
            s.startHandshake();
            ImapTestClient c = new ImapTestClient(s);
            String greeting = c.readLine();
            assertThat(greeting).startsWith("* OK [CAPABILITY IMAP4rev1").doesNotContain("STARTTLS");
            assertThat(c.command("a1", "LOGOUT")).containsExactly("* BYE Logging out", "a1 OK Logout completed");
        }
    }
}
