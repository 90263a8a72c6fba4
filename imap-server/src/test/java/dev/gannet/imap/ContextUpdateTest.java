package dev.gannet.imap;

import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 5267 §4.3 as a client relies on it: a client that starts from the answer of {@code UID SEARCH RETURN
 * (UPDATE ALL) UNSEEN} and applies every ADDTO and REMOVEFROM it is sent, while another session appends,
 * changes flags and expunges at random (and this one stores flags itself), always holds what a fresh UID SEARCH
 * UNSEEN returns, whether it learns of the changes through NOOP or in IDLE.
 */
class ContextUpdateTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("imap").build();

    private static final Pattern UPDATE = Pattern.compile("\\* ESEARCH \\(TAG \"u\"\\) UID (ADDTO|REMOVEFROM) \\(0 ([0-9:,]+)\\)");
    private static final Pattern ALL = Pattern.compile("\\* ESEARCH \\(TAG \"u\"\\) UID ALL ([0-9:,]+)");

    @Test
    void appliedUpdatesAlwaysEqualAFreshSearch() throws Exception {
        TestUser user = gannet.createUser();
        Random random = new Random(5267);
        try (ImapTestClient a = ImapTestClient.login(gannet.port("imap"), user);
                ImapTestClient b = ImapTestClient.login(gannet.port("imap"), user)) {
            for (int i = 0; i < 6; i++) {
                append(b, "p" + i, i % 2 == 0);
            }
            a.command("s", "SELECT INBOX");
            b.command("s", "SELECT INBOX");
            TreeSet<Long> held = new TreeSet<>();
            apply(a.command("u", "UID SEARCH RETURN (UPDATE ALL) UNSEEN"), held);
            for (int round = 0; round < 16; round++) {
                int op = random.nextInt(5);
                switch (op) {
                    case 0 -> append(b, "b" + round, random.nextBoolean());
                    case 1 -> b.command("b" + round, "STORE " + (1 + random.nextInt(3)) + " +FLAGS.SILENT (\\Seen)");
                    case 2 -> b.command("b" + round, "STORE " + (1 + random.nextInt(3)) + ":* -FLAGS.SILENT (\\Seen)");
                    case 3 -> {
                        b.command("d" + round, "STORE 1 +FLAGS.SILENT (\\Deleted)");
                        b.command("b" + round, "EXPUNGE");
                    }
                    default -> apply(a.command("o" + round, "STORE 2 FLAGS.SILENT (\\Seen)"), held);
                }
                if (round % 2 == 0) {
                    apply(a.command("n" + round, "NOOP"), held);
                } else {
                    a.send("i" + round + " IDLE");
                    assertThat(a.readLine()).startsWith("+");
                    append(b, "x" + round, false);
                    // the append shows up in IDLE as EXISTS and, being unseen, as an ADDTO of its UID
                    String line;
                    do {
                        line = a.readLine();
                        apply(List.of(line), held);
                    } while (!line.contains("ADDTO"));
                    a.send("DONE");
                    apply(a.readUntilTagged("i" + round), held);
                }
                apply(a.command("f" + round, "NOOP"), held);
                List<String> fresh = a.command("c" + round, "UID SEARCH UNSEEN");
                TreeSet<Long> expected = new TreeSet<>();
                for (String line : fresh) {
                    if (line.startsWith("* SEARCH")) {
                        for (String n : line.substring(8).trim().split(" ")) {
                            if (!n.isEmpty()) {
                                expected.add(Long.parseLong(n));
                            }
                        }
                    }
                }
                assertThat(held).as("round %d (op %d)", round, op).containsExactlyElementsOf(expected);
            }
        }
    }

    private static void append(ImapTestClient c, String tag, boolean seen) throws IOException {
        String message = "Subject: " + tag + "\r\n\r\nbody\r\n";
        c.append(tag, "INBOX", seen ? "(\\Seen)" : "", message);
    }

    private static void apply(List<String> lines, TreeSet<Long> held) {
        for (String line : lines) {
            Matcher all = ALL.matcher(line);
            if (all.matches()) {
                held.addAll(numbers(all.group(1)));
            }
            Matcher m = UPDATE.matcher(line);
            if (m.matches()) {
                if (m.group(1).equals("ADDTO")) {
                    held.addAll(numbers(m.group(2)));
                } else {
                    held.removeAll(numbers(m.group(2)));
                }
            }
        }
    }

    private static TreeSet<Long> numbers(String set) {
        TreeSet<Long> out = new TreeSet<>();
        for (String part : set.split(",")) {
            String[] ends = part.split(":");
            long from = Long.parseLong(ends[0]);
            long to = Long.parseLong(ends[ends.length - 1]);
            for (long n = Math.min(from, to); n <= Math.max(from, to); n++) {
                out.add(n);
            }
        }
        return out;
    }
}
