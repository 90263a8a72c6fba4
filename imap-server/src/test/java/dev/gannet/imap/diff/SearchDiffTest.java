package dev.gannet.imap.diff;

import dev.gannet.core.testing.DovecotServer;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import dev.gannet.imap.ImapTestClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SEARCH (RFC 3501 §6.4.4) against the reference server: the same corpus ({@link DiffCorpus}) with the same
 * internal dates and flags goes into Gannet and Dovecot, and every query in {@link #QUERIES} (the shared list
 * {@code diff/search-queries.txt}), covering each search key, must give the same {@code UID SEARCH} result on
 * both, except the few in {@link #DOVECOT_WRONG}, where Dovecot departs from the RFC and Gannet's answer is
 * asserted instead.
 */
class SearchDiffTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("imap").build();

    /** The shared query list ({@code diff/search-queries.txt}, also run by the bench's diff workload). */
    static final List<String> QUERIES = queries();

    private static List<String> queries() {
        try (InputStream in = SearchDiffTest.class.getResourceAsStream("/diff/search-queries.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Where Dovecot's answer is not what RFC 3501 asks: the query Dovecot is asked instead, whose answer is what
     * Gannet must give, and why. A SENT* query on a message without a Date header: Dovecot reads the missing date
     * as 1 Jan 1970 (so SENTBEFORE matches it), Gannet uses the internal date, as RFC 5256 §2.2 has SORT do.
     */
    static final Map<String, String> DOVECOT_WRONG = Map.of(
            // msg_14.txt (UID 15) says "Content-Type: text" without a subtype: Dovecot searches only "text/..."
            // parts, but the body is text (RFC 2045 §5.2 even says to treat it as text/plain) and BODY searches it.
            "BODY Content-Type", "OR BODY Content-Type UID 15");

    private static String expectedQuery(String q) {
        if (DOVECOT_WRONG.containsKey(q)) {
            return DOVECOT_WRONG.get(q);
        }
        if (q.startsWith("SENT")) {
            return "OR (" + q + " HEADER Date \"\") (" + q.substring(4) + " NOT HEADER Date \"\")";
        }
        return q;
    }

    static DovecotServer dovecot;
    static ImapTestClient ours;
    static ImapTestClient reference;

    @BeforeAll
    static void load() throws Exception {
        dovecot = DovecotServer.start();
        dovecot.addUser("ref", "secret");
        List<DiffCorpus.Message> corpus = DiffCorpus.messages();
        TestUser user = gannet.createUser();
        ours = DiffCorpus.login(gannet.port("imap"), user.username(), user.password());
        reference = DiffCorpus.login(dovecot.imapPort(), "ref", "secret");
        for (ImapTestClient c : List.of(ours, reference)) {
            DiffCorpus.load(c, "diff", corpus);
            assertThat(last(c.command("s", "EXAMINE diff"))).startsWith("s OK");
        }
    }

    @AfterAll
    static void close() throws IOException {
        for (AutoCloseable c : new AutoCloseable[] {ours, reference, dovecot}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    @Test
    void everyQueryAgreesWithDovecot() throws IOException {
        List<String> differences = new ArrayList<>();
        int nonEmpty = 0;
        int n = 0;
        for (String q : QUERIES) {
            String tag = "q" + n++;
            TreeSet<Long> mine = uids(search(ours, tag, q), tag, q);
            TreeSet<Long> theirs = uids(search(reference, tag, expectedQuery(q)), tag, q);
            nonEmpty += mine.isEmpty() ? 0 : 1;
            if (!mine.equals(theirs)) {
                differences.add(q + ": gannet " + mine + " dovecot " + theirs);
            }
        }
        assertThat(differences).isEmpty();
        assertThat(nonEmpty).as("queries that find something").isGreaterThan(QUERIES.size() * 3 / 4);
    }

    @Test
    void rawUtf8HeadersPassThroughAsDovecotSendsThem() throws Exception {
        List<DiffCorpus.Message> corpus = DiffCorpus.messages();
        long korean = corpus.indexOf(corpus.stream().filter(m -> m.name().equals("korean-utf8.eml")).findFirst().orElseThrow()) + 1;
        String command = "UID FETCH " + korean + " (ENVELOPE BODYSTRUCTURE)";
        List<String> mine = ours.command("f", command);
        assertThat(mine).isEqualTo(reference.command("f", command).stream()
                .map(l -> l.startsWith("f OK") ? mine.get(mine.size() - 1) : l).toList());
        assertThat(String.join("\n", mine)).contains("한국어 제목 report", "김철수");
    }

    /** Sends {@code UID SEARCH query}, a «...» part as a synchronizing literal of its UTF-8 bytes. */
    private static List<String> search(ImapTestClient c, String tag, String query) throws IOException {
        int open = query.indexOf('«');
        if (open < 0) {
            return c.command(tag, "UID SEARCH " + query);
        }
        byte[] literal = query.substring(open + 1, query.indexOf('»')).getBytes(StandardCharsets.UTF_8);
        c.send(tag + " UID SEARCH " + query.substring(0, open) + "{" + literal.length + "}");
        assertThat(c.readLine()).as(query).startsWith("+");
        c.sendRaw(literal);
        c.send(query.substring(query.indexOf('»') + 1));
        return c.readUntilTagged(tag);
    }

    private static TreeSet<Long> uids(List<String> reply, String tag, String query) {
        assertThat(last(reply)).as(query).startsWith(tag + " OK");
        TreeSet<Long> out = new TreeSet<>();
        for (String line : reply) {
            if (line.startsWith("* SEARCH")) {
                for (String s : line.substring(8).trim().split(" ")) {
                    if (!s.isEmpty()) {
                        out.add(Long.parseLong(s));
                    }
                }
            }
        }
        return out;
    }

    private static String last(List<String> lines) {
        return lines.get(lines.size() - 1);
    }
}
