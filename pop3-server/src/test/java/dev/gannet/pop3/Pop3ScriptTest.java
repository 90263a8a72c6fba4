package dev.gannet.pop3;

import dev.gannet.core.config.Settings;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Protocol scripts under {@code src/test/resources/scripts}, one behaviour each, every one against a fresh
 * user. {@code C:} lines are sent; {@code S:} lines must come back exactly, {@code S~} lines must match the
 * regular expression; {@code # deliver: ...} puts a message (with {@code \r\n} escapes) into INBOX first.
 * {@code ${user}} is the user's name and {@code ${plain}} its SASL PLAIN response.
 */
class Pop3ScriptTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("pop3")
            .set(Settings.POP3_AUTH_FAILURE_DELAY, Duration.ZERO).build();

    @ParameterizedTest
    @ValueSource(strings = {"capa-before-and-after-login", "list-uidl-retr-top", "dele-rset-quit", "auth-plain",
            "bad-input"})
    void script(String name) throws IOException {
        List<String> lines;
        try (InputStream in = Pop3ScriptTest.class.getResourceAsStream("/scripts/" + name + ".txt")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        TestUser user = gannet.createUser();
        String plain = Base64.getEncoder().encodeToString(("\0" + user.username() + "\0secret").getBytes(StandardCharsets.UTF_8));
        for (String line : lines) {
            if (line.startsWith("# deliver: ")) {
                String message = line.substring("# deliver: ".length()).replace("\\r\\n", "\r\n");
                Pop3Fixture.deliver(gannet, user, message.getBytes(StandardCharsets.UTF_8));
            }
        }
        try (Pop3TestClient c = Pop3TestClient.connect(gannet.port("pop3"))) {
            int n = 0;
            for (String raw : lines) {
                n++;
                String line = raw.replace("${user}", user.username()).replace("${plain}", plain);
                if (line.startsWith("C: ")) {
                    c.send(line.substring(3));
                } else if (line.startsWith("S: ")) {
                    assertThat(c.readLine()).as("%s line %d", name, n).isEqualTo(line.substring(3));
                } else if (line.startsWith("S~ ")) {
                    assertThat(c.readLine()).as("%s line %d", name, n).matches(line.substring(3));
                }
            }
        }
    }
}
