package dev.gannet.pop3.clients;

import dev.gannet.core.config.Settings;
import dev.gannet.core.store.Appended;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.GeneratedMail;
import dev.gannet.core.testing.TestUser;
import dev.gannet.pop3.Pop3Fixture;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** curl's POP3 client: listing, UIDL, retrieving exact bytes over STLS and implicit TLS, deleting. */
class CurlTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("pop3")
            .set(Settings.POP3_AUTH_FAILURE_DELAY, Duration.ZERO).build();

    private static List<String> curl(TestUser user, String url, String... extra) {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "60", "-k", "-u", user.username() + ":secret"));
        cmd.addAll(List.of(extra));
        cmd.add(url);
        return cmd;
    }

    @Test
    void listsRetrievesAndDeletes(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(ExternalProcess.available("curl"), "curl not installed");
        TestUser user = gannet.createUser();
        byte[] first = "Subject: curl\r\n\r\n.starts with a dot\r\n..two\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] second = GeneratedMail.corpus().get("base64-76-crlf");
        Appended a = Pop3Fixture.deliver(gannet, user, first);
        Appended b = Pop3Fixture.deliver(gannet, user, second);
        String plain = "pop3://127.0.0.1:" + gannet.port("pop3") + "/";
        String tls = "pop3s://127.0.0.1:" + gannet.port("pop3s") + "/";

        assertThat(ExternalProcess.run(curl(user, plain, "--ssl-reqd"), dir))
                .isEqualTo("1 " + first.length + "\r\n2 " + second.length + "\r\n");
        assertThat(ExternalProcess.run(curl(user, plain, "-X", "UIDL"), dir))
                .isEqualTo("1 " + a.uidValidity() + "." + a.uid() + "\r\n2 " + b.uidValidity() + "." + b.uid() + "\r\n");

        ExternalProcess.run(curl(user, plain + "1", "--ssl-reqd", "-o", dir.resolve("1.eml").toString()), dir);
        Pop3Fixture.assertSameBytes(Files.readAllBytes(dir.resolve("1.eml")), first, "RETR 1 over STLS");
        ExternalProcess.run(curl(user, tls + "2", "--login-options", "AUTH=PLAIN", "-o", dir.resolve("2.eml").toString()), dir);
        Pop3Fixture.assertSameBytes(Files.readAllBytes(dir.resolve("2.eml")), Pop3Fixture.retrieved(second),
                "RETR 2 over pop3s (POP3 ends the unterminated last line)");

        ExternalProcess.run(curl(user, plain + "1", "-X", "DELE", "-I"), dir);
        assertThat(Pop3Fixture.inbox(gannet, user)).hasSize(1);
        assertThat(ExternalProcess.run(curl(user, plain), dir)).isEqualTo("1 " + second.length + "\r\n");
    }
}
