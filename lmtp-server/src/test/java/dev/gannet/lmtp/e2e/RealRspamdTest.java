package dev.gannet.lmtp.e2e;

import dev.gannet.core.config.Settings;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's rspamd, started here as a child process on a free loopback port with a minimal configuration in a
 * temporary directory (Debian's rules, no Redis, a four-entry TLD list so it starts in seconds): GTUBE delivered over
 * LMTP lands in Junk with rspamd's verdict fields, a plain message in INBOX. Skipped where rspamd is not installed.
 */
class RealRspamdTest {

    static final String GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";
    static final int PORT = FakeRspamd.freePort();
    static Path dir;
    static Process rspamd;

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("lmtp")
            .set(Settings.RSPAMD_ENABLED, true)
            .set(Settings.RSPAMD_URL, "http://127.0.0.1:" + PORT)
            .set(Settings.RSPAMD_TIMEOUT, Duration.ofSeconds(10))
            .set(Settings.LMTP_SPAM_HEADERS, List.of())
            .build();

    private static String rspamdBinary() {
        return Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin:/usr/sbin").split(":"))
                .map(d -> Paths.get(d, "rspamd")).filter(Files::isExecutable).map(Path::toString).findFirst().orElse(null);
    }

    @BeforeAll
    static void startRspamd() throws Exception {
        FakeRspamd.countMeters(gannet);
        String binary = rspamdBinary();
        Assumptions.assumeTrue(binary != null && Files.isDirectory(Paths.get("/etc/rspamd")),
                "rspamd is not installed (apt-get install rspamd): the test against a real rspamd is skipped");
        dir = Files.createTempDirectory("rspamd-test");
        Files.createDirectories(dir.resolve("db"));
        Files.createDirectories(dir.resolve("local"));
        Files.writeString(dir.resolve("tld.dat"), "com\norg\nnet\ntest\n");
        Files.writeString(dir.resolve("rspamd.conf"), """
                .include "$CONFDIR/common.conf"
                options {
                    pidfile = "$RUNDIR/rspamd.pid";
                    filters = "chartable,dkim,regexp,fuzzy_check";
                    cache_file = "$DBDIR/symbols.cache";
                    dynamic_conf = "$DBDIR/rspamd_dynamic";
                    history_file = "$DBDIR/rspamd.history";
                    stats_file = "$DBDIR/stats.ucl";
                    hs_cache_dir = "$DBDIR/";
                    tempdir = "$DBDIR";
                    url_tld = "%s";
                    explicit_modules = ["settings", "bayes_expiry"];
                    allow_raw_input = true;
                    disable_hyperscan = true;
                    task_timeout = 8s;
                    dns { timeout = 1s; retransmits = 1; }
                }
                logging {
                    type = "file";
                    filename = "$LOGDIR/rspamd.log";
                    level = "warning";
                }
                worker "normal" {
                    bind_socket = "127.0.0.1:%d";
                    .include "$CONFDIR/worker-normal.inc"
                    count = 1;
                }
                """.formatted(dir.resolve("tld.dat"), PORT));
        // -i: containers run tests as root, which rspamd otherwise refuses
        rspamd = new ProcessBuilder(binary, "-f", "-i", "-c", dir.resolve("rspamd.conf").toString(),
                "--var=LOCAL_CONFDIR=" + dir.resolve("local"), "--var=DBDIR=" + dir.resolve("db"),
                "--var=RUNDIR=" + dir, "--var=LOGDIR=" + dir)
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                HttpResponse<String> pong = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/ping"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (pong.body().contains("pong")) {
                    break;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (!rspamd.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("rspamd did not start: " + log());
            }
            Thread.sleep(100);
        }
    }

    private static String log() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String f : List.of("stdout.log", "rspamd.log")) {
            Path p = dir.resolve(f);
            if (Files.exists(p)) {
                String text = Files.readString(p, StandardCharsets.ISO_8859_1);
                sb.append(f).append(": ").append(text, Math.max(0, text.length() - 2000), text.length()).append('\n');
            }
        }
        return sb.toString();
    }

    @AfterAll
    static void stopRspamd() throws Exception {
        if (rspamd == null) {
            return;
        }
        List<ProcessHandle> workers = rspamd.descendants().toList();
        rspamd.destroy();
        if (!rspamd.waitFor(10, TimeUnit.SECONDS)) {
            rspamd.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        workers.forEach(ProcessHandle::destroyForcibly);
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private byte[] deliver(TestUser u, String subject, String body) throws Exception {
        byte[] msg = ("From: Alice <alice@example.org>\r\nTo: " + u.address() + "\r\nSubject: " + subject + "\r\n"
                + "Date: Tue, 8 Dec 2026 00:00:00 +0000\r\nMessage-ID: <" + System.nanoTime() + "@example.org>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII);
        Path f = Files.createTempFile(dir, "msg", ".eml");
        Files.write(f, msg);
        PythonLmtp.Result r = PythonLmtp.run(60, "deliver", "" + gannet.port("lmtp"), "alice@example.org", f.toString(),
                u.address().toString());
        assertThat(r.reply("DATA", u.address().toString())).startsWith("250 2.0.0");
        return msg;
    }

    @Test
    void gtubeGoesToJunkAndAPlainMessageToInbox() throws Exception {
        TestUser u = gannet.createUser();
        double checked = FakeRspamd.count(gannet, "gannet.rspamd.checked");
        deliver(u, "test pattern", "This is the GTUBE, the Generic Test for Unsolicited Bulk Email\r\n\r\n" + GTUBE + "\r\n");
        deliver(u, "lunch tomorrow", "Hello,\r\n\r\nshall we meet for lunch at noon tomorrow?\r\n\r\nAlice\r\n");

        List<byte[]> junk = Stored.messages(gannet, u, "Junk");
        List<byte[]> inbox = Stored.messages(gannet, u, "INBOX");
        assertThat(junk).hasSize(1);
        assertThat(inbox).hasSize(1);
        assertThat(new String(junk.get(0), StandardCharsets.US_ASCII)).contains(GTUBE)
                .containsPattern("\r\nX-Spam-Status: Yes, score=[0-9.]+ required=[0-9.]+\r\nX-Rspamd-Action: reject\r\n");
        assertThat(new String(inbox.get(0), StandardCharsets.US_ASCII)).contains("lunch tomorrow")
                .containsPattern("\r\nX-Spam-Status: No, score=[0-9.-]+ required=[0-9.]+\r\nX-Rspamd-Action: no action\r\n");
        assertThat(FakeRspamd.count(gannet, "gannet.rspamd.checked") - checked).isEqualTo(2);
    }
}
