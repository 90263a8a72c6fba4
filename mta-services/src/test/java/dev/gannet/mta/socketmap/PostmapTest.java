package dev.gannet.mta.socketmap;

import dev.gannet.core.store.EmailAddress;
import dev.gannet.core.store.ForwardedAddress;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's Postfix asks the socketmap service through its own client: {@code postmap -q KEY
 * socketmap:inet:127.0.0.1:PORT:MAP} prints the value and exits 0 for a key Gannet knows, and exits 1 with no
 * output for one it does not. Run with an empty main.cf of its own, so no Postfix installation is needed beyond
 * the package (.ci/run installs it).
 */
class PostmapTest {

    private static final Path POSTMAP = Path.of("/usr/sbin/postmap");

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("socketmap").build();

    @TempDir
    static Path config;

    record Result(int exit, String out) {
    }

    @BeforeAll
    static void postfixConfig() throws IOException {
        Files.writeString(config.resolve("main.cf"), "");
    }

    private static Result postmap(String map, String key) throws Exception {
        assumeTrue(Files.isExecutable(POSTMAP) || System.getenv("CI") != null,
                "Postfix's postmap is not installed (apt-get install postfix); the socketmap is tested without it");
        Process p = new ProcessBuilder(POSTMAP.toString(), "-c", config.toString(), "-q", key,
                "socketmap:inet:127.0.0.1:" + gannet.port("socketmap") + ":" + map).redirectErrorStream(true).start();
        p.getOutputStream().close();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("postmap did not finish within 30 s");
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
    }

    @Test
    void postmapAnswersEveryMapThroughTheService() throws Exception {
        String d = "postmap" + System.nanoTime() + ".test";
        TestUser alice = gannet.createUser();
        gannet.store().addresses().add(alice.id(), EmailAddress.parse("alice@" + d), false).block(Duration.ofSeconds(30));
        gannet.store().forwarding().create(new ForwardedAddress(ForwardedAddress.newId(), EmailAddress.parse("team@" + d),
                "", List.of("a@one.test", "b@two.test"), 0, null, null, false, Instant.now())).block(Duration.ofSeconds(30));

        assertThat(postmap("domains", d)).isEqualTo(new Result(0, d));
        assertThat(postmap("domains", "nowhere.test")).isEqualTo(new Result(1, ""));
        assertThat(postmap("mailboxes", "alice@" + d)).isEqualTo(new Result(0, alice.address().toString()));
        assertThat(postmap("mailboxes", "alice+news@" + d)).isEqualTo(new Result(0, alice.address().toString()));
        assertThat(postmap("mailboxes", "bob@" + d)).isEqualTo(new Result(1, ""));
        assertThat(postmap("aliases", "team@" + d)).isEqualTo(new Result(0, "a@one.test,b@two.test"));
        assertThat(postmap("aliases", "alice@" + d)).isEqualTo(new Result(1, ""));
        assertThat(postmap("senders", "alice@" + d)).isEqualTo(new Result(0, alice.username()));
        assertThat(postmap("senders", "team@" + d)).isEqualTo(new Result(1, ""));
    }

    @Test
    void anUnknownMapIsAnErrorPostmapReports() throws Exception {
        Result r = postmap("transport", "a@b.test");
        assertThat(r.exit()).isNotZero();
        assertThat(r.out()).contains("unknown map");
    }
}
