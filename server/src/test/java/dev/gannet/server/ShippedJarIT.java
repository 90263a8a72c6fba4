package dev.gannet.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README's quick start as a user runs it: the shaded {@code target/gannet.jar} with {@code config/quickstart.toml}
 * (ports moved to free ones and the data into a temporary directory) starts every default role and answers IMAP.
 * Unit tests run on the classpath of the modules; only this test sees what the jar leaves out.
 */
class ShippedJarIT {

    private static final Pattern LISTENING = Pattern.compile("(\\w+) listening on \\S+:(\\d+)");

    @TempDir
    Path dir;

    @Test
    void theQuickStartJarStartsEveryRoleAndAnswersImap() throws Exception {
        Path jar = Path.of("target", "gannet.jar").toAbsolutePath();
        Path config = Path.of("..", "config", "quickstart.toml").toAbsolutePath().normalize();
        assertThat(jar).exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--config", config.toString(), "--set", "store.dataDir=" + dir.resolve("data")));
        for (String role : List.of("imap", "pop3", "lmtp", "api", "managesieve", "socketmap", "policy")) {
            command.addAll(List.of("--set", role + ".port=0"));
        }
        command.addAll(List.of("--set", "imap.tlsPort=0", "--set", "pop3.tlsPort=0"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        Map<String, Integer> ports = Collections.synchronizedMap(new TreeMap<>());
        CountDownLatch started = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    output.add(line);
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        ports.put(m.group(1), Integer.parseInt(m.group(2)));
                    }
                    if (line.contains("started in")) {
                        started.countDown();
                    }
                }
            } catch (java.io.IOException e) {
                // the process ended
            }
        }, "gannet-jar-output");
        reader.setDaemon(true);
        reader.start();
        try {
            assertThat(started.await(120, TimeUnit.SECONDS)).as(String.join("\n", output)).isTrue();
            assertThat(ports.keySet()).as(String.join("\n", output)).contains("imap", "pop3", "lmtp", "api", "managesieve",
                    "socketmap", "policy");
            assertThat(output).noneMatch(l -> l.contains("Exception") || l.contains(" ERROR "));
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), ports.get("imap"))) {
                s.setSoTimeout(10_000);
                String greeting = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
                assertThat(greeting).startsWith("* OK");
            }
        } finally {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        assertThat(Files.exists(dir.resolve("data"))).isTrue();
    }
}
