package dev.gannet.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The larger-corpus differential against Dovecot: {@link MailCorpus} goes into one mailbox on both servers by
 * APPEND, in the same order with the same INTERNALDATE and flags, and every command (the fixed SEARCH list of
 * SearchDiffTest, SORT by every key of RFC 5256 §3 and RFC 5957, THREAD by every algorithm of RFC 5256 §4 and
 * REFS) must answer the same messages in the same order, unless {@code diff-reasons.txt} records why Dovecot's
 * answer is wrong. The markdown report names, for each disagreement, the messages that differ.
 */
final class DiffWorkload {

    /** The outcome: the markdown report, and whether some disagreement has no recorded reason. */
    record Outcome(String markdown, boolean unexplained) {
    }

    private static final String MAILBOX = "diff";
    private static final int LISTED = 25;

    private static final List<String> SORT_KEYS = List.of("ARRIVAL", "CC", "DATE", "FROM", "SIZE", "SUBJECT", "TO",
            "DISPLAYFROM", "DISPLAYTO");
    private static final List<String> MORE = List.of(
            "UID SORT (SUBJECT REVERSE ARRIVAL FROM) US-ASCII ALL", "UID SORT (DISPLAYFROM DATE) UTF-8 UNSEEN",
            "UID SORT (TO REVERSE SIZE) UTF-8 OR FLAGGED KEYWORD $Work",
            "UID THREAD ORDEREDSUBJECT UTF-8 ALL", "UID THREAD REFERENCES UTF-8 ALL", "UID THREAD REFS UTF-8 ALL",
            "UID THREAD REFERENCES UTF-8 NOT DELETED");

    /** Flags spread over the corpus by position: {@code i % modulus == remainder} gets the flag. */
    private record Spread(String flag, int modulus, int remainder) {
    }

    private static final List<Spread> FLAGS = List.of(new Spread("\\Seen", 3, 0), new Spread("\\Flagged", 4, 1),
            new Spread("\\Answered", 5, 2), new Spread("\\Draft", 6, 3), new Spread("\\Deleted", 9, 4),
            new Spread("$Work", 7, 5), new Spread("$Junk", 11, 6));

    private DiffWorkload() {
    }

    /** The commands in the order they run: every SEARCH query, each SORT key both ways, then the rest. */
    static List<String> commands() throws IOException {
        List<String> out = new ArrayList<>();
        for (String q : lines("/diff/search-queries.txt")) {
            out.add("UID SEARCH " + q);
        }
        for (String key : SORT_KEYS) {
            out.add("UID SORT (" + key + ") UTF-8 ALL");
            out.add("UID SORT (REVERSE " + key + ") UTF-8 ALL");
        }
        out.addAll(MORE);
        return out;
    }

    static Outcome run(Peer gannet, Peer dovecot, Path unpacked) throws Exception {
        List<MailCorpus.Message> corpus = MailCorpus.load(unpacked);
        Map<String, Reason> reasons = reasons();
        List<String> commands = commands();
        Map<String, Answers> answers = new ConcurrentHashMap<>();
        ImapBench.atOnce(List.of(gannet, dovecot), p -> {
            p.addUser("differ", "pw");
            answers.put(p.name(), Answers.of(p, corpus, commands));
        });
        Answers g = answers.get(gannet.name());
        Answers d = answers.get(dovecot.name());
        StringBuilder rows = new StringBuilder();
        StringBuilder details = new StringBuilder();
        int agree = 0;
        int excused = 0;
        int unexplained = 0;
        for (int i = 0; i < corpus.size(); i++) {
            if (!g.appended.get(i).equals(d.appended.get(i))) {
                unexplained++;
                details.append("- APPEND of ").append(corpus.get(i).name()).append(": Gannet `").append(g.appended.get(i))
                        .append("`, Dovecot `").append(d.appended.get(i)).append("`\n");
            }
        }
        for (String command : commands) {
            String mine = g.answers.get(command);
            String theirs = d.answers.get(command);
            if (mine.equals(theirs)) {
                agree++;
                continue;
            }
            Reason recorded = reasons.get(command);
            String reason = recorded == null || !recorded.covers(involved(command, mine, theirs), corpus) ? null
                    : recorded.why();
            if (reason != null) {
                excused++;
            } else {
                unexplained++;
            }
            rows.append("| `").append(command).append("` | ").append(reason != null ? reason
                    : recorded == null ? "**differs, no reason recorded**" : "**differs beyond its recorded reason**")
                    .append(" |\n");
            details.append("- `").append(command).append("`: ").append(difference(command, mine, theirs, g, corpus)).append('\n');
        }
        List<String> stale = reasons.keySet().stream().filter(c -> !commands.contains(c)
                || g.answers.get(c).equals(d.answers.get(c))).toList();
        String markdown = "## SEARCH, SORT and THREAD beside Dovecot on " + corpus.size() + " real messages\n\n"
                + corpus.size() + " messages (Python's email test corpus, Gannet's six diff messages and the test data of "
                + String.join(", ", MailCorpus.packages()) + "), " + commands.size() + " commands: " + agree
                + " agree, " + excused + " differ for a recorded reason, " + unexplained + " differ unexplained"
                + (stale.isEmpty() ? "" : "; recorded reasons no longer needed: " + stale) + ".\n\n"
                + (rows.isEmpty() ? "" : "| command | why the answers differ |\n|---|---|\n" + rows + "\n")
                + (details.isEmpty() ? "" : "Messages that differ (UID and source; Gannet's answer first):\n\n" + details);
        return new Outcome(markdown, unexplained > 0);
    }

