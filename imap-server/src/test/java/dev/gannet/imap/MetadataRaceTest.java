package dev.gannet.imap;

import dev.gannet.core.config.Settings;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * METADATA limits (RFC 5464 §4.3) while two sessions of one user set entries at once: every command answers OK
 * or {@code NO [METADATA TOOMANY]}, and once both are done the user holds no more than the limit, with exactly
 * the entries that were acknowledged still readable. A SETMETADATA of several entries that races another at the
 * limit sets all of them or none (§4.3).
 */
class MetadataRaceTest {

    private static final int LIMIT = 12;

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("imap")
            .set(Settings.IMAP_METADATA_MAX_ENTRIES, LIMIT).build();

    @Test
    void twoSessionsSettingAtOnceStayWithinTheLimit() throws Exception {
        TestUser user = gannet.createUser();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<ImapTestClient> clients = new ArrayList<>();
        try {
            login(user, clients);
            List<Future<List<String>>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                ImapTestClient c = clients.get(i);
                String who = "s" + i;
                runs.add(pool.submit(() -> {
                    List<String> acked = new ArrayList<>();
                    for (int n = 0; n < 10; n++) {
                        // each session also writes a name the other writes: those must count once
                        String entry = n % 3 == 0 ? "/private/both/" + n : "/private/" + who + "/" + n;
                        String answer = last(c.command("t" + n, "SETMETADATA \"\" (" + entry + " \"v\")"));
                        assertThat(answer).matches("t" + n + " (OK Setmetadata completed|NO \\[METADATA TOOMANY\\] .*)");
                        if (answer.startsWith("t" + n + " OK")) {
                            acked.add(entry);
                        }
                    }
                    return acked;
                }));
            }
            List<String> acked = new ArrayList<>();
            for (Future<List<String>> f : runs) {
                acked.addAll(f.get(60, TimeUnit.SECONDS));
            }
            List<String> lines = clients.get(0).command("g", "GETMETADATA (DEPTH infinity) \"\" /private");
            String listing = lines.size() > 1 ? lines.get(0) : "";
            long stored = java.util.regex.Pattern.compile("/private/\\S+ \"v\"").matcher(listing).results().count();
            assertThat(stored).isBetween(1L, (long) LIMIT);
            for (String e : acked) {
                assertThat(listing).contains(e + " \"v\"");
            }
            // the limit refuses a new entry but a change of an existing one still works
            if (stored == LIMIT) {
                assertThat(last(clients.get(1).command("x", "SETMETADATA \"\" (/private/extra \"v\")")))
                        .startsWith("x NO [METADATA TOOMANY]");
            }
            assertThat(last(clients.get(1).command("y", "SETMETADATA \"\" (" + acked.get(0) + " \"w\")")))
                    .startsWith("y OK");
        } finally {
            pool.shutdownNow();
            for (ImapTestClient c : clients) {
                c.close();
            }
        }
    }

    @Test
    void aCommandRacingAnotherAtTheLimitSetsAllItsEntriesOrNone() throws Exception {
        TestUser user = gannet.createUser();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<ImapTestClient> clients = new ArrayList<>();
        try {
            login(user, clients);
            StringBuilder fill = new StringBuilder();
            for (int n = 0; n < LIMIT - 6; n++) {
                fill.append(n == 0 ? "" : " ").append("/private/fill/").append(n).append(" \"v\"");
            }
            assertThat(last(clients.get(0).command("f", "SETMETADATA \"\" (" + fill + ")"))).startsWith("f OK");
            for (int round = 0; round < 10; round++) {
                // room for 6: each session sets 4 new entries, so exactly one of them fits
                List<Future<String>> runs = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    ImapTestClient c = clients.get(i);
                    String entries = entries("/private/r" + round + "s" + i + "/", " \"v\"");
                    runs.add(pool.submit(() -> last(c.command("t", "SETMETADATA \"\" (" + entries + ")"))));
                }
                List<String> answers = new ArrayList<>();
                for (Future<String> f : runs) {
                    answers.add(f.get(30, TimeUnit.SECONDS));
                }
                assertThat(answers).as("round " + round).containsExactlyInAnyOrder("t OK Setmetadata completed",
                        "t NO [METADATA TOOMANY] Too many metadata entries");
                String listing = clients.get(0).command("g", "GETMETADATA (DEPTH infinity) \"\" /private").get(0);
                int winner = answers.get(0).startsWith("t OK") ? 0 : 1;
                for (int i = 0; i < 2; i++) {
                    long stored = java.util.regex.Pattern.compile("/private/r" + round + "s" + i + "/")
                            .matcher(listing).results().count();
                    assertThat(stored).as("round " + round + " session " + i).isEqualTo(i == winner ? 4 : 0);
                }
                String clear = entries("/private/r" + round + "s" + winner + "/", " NIL");
                assertThat(last(clients.get(0).command("c", "SETMETADATA \"\" (" + clear + ")"))).startsWith("c OK");
            }
        } finally {
            pool.shutdownNow();
            for (ImapTestClient c : clients) {
                c.close();
            }
        }
    }

    /** Two sessions of {@code user}, logged in, added to {@code clients} (which the caller closes). */
    private static void login(TestUser user, List<ImapTestClient> clients) throws java.io.IOException {
        for (int i = 0; i < 2; i++) {
            clients.add(ImapTestClient.login(gannet.port("imap"), user));
        }
    }

    private static String entries(String prefix, String value) {
        StringBuilder out = new StringBuilder();
        for (int n = 0; n < 4; n++) {
            out.append(n == 0 ? "" : " ").append(prefix).append(n).append(value);
        }
        return out.toString();
    }

    private static String last(List<String> lines) {
        return lines.get(lines.size() - 1);
    }
}
