package dev.gannet.imap;

import dev.gannet.core.config.Settings;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * Runs every protocol script under {@code src/test/resources/scripts} against one node, each with a fresh
 * user; see {@link ScriptRunner} for the format. {@code -Dscripts.only=NAME} runs the scripts whose path
 * contains NAME, {@code -Dscripts.repeat=N} runs each N times (to chase races).
 */
class ScriptTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("imap")
            .set(Settings.IMAP_AUTH_FAILURE_DELAY, Duration.ofMillis(100))
            .set(Settings.IMAP_APPEND_LIMIT, 1L << 20).build();

    @TestFactory
    Stream<DynamicTest> scripts() throws IOException, URISyntaxException {
        Path dir = Path.of(ScriptTest.class.getResource("/scripts").toURI());
        String only = System.getProperty("scripts.only", "");
        int repeat = Integer.getInteger("scripts.repeat", 1);
        return Files.walk(dir).filter(p -> p.toString().endsWith(".txt") && p.toString().contains(only)).sorted()
                .flatMap(p -> Stream.generate(() -> p).limit(repeat))
                .map(p -> DynamicTest.dynamicTest(dir.relativize(p).toString(), p.toUri(), () -> {
                    TestUser user = gannet.createUser();
                    new ScriptRunner(gannet, user).run(Files.readAllLines(p));
                }));
    }
}
