package dev.gannet.imap.command.sort;

import dev.gannet.core.config.Settings;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** SORT (RFC 5256 §3, RFC 5957) and THREAD (RFC 5256 §4) through Python's imaplib sort() and thread(). */
class ImaplibSortThreadTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("imap")
            .set(Settings.IMAP_ALLOW_PLAINTEXT_AUTH, true).build();

    @Test
    void imaplibSortsAndThreads() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "python3 is not installed");
        TestUser user = gannet.createUser();
        Process p = new ProcessBuilder(List.of("/usr/bin/python3",
                Path.of(ImaplibSortThreadTest.class.getResource("/python/sort_thread.py").toURI()).toString(),
                "127.0.0.1", "" + gannet.port("imap"), user.username(), user.password())).redirectErrorStream(true).start();
        boolean done = p.waitFor(60, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(done).as("imaplib finished: %s", out).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        Map<String, String> results = out.lines().filter(l -> l.indexOf(' ') > 0)
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf(' ')), l -> l.substring(l.indexOf(' ') + 1), (a, b) -> b));
        assertThat(results).as(out).containsEntry("date", "3 1 2").containsEntry("reverse-arrival", "3 2 1")
                .containsEntry("displayfrom", "2 3 1").containsEntry("uid-subject", "3 1 2")
                .containsEntry("references", "(3)(1 2)").containsEntry("orderedsubject", "(3)(1 2)")
                .containsEntry("uid-refs", "(3)(1)");
    }
}
