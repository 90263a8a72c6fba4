package dev.gannet.lmtp.e2e;

import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 50 concurrent smtplib.LMTP connections deliver 5,000 distinct messages to 50 users; every one must be
 * stored exactly once and byte for byte. Bounded in count; the time limit is only a generous backstop.
 */
class LoadTest {

    private static final int USERS = 50;
    private static final int MESSAGES = 5_000;
    private static final int CONNECTIONS = 50;
    private static final Pattern SEQ = Pattern.compile("X-Load-Seq: (\\d+)\r\n");

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("lmtp").build();

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void fiftyConnectionsDeliverFiveThousandMessagesEachStoredOnceExactly(@TempDir Path dir) throws Exception {
        List<TestUser> users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            users.add(gannet.createUser());
        }
        Random random = new Random(2033);
        Map<Integer, byte[]> sent = new HashMap<>();
        for (int n = 0; n < MESSAGES; n++) {
            StringBuilder body = new StringBuilder();
            int lines = 1 + random.nextInt(60);
            for (int l = 0; l < lines; l++) {
                body.append(random.nextInt(10) == 0 ? "." : "").append("line ").append(l).append(" é ")
                        .append(Long.toHexString(random.nextLong()).repeat(1 + random.nextInt(8))).append("\r\n");
            }
            byte[] msg = ("From: load@example.org\r\nTo: someone@gannet.test\r\nSubject: load " + n + "\r\nX-Load-Seq: " + n
                    + "\r\nMessage-ID: <load-" + n + "@example.org>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8);
            sent.put(n, msg);
            Files.write(dir.resolve(n + ".eml"), msg);
            Files.writeString(dir.resolve(n + ".rcpt"), users.get(n % USERS).address().toString());
        }

        PythonLmtp.Result r = PythonLmtp.run(900, "load", "" + gannet.port("lmtp"), "" + CONNECTIONS, dir.toString());
        assertThat(r.lines()).filteredOn(l -> l.startsWith("FAIL")).isEmpty();
        assertThat(r.exit()).isZero();
        assertThat(r.lines()).hasSize(MESSAGES).allMatch(l -> l.matches("DATA \\d+ 250 2\\.0\\.0 .*"));

        Map<Integer, Integer> seen = new HashMap<>();
        for (TestUser u : users) {
            for (byte[] stored : Stored.messages(gannet, u, "INBOX")) {
                Matcher m = SEQ.matcher(new String(stored, StandardCharsets.UTF_8));
                assertThat(m.find()).isTrue();
                int n = Integer.parseInt(m.group(1));
                assertThat(n % USERS).as("delivered to the right user").isEqualTo(users.indexOf(u));
                Stored.trace(stored, sent.get(n));
                seen.merge(n, 1, Integer::sum);
            }
        }
        assertThat(seen).hasSize(MESSAGES);
        assertThat(seen.values()).allMatch(c -> c == 1);
    }
}
