package dev.gannet.imap;

import dev.gannet.core.store.Flag;
import dev.gannet.core.store.FlagUpdate;
import dev.gannet.core.store.Flags;
import dev.gannet.core.store.MailboxId;
import dev.gannet.core.store.MessageMeta;
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
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real client: offlineimap (Debian's offlineimap3) mirrors INBOX to a Maildir; then both sides change (local
 * flags and deletions, server-side flags, an expunge and new mail) and a second sync makes them agree: the same
 * messages, by Message-ID, with the same \Seen and \Flagged on each.
 */
class OfflineimapTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("imap").build();

    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID: <(m\\d+)@example.org>");

    @TempDir
    Path dir;

    @Test
    void twoWaySyncConverges() throws Exception {
        Assumptions.assumeTrue(Tools.onPath("offlineimap"), "offlineimap is not installed");
        TestUser user = gannet.createUser();
        var inbox = gannet.mailbox(user, "INBOX");
        for (int i = 1; i <= 20; i++) {
            append(user, inbox.id(), i);
        }
        Path maildir = dir.resolve("mail");
        Files.createDirectories(maildir);
        Path config = dir.resolve("offlineimaprc");
        Files.writeString(config, String.join("\n",
                "[general]", "accounts = gannet", "metadata = " + dir.resolve("meta"), "ui = basic", "",
                "[Account gannet]", "localrepository = local", "remoterepository = remote", "",
                "[Repository local]", "type = Maildir", "localfolders = " + maildir, "",
                "[Repository remote]", "type = IMAP", "remotehost = 127.0.0.1", "remoteport = " + gannet.port("imap"),
                "remoteuser = " + user.username(), "remotepass = " + user.password(), "ssl = no", "starttls = no",
                "folderfilter = lambda f: f == 'INBOX'", ""));

        String first = offlineimap(config);
        Path box = maildir.resolve("INBOX");
        assertThat(local(box)).as(first).hasSize(20);

        // local: flag m1..m3, delete m4 and m5; server: \Seen on m6, expunge m7, two new messages
        for (Path f : files(box)) {
            String id = messageId(f);
            if (List.of("m1", "m2", "m3").contains(id)) {
                String name = f.getFileName().toString();
                String base = name.contains(":2,") ? name.substring(0, name.indexOf(":2,")) : name;
                Files.move(f, box.resolve("cur").resolve(base + ":2,F"));
            } else if (List.of("m4", "m5").contains(id)) {
                Files.delete(f);
            }
        }
        var messages = gannet.store().messages();
        messages.updateFlags(inbox.id(), range(6, 6), FlagUpdate.add(Flags.of(Flag.SEEN))).block();
        messages.expunge(inbox.id(), range(7, 7)).block();
        append(user, inbox.id(), 21);
        append(user, inbox.id(), 22);

        String second = offlineimap(config);
        Map<String, String> server = server(user, inbox.id());
        Map<String, String> local = local(box);
        assertThat(server).as(second).hasSize(19).doesNotContainKeys("m4", "m5", "m7").containsKeys("m21", "m22");
        assertThat(local).as(second).isEqualTo(server);
        assertThat(server.get("m1")).isEqualTo("F");
        assertThat(server.get("m6")).isEqualTo("S");
    }

    /** Message-ID → flags (F, S, FS or empty) of the server's INBOX. */
    private Map<String, String> server(TestUser user, MailboxId box) {
        Map<String, String> out = new TreeMap<>();
        for (MessageMeta m : gannet.store().messages().list(box, UidSet.ALL).collectList().block()) {
            // message i was appended i-th to a fresh INBOX, so its UID is i
            out.put("m" + m.uid().value(), (m.flags().has(Flag.FLAGGED) ? "F" : "") + (m.flags().has(Flag.SEEN) ? "S" : ""));
        }
        return out;
    }

    /** Message-ID → the F and S flags of the Maildir's files. */
    private static Map<String, String> local(Path box) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (Path f : files(box)) {
            String name = f.getFileName().toString();
            String info = name.contains(":2,") ? name.substring(name.indexOf(":2,") + 3) : "";
            out.put(messageId(f), (info.contains("F") ? "F" : "") + (info.contains("S") ? "S" : ""));
        }
        return out;
    }

    private static String messageId(Path f) throws IOException {
        Matcher m = MESSAGE_ID.matcher(Files.readString(f, StandardCharsets.US_ASCII));
        assertThat(m.find()).as("Message-ID in %s", f).isTrue();
        return m.group(1);
    }

    private static List<Path> files(Path box) throws IOException {
        try (Stream<Path> s = Stream.concat(Files.list(box.resolve("new")), Files.list(box.resolve("cur")))) {
            return s.sorted().toList();
        }
    }

    private static UidSet range(long from, long to) {
        return new UidSet(List.of(new UidSet.Range(from, to)));
    }

    private static void append(TestUser user, MailboxId box, int i) {
        byte[] mail = ("From: sender@example.org\r\nSubject: message " + i + "\r\nMessage-ID: <m" + i
                + "@example.org>\r\n\r\nbody " + i + "\r\n").getBytes(StandardCharsets.US_ASCII);
        gannet.append(user, box, mail);
    }

    private String offlineimap(Path config) throws Exception {
        String out = Tools.run(new ProcessBuilder("offlineimap", "-c", config.toString(), "-o", "-u", "basic")
                .directory(dir.toFile()), 120);
        assertThat(out).as(out).doesNotContain("ERROR");
        return out;
    }
}