    /** What one server answered: each command's untagged answer with UIDs as corpus positions, and each APPEND's status. */
    private record Answers(Map<String, String> answers, List<String> appended, Map<Long, Integer> positions) {

        static Answers of(Peer peer, List<MailCorpus.Message> corpus, List<String> commands) throws IOException {
            Map<String, String> answers = new LinkedHashMap<>();
            List<String> appended = new ArrayList<>();
            Map<Long, Integer> positions = new LinkedHashMap<>();
            try (ImapClient c = new ImapClient(peer.imapPort(), 120_000)) {
                c.login("differ", "pw");
                ImapClient.expectOk(c.command("CREATE " + MAILBOX));
                for (int i = 0; i < corpus.size(); i++) {
                    ImapClient.Response r = c.append(MAILBOX, flags(i), internalDate(i), corpus.get(i).bytes());
                    appended.add(r.status());
                    if (r.ok()) {
                        positions.put(r.appendUid(), i);
                    }
                }
                ImapClient.expectOk(c.command("EXAMINE " + MAILBOX));
                for (String command : commands) {
                    List<String> untagged = new ArrayList<>();
                    int open = command.indexOf('«');
                    ImapClient.Response r = open < 0 ? c.command(command, null, "", untagged)
                            : c.command(command.substring(0, open),
                                    command.substring(open + 1, command.indexOf('»')).getBytes(StandardCharsets.UTF_8),
                                    command.substring(command.indexOf('»') + 1), untagged);
                    String keyword = "* " + command.split(" ")[1] + " ";
                    String answer = untagged.stream().filter(l -> l.startsWith(keyword) || l.equals(keyword.trim()))
                            .findFirst().map(l -> l.substring(keyword.trim().length()).trim()).orElse("");
                    answers.put(command, r.ok() ? asPositions(answer, positions) : r.status() + " " + r.text());
                }
            }
            return new Answers(answers, appended, positions);
        }
    }

    /** An answer's UIDs replaced by corpus positions, so that the two servers' answers compare as strings. */
    private static String asPositions(String answer, Map<Long, Integer> positions) {
        StringBuilder out = new StringBuilder();
        StringBuilder number = new StringBuilder();
        for (char ch : (answer + " ").toCharArray()) {
            if (Character.isDigit(ch)) {
                number.append(ch);
                continue;
            }
            if (!number.isEmpty()) {
                out.append(positions.getOrDefault(Long.parseLong(number.toString()), -1));
                number.setLength(0);
            }
            out.append(ch);
        }
        return out.toString().trim();
    }

    /** The messages that make two answers differ: for SEARCH those only one found, else those one put elsewhere. */
    private static String difference(String command, String mine, String theirs, Answers g, List<MailCorpus.Message> corpus) {
        if (command.startsWith("UID THREAD")) {
            TreeSet<String> ours = new TreeSet<>(threads(mine));
            TreeSet<String> reference = new TreeSet<>(threads(theirs));
            List<String> onlyOurs = ours.stream().filter(t -> !reference.contains(t)).toList();
            List<String> onlyTheirs = reference.stream().filter(t -> !ours.contains(t)).toList();
            if (onlyOurs.isEmpty() && onlyTheirs.isEmpty()) {
                return "the same threads, in another order: out of place " + named(outOfPlace(threads(mine), threads(theirs)), g, corpus);
            }
            return "threads only Gannet has " + named(onlyOurs, g, corpus) + "; only Dovecot " + named(onlyTheirs, g, corpus);
        }
        List<String> a = List.of(mine.split(" "));
        List<String> b = List.of(theirs.split(" "));
        if (command.startsWith("UID SEARCH")) {
            return "only Gannet " + named(a.stream().filter(x -> !b.contains(x)).toList(), g, corpus)
                    + "; only Dovecot " + named(b.stream().filter(x -> !a.contains(x)).toList(), g, corpus);
        }
        return "out of place " + named(outOfPlace(a, b), g, corpus) + " (Gannet `" + abbreviated(mine)
                + "`, Dovecot `" + abbreviated(theirs) + "`, as corpus positions)";
    }

