package dev.gannet.imap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One IMAP session as a client keeps it (RFC 3501 §7.3, §7.4.1): EXISTS, RECENT and EXPUNGE responses move its
 * idea of the selected mailbox, and {@link #look} compares that idea with what {@code FETCH 1:* (UID FLAGS)}
 * shows, the way a careful client (or imaptest) would. It also records the FLAGS and PERMANENTFLAGS it was
 * last told and every keyword it saw before the server announced it.
 */
final class ViewClient implements AutoCloseable {

    private static final Pattern NUMBERED = Pattern.compile("\\* (\\d+) (EXISTS|RECENT|EXPUNGE)");
    private static final Pattern FETCH = Pattern.compile("\\* (\\d+) FETCH \\((.*)\\)");
    private static final Pattern UID = Pattern.compile("UID (\\d+)");
    private static final Pattern FLAGS = Pattern.compile("FLAGS \\(([^)]*)\\)");

    final String name;
    private final ImapTestClient c;
    private int tags;
    String selected;
    boolean readOnly;
    int exists;
    int recent;
    /** The UIDs by sequence number, as far as this client has learnt them (0 = not fetched yet). */
    final List<Long> uids = new ArrayList<>();
    /** UIDs this client saw with {@code \Recent}. */
    final Set<Long> recentUids = new TreeSet<>();
    /** What {@link #recentUids} was at the last check, since the last SELECT (kept by the test). */
    final Set<Long> lastRecent = new TreeSet<>();
    /** The last {@code * FLAGS} and {@code [PERMANENTFLAGS]} lists, lower case. */
    final Set<String> flags = new LinkedHashSet<>();
    final Set<String> permanentFlags = new LinkedHashSet<>();
    /** Keywords this client met in a FETCH response before a FLAGS response named them, with the line. */
    final List<String> unannounced = new ArrayList<>();

    private ViewClient(String name, ImapTestClient c) {
        this.name = name;
        this.c = c;
    }

    static ViewClient login(String name, int port, String user, String password) throws IOException {
        ViewClient v = new ViewClient(name, ImapTestClient.connect(port));
        assertThat(v.c.readLine()).startsWith("* OK");
        v.ok("LOGIN " + user + " " + password);
        return v;
    }

    /** Runs a command that must succeed; returns every line of its response. */
    List<String> ok(String command) throws IOException {
        List<String> lines = run(command);
        assertThat(lines.get(lines.size() - 1)).as("%s: %s", name, command).contains(" OK");
        return lines;
    }

    List<String> run(String command) throws IOException {
        String tag = name + (++tags);
        c.send(tag + " " + command);
        return read(tag);
    }

    /** APPEND with a synchronising literal. */
    List<String> append(String mailbox, String flags, byte[] message) throws IOException {
        String tag = name + (++tags);
        c.send(tag + " APPEND " + mailbox + " (" + flags + ") {" + message.length + "}");
        String cont = c.readLine();
        assertThat(cont).as("%s: APPEND continuation", name).startsWith("+");
        c.sendRaw(message);
        c.sendRaw("\r\n".getBytes(StandardCharsets.US_ASCII));
        List<String> lines = read(tag);
        assertThat(lines.get(lines.size() - 1)).as("%s: APPEND", name).contains(" OK");
        return lines;
    }

    /** Starts IDLE; the untagged lines until the continuation are observed. */
    void idle() throws IOException {
        String tag = name + (++tags);
        c.send(tag + " IDLE");
        String line;
        while ((line = c.readLine()) != null && !line.startsWith("+")) {
            observe(line);
        }
        idleTag = tag;
    }

    private String idleTag;

    /** Reads untagged lines during IDLE until one matches {@code pattern} (bounded by the read timeout). */
    String idleUntil(String pattern) throws IOException {
        Pattern p = Pattern.compile(pattern);
        for (int i = 0; i < 1000; i++) {
            String line = c.readLine();
            assertThat(line).as("%s: connection open during IDLE", name).isNotNull();
            observe(line);
            if (p.matcher(line).find()) {
                return line;
            }
        }
        throw new AssertionError(name + ": no line matching " + pattern + " during IDLE");
    }

    List<String> done() throws IOException {
        c.send("DONE");
        return read(idleTag);
    }

    private List<String> read(String tag) throws IOException {
        List<String> lines = c.readUntilTagged(tag);
        for (String line : lines) {
            observe(line);
        }
        String last = lines.get(lines.size() - 1);
        if (last.contains("[READ-ONLY]") || last.contains("[READ-WRITE]")) {
            readOnly = last.contains("[READ-ONLY]");
        }
        return lines;
    }

    private void observe(String line) {
        if (line.startsWith("* OK [CLOSED]")) {
            deselected();
            return;
        }
        if (line.startsWith("* FLAGS (")) {
            flags.clear();
            flags.addAll(words(line.substring(9, line.lastIndexOf(')'))));
            return;
        }
        if (line.startsWith("* OK [PERMANENTFLAGS (")) {
            permanentFlags.clear();
            permanentFlags.addAll(words(line.substring(22, line.indexOf(")]"))));
            return;
        }
        Matcher m = NUMBERED.matcher(line);
        if (m.matches()) {
            int n = Integer.parseInt(m.group(1));
            switch (m.group(2)) {
                case "EXISTS" -> {
                    exists = n;
                    while (uids.size() < n) {
                        uids.add(0L);
                    }
                }
                case "RECENT" -> recent = n;
                default -> {
                    long uid = n <= uids.size() ? uids.remove(n - 1) : 0;
                    if (recentUids.contains(uid)) {
                        recent--;
                    }
                    exists--;
                }
            }
            return;
        }
        m = FETCH.matcher(line);
        if (m.matches()) {
            int seq = Integer.parseInt(m.group(1));
            Matcher u = UID.matcher(m.group(2));
            Matcher f = FLAGS.matcher(m.group(2));
            long uid = u.find() ? Long.parseLong(u.group(1)) : seq <= uids.size() ? uids.get(seq - 1) : 0;
            if (seq <= uids.size() && uid > 0) {
                uids.set(seq - 1, uid);
            }
            if (f.find()) {
                List<String> got = words(f.group(1));
                if (got.contains("\\recent")) {
                    recentUids.add(uid);
                } else {
                    recentUids.remove(uid);
                }
                for (String flag : got) {
                    if (!flag.startsWith("\\") && !flags.contains(flag)) {
                        unannounced.add(flag + " in " + line);
                    }
                }
            }
        }
    }

    void deselected() {
        selected = null;
        exists = 0;
        recent = 0;
        uids.clear();
        recentUids.clear();
        lastRecent.clear();
    }

    /** SELECT or EXAMINE: the client's view starts afresh. */
    List<String> select(String mailbox, boolean examine) throws IOException {
        deselected();
        List<String> lines = ok((examine ? "EXAMINE " : "SELECT ") + mailbox);
        selected = mailbox;
        return lines;
    }

    @Override
    public void close() throws IOException {
        c.close();
    }

    /**
     * Brings the view up to date (NOOP) and fetches every message's UID and flags: the view must have as
     * many messages as EXISTS said, and as many {@code \Recent} ones as RECENT said (less those expunged).
     * Returns the UIDs shown with {@code \Recent}.
     */
    Set<Long> look() throws IOException {
        if (selected == null) {
            return Set.of();
        }
        ok("NOOP");
        recentUids.clear();
        int before = exists;
        if (exists > 0) {
            List<String> lines = ok("FETCH 1:* (UID FLAGS)");
            long fetched = lines.stream().filter(l -> FETCH.matcher(l).matches()).count();
            assertThat(fetched).as("%s: FETCH 1:* lines for %d EXISTS", name, before).isEqualTo(before);
        }
        assertThat(exists).as("%s: EXISTS moved during FETCH", name).isEqualTo(before);
        assertThat(recentUids).as("%s: \\Recent messages against RECENT %d", name, recent).hasSize(recent);
        assertThat(uids).as("%s: UIDs ascending", name).isSorted().doesNotHaveDuplicates();
        return new TreeSet<>(recentUids);
    }

    private static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        for (String w : s.trim().split(" +")) {
            if (!w.isEmpty()) {
                out.add(w.toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }
}
