package dev.gannet.pop3;

import dev.gannet.core.config.Settings;
import dev.gannet.core.mime.LineEndings;
import dev.gannet.core.store.Appended;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.GeneratedMail;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static dev.gannet.pop3.Pop3Fixture.deliver;
import static org.assertj.core.api.Assertions.assertThat;

/** Every POP3 command over a real socket, as RFC 1939, 2449 and 5034 describe the exchanges. */
class Pop3CommandsTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("pop3")
            .set(Settings.POP3_AUTH_FAILURE_DELAY, Duration.ofMillis(20)).build();

    private static Pop3TestClient client() throws Exception {
        return Pop3TestClient.connect(gannet.port("pop3"));
    }

    private static String plain(String authzid, String user, String password) {
        return Base64.getEncoder().encodeToString((authzid + "\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void greetingAndCapabilitiesBeforeAndAfterLogin() throws Exception {
        TestUser user = gannet.createUser();
        try (Pop3TestClient c = client()) {
            assertThat(c.readLine()).startsWith("+OK gannet.test POP3");
            assertThat(c.command("CAPA")).startsWith("+OK");
            assertThat(c.readLines()).containsExactly("TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING",
                    "USER", "SASL PLAIN", "STLS", "IMPLEMENTATION Gannet");
            assertThat(c.command("USER " + user.username())).startsWith("+OK");
            assertThat(c.command("PASS secret")).startsWith("+OK maildrop has 0 messages");
            assertThat(c.command("capa")).startsWith("+OK");
            assertThat(c.readLines()).containsExactly("TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING",
                    "IMPLEMENTATION Gannet");
            assertThat(c.command("QUIT")).startsWith("+OK");
            assertThat(c.readLine()).isNull();
        }
    }

    @Test
    void statListUidlRetrTopWithAndWithoutArguments() throws Exception {
        TestUser user = gannet.createUser();
        byte[] first = "Subject: one\r\n\r\n.leading dot\r\nline 2\r\n..two dots\r\nline 4\r\n".getBytes(StandardCharsets.US_ASCII);
        // random octets, with every LF preceded by CR as the store keeps them
        byte[] second = LineEndings.toCrlf(GeneratedMail.corpus().get("binary-attachment"));
        Appended a = deliver(gannet, user, first);
        Appended b = deliver(gannet, user, second);
        try (Pop3TestClient c = client()) {
            assertThat(c.login(user.username(), "secret")).isEqualTo("+OK maildrop has 2 messages ("
                    + (first.length + second.length) + " octets)");
            assertThat(c.command("STAT")).isEqualTo("+OK 2 " + (first.length + second.length));
            assertThat(c.command("LIST")).startsWith("+OK 2 messages");
            assertThat(c.readLines()).containsExactly("1 " + first.length, "2 " + second.length);
            assertThat(c.command("LIST 2")).isEqualTo("+OK 2 " + second.length);
            assertThat(c.command("UIDL")).startsWith("+OK");
            assertThat(c.readLines()).containsExactly("1 " + a.uidValidity() + "." + a.uid(),
                    "2 " + b.uidValidity() + "." + b.uid());
            assertThat(c.command("UIDL 1")).isEqualTo("+OK 1 " + a.uidValidity() + "." + a.uid());
            assertThat(c.command("RETR 1")).isEqualTo("+OK " + first.length + " octets");
            byte[] stuffed = c.readStuffedBody();
            assertThat(new String(stuffed, StandardCharsets.US_ASCII)).contains("\r\n..leading dot\r\n", "\r\n...two dots\r\n");
            assertThat(Pop3TestClient.unstuff(stuffed)).isEqualTo(first);
            assertThat(c.command("RETR 2")).startsWith("+OK");
            Pop3Fixture.assertSameBytes(c.readBody(), Pop3Fixture.retrieved(second), "RETR 2");
            assertThat(c.command("TOP 1 0")).startsWith("+OK");
            assertThat(c.readBody()).isEqualTo("Subject: one\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(c.command("TOP 1 2")).startsWith("+OK");
            assertThat(c.readBody()).isEqualTo("Subject: one\r\n\r\n.leading dot\r\nline 2\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(c.command("TOP 1 100")).startsWith("+OK");
            assertThat(c.readBody()).isEqualTo(first);
            assertThat(c.command("NOOP")).isEqualTo("+OK");
            assertThat(c.command("QUIT")).startsWith("+OK");
        }
    }

    @Test
    void everyStoredMessageComesBackByteForByte() throws Exception {
        TestUser user = gannet.createUser();
        Map<String, byte[]> corpus = GeneratedMail.corpus();
        List<byte[]> sent = List.copyOf(corpus.values());
        for (byte[] m : sent) {
            deliver(gannet, user, m);
        }
        try (Pop3TestClient c = client()) {
            assertThat(c.login(user.username(), "secret")).startsWith("+OK maildrop has " + sent.size());
            for (int i = 0; i < sent.size(); i++) {
                byte[] m = LineEndings.toCrlf(sent.get(i)); // what the store keeps: bare LFs made CRLF
                assertThat(c.command("LIST " + (i + 1))).isEqualTo("+OK " + (i + 1) + " " + m.length);
                assertThat(c.command("RETR " + (i + 1))).isEqualTo("+OK " + m.length + " octets");
                Pop3Fixture.assertSameBytes(c.readBody(), Pop3Fixture.retrieved(m), "message " + (i + 1));
            }
        }
    }

    @Test
    void deleRsetAndDeletedMessagesAreRefused() throws Exception {
        TestUser user = gannet.createUser();
        deliver(gannet, user, "Subject: a\r\n\r\na\r\n".getBytes(StandardCharsets.US_ASCII));
        deliver(gannet, user, "Subject: b\r\n\r\nbb\r\n".getBytes(StandardCharsets.US_ASCII));
        try (Pop3TestClient c = client()) {
            c.login(user.username(), "secret");
            assertThat(c.command("DELE 1")).isEqualTo("+OK message 1 deleted");
            assertThat(c.command("DELE 1")).startsWith("-ERR");
            assertThat(c.command("RETR 1")).startsWith("-ERR");
            assertThat(c.command("TOP 1 0")).startsWith("-ERR");
            assertThat(c.command("LIST 1")).startsWith("-ERR");
            assertThat(c.command("UIDL 1")).startsWith("-ERR");
            assertThat(c.command("STAT")).isEqualTo("+OK 1 18");
            assertThat(c.command("LIST")).startsWith("+OK 1 messages");
            assertThat(c.readLines()).containsExactly("2 18");
            assertThat(c.command("RSET")).startsWith("+OK maildrop has 2 messages");
            assertThat(c.command("STAT")).isEqualTo("+OK 2 35");
            assertThat(c.command("RETR 3")).isEqualTo("-ERR no such message");
            assertThat(c.command("RETR 0")).isEqualTo("-ERR no such message");
            assertThat(c.command("RETR 99999999999999")).isEqualTo("-ERR no such message");
            assertThat(c.command("QUIT")).startsWith("+OK");
        }
        assertThat(Pop3Fixture.inbox(gannet, user)).hasSize(2);
    }

    @Test
    void authPlainWithAndWithoutInitialResponse() throws Exception {
        TestUser user = gannet.createUser();
        try (Pop3TestClient c = client()) {
            c.readLine();
            assertThat(c.command("AUTH")).startsWith("+OK");
            assertThat(c.readLines()).containsExactly("PLAIN");
            assertThat(c.command("AUTH PLAIN " + plain("", user.username(), "secret"))).startsWith("+OK maildrop");
        }
        try (Pop3TestClient c = client()) {
            c.readLine();
            assertThat(c.command("AUTH PLAIN")).isEqualTo("+ ");
            assertThat(c.command(plain(user.username(), user.username(), "secret"))).startsWith("+OK maildrop");
        }
        try (Pop3TestClient c = client()) {
            c.readLine();
            assertThat(c.command("AUTH PLAIN")).isEqualTo("+ ");
            assertThat(c.command("*")).startsWith("-ERR");
            assertThat(c.command("AUTH PLAIN")).isEqualTo("+ ");
            assertThat(c.command("%%%not base64")).startsWith("-ERR");
            assertThat(c.command("AUTH PLAIN !!!")).startsWith("-ERR");
            assertThat(c.command("AUTH PLAIN " + plain("", user.username(), "wrong"))).startsWith("-ERR [AUTH]");
            assertThat(c.command("AUTH PLAIN " + plain("someoneelse", user.username(), "secret"))).startsWith("-ERR [AUTH]");
            assertThat(c.command("AUTH CRAM-MD5")).startsWith("-ERR");
            assertThat(c.command("AUTH PLAIN =")).startsWith("-ERR");
            assertThat(c.command("AUTH PLAIN " + plain("", user.username(), "secret"))).startsWith("+OK");
        }
    }

    @Test
    void badCredentialsAndStateErrors() throws Exception {
        TestUser user = gannet.createUser();
        try (Pop3TestClient c = client()) {
            c.readLine();
            assertThat(c.command("STAT")).isEqualTo("-ERR command not valid in this state");
            assertThat(c.command("PASS secret")).isEqualTo("-ERR USER first");
            assertThat(c.command("USER " + user.username())).startsWith("+OK");
            assertThat(c.command("PASS nope")).startsWith("-ERR [AUTH]");
            assertThat(c.command("USER nobody-here")).startsWith("+OK");
            assertThat(c.command("PASS secret")).startsWith("-ERR [AUTH]");
            assertThat(c.command("USER " + user.username())).startsWith("+OK");
            assertThat(c.command("PASS secret")).startsWith("+OK");
            assertThat(c.command("USER x")).isEqualTo("-ERR command not valid in this state");
            assertThat(c.command("STLS")).isEqualTo("-ERR command not valid in this state");
            assertThat(c.command("QUIT")).startsWith("+OK");
        }
    }

    @Test
    void malformedInputGetsErrAndTheSessionGoesOn() throws Exception {
        TestUser user = gannet.createUser();
        deliver(gannet, user, "Subject: a\r\n\r\na\r\n".getBytes(StandardCharsets.US_ASCII));
        try (Pop3TestClient c = client()) {
            c.readLine();
            assertThat(c.command("")).startsWith("-ERR");
            assertThat(c.command("XYZZY")).isEqualTo("-ERR unknown command");
            assertThat(c.command("x".repeat(10_000))).isEqualTo("-ERR line too long");
            assertThat(c.command("USER " + "u".repeat(10_000))).isEqualTo("-ERR line too long");
            assertThat(c.command("\u0000\u0001\u00ff")).startsWith("-ERR");
            assertThat(c.command("USER " + user.username())).startsWith("+OK");
            assertThat(c.command("PASS secret")).startsWith("+OK");
            assertThat(c.command("RETR")).startsWith("-ERR");
            assertThat(c.command("RETR x")).isEqualTo("-ERR invalid number");
            assertThat(c.command("RETR -1")).isEqualTo("-ERR invalid number");
            assertThat(c.command("TOP 1")).startsWith("-ERR");
            assertThat(c.command("TOP 1 -1")).startsWith("-ERR");
            assertThat(c.command("LIST 1 2")).startsWith("-ERR");
            assertThat(c.command("STAT now")).startsWith("-ERR");
            assertThat(c.command("list 1")).isEqualTo("+OK 1 17");
            c.sendRaw(("y".repeat(10_000) + "\nSTAT\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(c.readLine()).isEqualTo("-ERR line too long");
            assertThat(c.readLine()).isEqualTo("+OK 1 17");
        }
    }

    @Test
    void pipelinedCommandsAreAnsweredInOrder() throws Exception {
        TestUser user = gannet.createUser();
        byte[] m = "Subject: p\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        deliver(gannet, user, m);
        deliver(gannet, user, m);
        try (Pop3TestClient c = client()) {
            c.readLine();
            c.sendRaw(("CAPA\r\nUSER " + user.username() + "\r\nPASS secret\r\nSTAT\r\nRETR 1\r\nLIST\r\nDELE 2\r\n"
                    + "RETR 2\r\nUIDL 1\r\nNOOP\r\nQUIT\r\nNOOP\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(c.readLine()).startsWith("+OK");
            assertThat(c.readLines()).contains("PIPELINING");
            assertThat(c.readLine()).startsWith("+OK");
            assertThat(c.readLine()).startsWith("+OK maildrop has 2");
            assertThat(c.readLine()).isEqualTo("+OK 2 " + 2 * m.length);
            assertThat(c.readLine()).isEqualTo("+OK " + m.length + " octets");
            assertThat(c.readBody()).isEqualTo(m);
            assertThat(c.readLine()).startsWith("+OK 2 messages");
            assertThat(c.readLines()).hasSize(2);
            assertThat(c.readLine()).isEqualTo("+OK message 2 deleted");
            assertThat(c.readLine()).startsWith("-ERR");
            assertThat(c.readLine()).startsWith("+OK 1 ");
            assertThat(c.readLine()).startsWith("+OK");
            assertThat(c.readLine()).startsWith("+OK");
            assertThat(c.readLine()).isNull();
        }
        assertThat(Pop3Fixture.inbox(gannet, user)).hasSize(1);
    }
}
