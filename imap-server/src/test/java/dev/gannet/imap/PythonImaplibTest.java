package dev.gannet.imap;

import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A real client: Python's imaplib runs {@code src/test/resources/python/imaplib_client.py} against the server. */
class PythonImaplibTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("imap").build();

    @Test
    void imaplibSession() throws Exception {
        Assumptions.assumeTrue(Tools.onPath("python3"), "python3 is not installed");
        TestUser user = gannet.createUser();
        Path script = Path.of(PythonImaplibTest.class.getResource("/python/imaplib_client.py").toURI());
        String out = Tools.run(new ProcessBuilder("python3", script.toString(), "127.0.0.1",
                Integer.toString(gannet.port("imap")), user.username(), user.password()), 120);
        assertThat(out).contains("imaplib OK");
    }
}
