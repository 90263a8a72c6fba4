package dev.gannet.imap;

import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 5267 §4.3 with CONTEXT=SORT as a client relies on it: a client that starts from the answer of {@code UID
 * SORT RETURN (UPDATE ALL) (REVERSE SUBJECT) UTF-8 UNSEEN} and applies every ADDTO and REMOVEFROM at its position
 * (§4.3.3, §4.3.4: inserting a run at p, removing a run that starts at p, pair after pair), while another session
 * appends messages with repeated subjects, changes flags and expunges at random, always holds exactly what a
 * fresh UID SORT returns, in the same order, whether it learns of the changes through NOOP or in IDLE.
 */
class SortContextUpdateTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("imap").build();

    private static final Pattern UPDATE = Pattern.compile("\\* ESEARCH \\(TAG \"u\"\\) UID (ADDTO|REMOVEFROM) \\((.+)\\)");
    private static final Pattern ALL = Pattern.compile("\\* ESEARCH \\(TAG \"u\"\\) UID ALL ([0-9:,]+)");
    private static final String SORT = "(REVERSE SUBJECT) UTF-8 UNSEEN";

    @Test
    void positionedUpdatesAlwaysEqualAFreshSort() throws Exception {
        TestUser user = gannet.createUser();
        Random random = new Random(5267_4);
        try (ImapTestClient a = ImapTestClient.connect(gannet.port("imap"));
                ImapTestClient b = ImapTestClient.connect(gannet.port("imap"))) {
            for (ImapTestClient c : List.of(a, b)) {
                c.timeout(10_000);
                c.readLine();
                c.command("l", "LOGIN " + user.username() + " " + user.password());
            }
            for (int i = 0; i < 8; i++) {
                append(b, "p" + i, random, i % 3 == 0);
            }
            a.command("s", "SELECT INBOX");
            b.command("s", "SELECT INBOX");
            List<Long> held = new ArrayList<>();
            apply(a.command("u", "UID SORT RETURN (UPDATE ALL) " + SORT), held);
            for (int round = 0; round < 20; round++) {
                int op = random.nextInt(5);
                switch (op) {
                    case 0 -> append(b, "b" + round, random, random.nextBoolean());
                    case 1 -> b.command("b" + round, "STORE " + (1 + random.nextInt(4)) + " +FLAGS.SILENT (\\Seen)");
                    case 2 -> b.command("b" + round, "STORE " + (1 + random.nextInt(4)) + ":* -FLAGS.SILENT (\\Seen)");
                    case 3 -> {
                        b.command("d" + round, "STORE " + (1 + random.nextInt(3)) + ",5 +FLAGS.SILENT (\\Deleted)");
                        b.command("b" + round, "EXPUNGE");
                    }
                    default -> apply(a.command("o" + round, "STORE 2:3 FLAGS.SILENT (\\Seen)"), held);
                }
                if (round % 2 == 0) {
                    apply(a.command("n" + round, "NOOP"), held);
                } else {
                    a.send("i" + round + " IDLE");
                    assertThat(a.readLine()).startsWith("+");
                    append(b, "x" + round, random, false);
                    String line;
                    do {
                        line = a.readLine();
                        apply(List.of(line), held);
                    } while (!line.contains("ADDTO"));
                    a.send("DONE");
                    apply(a.readUntilTagged("i" + round), held);
                }
                apply(a.command("f" + round, "NOOP"), held);
                List<Long> expected = new ArrayList<>();
                for (String line : a.command("c" + round, "UID SORT " + SORT)) {
                    if (line.startsWith("* SORT")) {
                        for (String n : line.substring(6).trim().split(" ")) {
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

    /** Appends a message whose subject is one of three, so that the sort has ties (left in mailbox order). */
    private static void append(ImapTestClient c, String tag, Random random, boolean seen) throws IOException {
        String message = "Subject: " + "abc".charAt(random.nextInt(3)) + "\r\n\r\nbody " + tag + "\r\n";
        c.append(tag, "INBOX", seen ? "(\\Seen)" : "", message);
    }

    private static void apply(List<String> lines, List<Long> held) {
        for (String line : lines) {
            Matcher all = ALL.matcher(line);
            if (all.matches()) {
                held.addAll(numbers(all.group(1)));
            }
            Matcher m = UPDATE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String[] pairs = m.group(2).split(" ");
            assertThat(pairs.length % 2).as(line).isZero();
            for (int i = 0; i < pairs.length; i += 2) {
                int position = Integer.parseInt(pairs[i]);
                List<Long> run = numbers(pairs[i + 1]);
                assertThat(position).as("a sorted context's position is never 0: " + line).isPositive();
                if (m.group(1).equals("ADDTO")) {
                    held.addAll(position - 1, run);
                } else {
                    List<Long> at = held.subList(position - 1, position - 1 + run.size());
                    assertThat(at).as("the run removed from position %d: %s", position, line).containsExactlyElementsOf(run);
                    at.clear();
                }
            }
        }
    }

    /** A sequence set in the order written: {@code a:b} is a, a+1 ... b. */
    private static List<Long> numbers(String set) {
        List<Long> out = new ArrayList<>();
        for (String part : set.split(",")) {
            String[] ends = part.split(":");
            long from = Long.parseLong(ends[0]);
            long to = Long.parseLong(ends[ends.length - 1]);
            for (long n = from; from <= to ? n <= to : n >= to; n += from <= to ? 1 : -1) {
                out.add(n);
            }
        }
        return out;
    }
}
