package dev.gannet.pop3.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gannet.core.store.Appended;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import dev.gannet.pop3.Pop3Fixture;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Python's poplib drives every command, STLS and AUTH PLAIN against a running node. */
class PoplibTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("pop3")
            .set(dev.gannet.core.config.Settings.POP3_AUTH_FAILURE_DELAY, java.time.Duration.ZERO).build();

    @Test
    void aWholeSession(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(ExternalProcess.available("python3"), "python3 not installed");
        TestUser user = gannet.createUser();
        List<byte[]> sent = List.of(
                "Subject: first\r\nFrom: a@example.com\r\n\r\n.dot line\r\nsecond line\r\n".getBytes(StandardCharsets.US_ASCII),
                "Subject: second\r\n\r\n..\r\n.\r\nend\r\n".getBytes(StandardCharsets.US_ASCII),
                ("Subject: big\r\n\r\n" + "0123456789abcdef".repeat(8) + "\r\n").repeat(5000).getBytes(StandardCharsets.US_ASCII));
        List<Appended> appended = new ArrayList<>();
        for (byte[] m : sent) {
            appended.add(Pop3Fixture.deliver(gannet, user, m));
        }
        String json = ExternalProcess.run(List.of("python3", ExternalProcess.script("poplib_session.py", dir).toString(),
                String.valueOf(gannet.port("pop3")), user.username(), "secret", dir.toString()), dir);
        JsonNode r = new ObjectMapper().readTree(json);
        long total = sent.stream().mapToLong(m -> m.length).sum();
        assertThat(r.get("welcome").asText()).startsWith("+OK");
        assertThat(r.get("capa").toString()).contains("STLS", "USER", "SASL", "TOP", "UIDL", "PIPELINING", "RESP-CODES");
        assertThat(r.get("capa_tls").toString()).doesNotContain("STLS");
        assertThat(r.get("pass").asText()).startsWith("+OK maildrop has 3 messages");
        assertThat(r.get("stat").toString()).isEqualTo("[3," + total + "]");
        assertThat(r.get("list").toString()).isEqualTo("[\"1 " + sent.get(0).length + "\",\"2 " + sent.get(1).length
                + "\",\"3 " + sent.get(2).length + "\"]");
        assertThat(r.get("list_1").asText()).isEqualTo("+OK 1 " + sent.get(0).length);
        Appended a1 = appended.get(0);
        assertThat(r.get("uidl").get(0).asText()).isEqualTo("1 " + a1.uidValidity() + "." + a1.uid());
        assertThat(r.get("uidl_1").asText()).isEqualTo("+OK 1 " + a1.uidValidity() + "." + a1.uid());
        for (int i = 0; i < sent.size(); i++) {
            Pop3Fixture.assertSameBytes(Files.readAllBytes(dir.resolve((i + 1) + ".eml")), sent.get(i), "message " + (i + 1));
        }
        assertThat(r.get("top_1_1").toString()).isEqualTo("[\"Subject: first\",\"From: a@example.com\",\"\",\".dot line\"]");
        assertThat(r.get("dele_1").asText()).startsWith("+OK");
        assertThat(r.get("retr_deleted").asText()).contains("-ERR");
        assertThat(r.get("retr_missing").asText()).contains("-ERR no such message");
        assertThat(r.get("rset").asText()).startsWith("+OK");
        assertThat(r.get("noop").asText()).startsWith("+OK");
        assertThat(r.get("dele_last").asText()).startsWith("+OK");
        assertThat(r.get("quit").asText()).startsWith("+OK");
        assertThat(r.get("auth_ir").asText()).startsWith("+OK maildrop has 2 messages");
        assertThat(r.get("stat_after_auth").get(0).asInt()).isEqualTo(2);
        assertThat(r.get("auth_challenge").asText()).isEqualTo("+ ");
        assertThat(r.get("auth_response").asText()).startsWith("+OK");
        assertThat(r.get("bad_pass").asText()).contains("-ERR [AUTH]");
        assertThat(Pop3Fixture.inbox(gannet, user)).hasSize(2);
    }
}