    /**
     * What makes two answers differ, as groups of corpus positions: for SEARCH each message only one found; for
     * SORT each message out of place; for THREAD each top-level thread found by one server only or out of place
     * (a thread is ordered by its messages' dates, so one message's date can move or reshape the whole thread).
     */
    private static List<List<Integer>> involved(String command, String mine, String theirs) {
        if (command.startsWith("UID THREAD")) {
            List<String> ours = threads(mine);
            List<String> reference = threads(theirs);
            List<String> differing = new ArrayList<>(ours.stream().filter(t -> !reference.contains(t)).toList());
            differing.addAll(reference.stream().filter(t -> !ours.contains(t)).toList());
            differing.addAll(outOfPlace(ours.stream().filter(reference::contains).toList(),
                    reference.stream().filter(ours::contains).toList()));
            return differing.stream().map(DiffWorkload::positions).toList();
        }
        List<String> a = List.of(mine.split("[() ]+"));
        List<String> b = List.of(theirs.split("[() ]+"));
        List<String> out;
        if (command.startsWith("UID SEARCH")) {
            out = new ArrayList<>(a.stream().filter(x -> !b.contains(x)).toList());
            out.addAll(b.stream().filter(x -> !a.contains(x)).toList());
        } else {
            out = outOfPlace(a, b);
        }
        return out.stream().map(DiffWorkload::positions).filter(p -> !p.isEmpty()).toList();
    }

    private static List<Integer> positions(String text) {
        return List.of(text.split("[() ]+")).stream().filter(x -> x.matches("\\d+")).map(Integer::parseInt).toList();
    }

    /** The elements of {@code a} outside a longest common subsequence with {@code b}: what moved. */
    private static List<String> outOfPlace(List<String> a, List<String> b) {
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> moved = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size()) {
            if (j < b.size() && a.get(i).equals(b.get(j))) {
                i++;
                j++;
            } else if (j < b.size() && lcs[i][j + 1] >= lcs[i + 1][j]) {
                j++;
            } else {
                moved.add(a.get(i++));
            }
        }
        return moved;
    }

    /** Top-level threads of a THREAD answer, each as its text: "(1 2)(3)" gives "(1 2)" and "(3)". */
    private static List<String> threads(String answer) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < answer.length(); i++) {
            char ch = answer.charAt(i);
            if (ch == '(' && depth++ == 0) {
                start = i;
            } else if (ch == ')' && --depth == 0) {
                out.add(answer.substring(start, i + 1));
            }
        }
        return out;
    }

    /** Corpus positions (bare or inside thread texts) shown with their UID on Gannet and their source file. */
    private static String named(List<String> items, Answers g, List<MailCorpus.Message> corpus) {
        if (items.isEmpty()) {
            return "none";
        }
        Map<Integer, Long> uids = new LinkedHashMap<>();
        g.positions().forEach((uid, position) -> uids.put(position, uid));
        List<String> out = new ArrayList<>();
        for (String item : items.subList(0, Math.min(LISTED, items.size()))) {
            StringBuilder named = new StringBuilder();
            for (String token : item.split("(?<=[() ])|(?=[() ])")) {
                if (token.matches("\\d+")) {
                    int position = Integer.parseInt(token);
                    named.append(uids.getOrDefault(position, -1L)).append(" ").append(corpus.get(position).name());
                } else {
                    named.append(token);
                }
            }
            out.add(named.toString());
        }
        return "[" + String.join(", ", out) + (items.size() > LISTED ? ", and " + (items.size() - LISTED) + " more" : "") + "]";
    }

    private static String abbreviated(String answer) {
        return answer.length() <= 200 ? answer : answer.substring(0, 200) + " ...";
    }

    private static String flags(int i) {
        return String.join(" ", FLAGS.stream().filter(f -> i % f.modulus() == f.remainder()).map(Spread::flag).toList());
    }

    /** Spread over March 2007 and over the day, as SearchDiffTest's are, so its date queries split the corpus. */
    private static String internalDate(int i) {
        return String.format("%2d-Mar-2007 %02d:%02d:%02d +0000", 1 + (i * 7) % 28, (i * 5) % 24, (i * 13) % 60, i % 60);
    }

    /**
     * A recorded reason: why Dovecot's answer is wrong and, unless empty, the only corpus files (by file name) whose
     * place in the answer it excuses, so that a new difference in the same command is not excused by an old reason.
     * A THREAD difference is excused thread by thread: each differing thread must hold one of the files.
     */
    record Reason(List<String> files, String why) {

        boolean covers(List<List<Integer>> groups, List<MailCorpus.Message> corpus) {
            return files.isEmpty() || groups.stream().allMatch(g -> g.stream().map(p -> corpus.get(p).name())
                    .anyMatch(name -> files.stream().anyMatch(f -> name.endsWith(":" + f))));
        }
    }

    /** {@code diff-reasons.txt}: {@code command :: [file, file ::] why Dovecot's answer is wrong}. */
    static Map<String, Reason> reasons() throws IOException {
        Map<String, Reason> out = new LinkedHashMap<>();
        for (String line : lines("/diff-reasons.txt")) {
            String[] parts = line.split(" :: ");
            if (parts.length < 2 || parts.length > 3) {
                throw new IOException("diff-reasons.txt: not 'command :: [files ::] reason': " + line);
            }
            List<String> files = parts.length == 3 ? List.of(parts[1].trim().split("\\s*,\\s*")) : List.of();
            out.put(parts[0].trim(), new Reason(files, parts[parts.length - 1].trim()));
        }
        return out;
    }

    private static List<String> lines(String resource) throws IOException {
        try (InputStream in = DiffWorkload.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is missing from the bench jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
    }
}
