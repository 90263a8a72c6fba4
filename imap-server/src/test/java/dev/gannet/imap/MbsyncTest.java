package dev.gannet.imap;

import dev.gannet.core.store.Flag;
import dev.gannet.core.store.UidSet;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real client: mbsync (isync) mirrors a 500-message INBOX to a local Maildir, pushes back local flag
 * changes and deletions, and a third run finds nothing to do: it changes nothing on either side (mbsync
 * prints its change counters only to a terminal, so the test compares both sides instead).
 */
class MbsyncTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("imap").build();

    @TempDir
    Path dir;

    @Test
    void syncFlagsDeletionsAndIdempotence() throws Exception {
        Assumptions.assumeTrue(Tools.onPath("mbsync"), "mbsync (isync) is not installed");
        TestUser user = gannet.createUser();
        var inbox = gannet.mailbox(user, "INBOX");
        for (int i = 1; i <= 500; i++) {
            byte[] mail = ("From: sender" + i + "@example.org\r\nTo: " + user.address() + "\r\nSubject: message " + i
                    + "\r\nMessage-ID: <m" + i + "@example.org>\r\n\r\nbody " + i + "\r\n").getBytes(StandardCharsets.US_ASCII);
            gannet.append(user, inbox.id(), mail);
        }
        Path maildir = dir.resolve("mail");
        Files.createDirectories(maildir);
        Path config = dir.resolve("mbsyncrc");
        Files.writeString(config, String.join("\n",
                "IMAPAccount gannet", "Host 127.0.0.1", "Port " + gannet.port("imap"), "User " + user.username(),
                "Pass " + user.password(), "SSLType None", "AuthMechs PLAIN", "",
                "IMAPStore remote", "Account gannet", "",
                "MaildirStore local", "Path " + maildir + "/", "Inbox " + maildir.resolve("INBOX"), "",
                "Channel inbox", "Far :remote:", "Near :local:", "Patterns INBOX", "Create Both", "Expunge Both",
                "SyncState *", ""));

        String first = mbsync(config);
        List<Path> files = messages(maildir.resolve("INBOX"));
        assertThat(files).as(first).hasSize(500);

        for (int i = 0; i < 10; i++) {
            Path f = files.get(i);
            Path cur = f.getParent().getParent().resolve("cur");
            String name = f.getFileName().toString();
            String base = name.contains(":2,") ? name.substring(0, name.indexOf(":2,")) : name;
            Files.move(f, cur.resolve(base + ":2,FS"));
        }
        for (int i = 10; i < 15; i++) {
            Files.delete(files.get(i));
        }
        String second = mbsync(config);
        var after = gannet.mailbox(user, "INBOX");
        assertThat(after.messages()).as(second).isEqualTo(495);
        var metas = gannet.store().messages().list(after.id(), UidSet.ALL).collectList().block();
        assertThat(metas.stream().filter(m -> m.flags().has(Flag.FLAGGED) && m.flags().has(Flag.SEEN))).hasSize(10);

        List<Path> localBefore = messages(maildir.resolve("INBOX"));
        String third = mbsync(config, "-V");
        var unchanged = gannet.mailbox(user, "INBOX");
        assertThat(third).contains("far side: 495 messages").contains("near side: 495 messages");
        assertThat(unchanged.highestModseq()).as("nothing changed on the server").isEqualTo(after.highestModseq());
        assertThat(unchanged.uidNext()).isEqualTo(after.uidNext());
        assertThat(messages(maildir.resolve("INBOX"))).as("nothing changed locally").isEqualTo(localBefore);
    }

    private static List<Path> messages(Path box) throws IOException {
        try (Stream<Path> s = Stream.concat(Files.list(box.resolve("new")), Files.list(box.resolve("cur")))) {
            return s.sorted().toList();
        }
    }

    private String mbsync(Path config, String... flags) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("mbsync", "-c", config.toString()));
        cmd.addAll(List.of(flags));
        cmd.add("-a");
        return Tools.run(new ProcessBuilder(cmd).directory(dir.toFile()), 300);
    }
}
