package dev.gannet.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gannet.core.config.Settings;
import dev.gannet.core.store.User;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.GeneratedMail;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's provisioning command and a byte-exact upload/download with the real curl client. */
class CurlTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("api")
            .set(Settings.API_ACCESS_TOKEN, "root-token").build();

    private static byte[] curl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-s", "-S", "--fail-with-body"));
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            Assumptions.abort("curl is not installed");
            return null;
        }
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).as(new String(out)).isZero();
        return out;
    }

    @Test
    void readmeCommandCreatesAUserAndRawMessagesRoundTrip() throws Exception {
        String base = "http://127.0.0.1:" + gannet.port("api");
        JsonNode created = ApiClient.JSON.readTree(curl("-H", "X-Access-Token: root-token",
                "-d", "{\"username\":\"ann\",\"password\":\"pw\",\"address\":\"ann@example.org\"}", base + "/users"));
        assertThat(created.get("success").asBoolean()).isTrue();
        User ann = gannet.store().users().authenticate("ann", "pw").block(Duration.ofSeconds(10));
        assertThat(ann.id().value()).isEqualTo(created.get("id").asText());

        byte[] message = GeneratedMail.corpus().values().stream().filter(b -> b.length > 0).findFirst().orElseThrow();
        Path file = Files.createTempFile("curl-upload", ".eml");
        try {
            Files.write(file, message);
            String inbox = gannet.store().mailboxes().get(ann.id(), dev.gannet.core.store.MailboxName.INBOX)
                    .block(Duration.ofSeconds(10)).id().value();
            String messages = base + "/users/" + ann.id() + "/mailboxes/" + inbox + "/messages";
            JsonNode up = ApiClient.JSON.readTree(curl("-H", "Authorization: Bearer root-token",
                    "-H", "Content-Type: message/rfc822", "--data-binary", "@" + file, messages));
            long id = up.get("message").get("id").asLong();
            assertThat(curl("-H", "X-Access-Token: root-token", messages + "/" + id + "/message.eml")).isEqualTo(message);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
