package dev.gannet.server.crash;

import dev.gannet.core.testing.LineSocket;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small IMAP4rev1 client over a raw socket (RFC 3501): tagged commands, pipelining with LITERAL+ (RFC 7888) for
 * APPEND, literals in responses for {@code BODY[]}. Enough to build a crash test's situation fast and to read
 * every message back byte for byte.
 */
final class Imap extends LineSocket {

    /** A response line with the literals it carried, in order. */
    record Line(String text, List<byte[]> literals) {
    }

    private static final Pattern LITERAL = Pattern.compile("\\{(\\d+)}$");
    private static final Pattern MAILBOX = Pattern.compile("^\\* LIST \\(([^)]*)\\) (?:NIL|\"[^\"]*\") (.+)$");
    private static final Pattern STATUS_ITEM = Pattern.compile("([A-Z]+) (\\d+)");
    private static final Pattern FETCH_UID = Pattern.compile("UID (\\d+)");
    private static final int WINDOW = 40;
    private int tags;

    private Imap(Socket socket) throws IOException {
        super(socket);
    }

    static Imap login(int port, String user, String password) throws IOException {
        Imap imap = new Imap(new Socket("127.0.0.1", port));
        imap.timeout(60_000);
        String greeting = imap.readLine();
        if (greeting == null || !greeting.startsWith("* OK")) {
            throw new IOException("greeting: " + greeting);
        }
        imap.ok("LOGIN " + quote(user) + " " + quote(password));
        return imap;
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Runs a command that must answer OK; returns its untagged lines. */
    List<Line> ok(String command) throws IOException {
        String tag = send0(command);
        return expectOk(tag, command);
    }

    /** Sends a command without waiting; {@link #expectOk} reads its answer. */
    String send0(String command) throws IOException {
        String tag = "c" + (++tags);
        send(tag + " " + command);
        return tag;
    }

    List<Line> expectOk(String tag, String what) throws IOException {
        List<Line> untagged = new ArrayList<>();
        while (true) {
            Line l = readResponse();
            if (l == null) {
                throw new IOException("connection closed during " + what);
            }
            if (l.text().startsWith(tag + " ")) {
                if (!l.text().startsWith(tag + " OK")) {
                    throw new IOException(what + " answered " + l.text());
                }
                return untagged;
            }
            untagged.add(l);
        }
    }

    /** Reads one response line, with the literals it announces. */
    Line readResponse() throws IOException {
        StringBuilder text = new StringBuilder();
        List<byte[]> literals = new ArrayList<>();
        while (true) {
            String part = readLine();
            if (part == null) {
                return text.isEmpty() ? null : new Line(text.toString(), literals);
            }
            text.append(part);
            Matcher m = LITERAL.matcher(part);
            if (!m.find()) {
                return new Line(text.toString(), literals);
            }
            literals.add(readBytes(Integer.parseInt(m.group(1))));
        }
    }

    /** Runs every command, at most {@link #WINDOW} in flight; each must answer OK. */
    void pipeline(List<String> commands) throws IOException {
        List<String[]> inFlight = new ArrayList<>(); // tag, command
        for (String c : commands) {
            inFlight.add(new String[] {send0(c), c});
            if (inFlight.size() == WINDOW) {
                String[] first = inFlight.remove(0);
                expectOk(first[0], first[1]);
            }
        }
        for (String[] c : inFlight) {
            expectOk(c[0], c[1]);
        }
    }

    /** APPENDs every message to {@code mailbox} with non-synchronizing literals, pipelined. */
    void appendAll(String mailbox, List<byte[]> messages) throws IOException {
        List<String> inFlight = new ArrayList<>();
        for (byte[] m : messages) {
            String tag = "c" + (++tags);
            ByteArrayOutputStream cmd = new ByteArrayOutputStream();
            cmd.writeBytes((tag + " APPEND " + quote(mailbox) + " {" + m.length + "+}\r\n").getBytes(StandardCharsets.US_ASCII));
            cmd.writeBytes(m);
            cmd.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            sendRaw(cmd.toByteArray());
            inFlight.add(tag);
            if (inFlight.size() == WINDOW) {
                expectOk(inFlight.remove(0), "APPEND to " + mailbox);
            }
        }
        for (String tag : inFlight) {
            expectOk(tag, "APPEND to " + mailbox);
        }
    }

    /** LIST "" pattern: mailbox name to its attributes. */
    Map<String, String> list(String pattern) throws IOException {
        Map<String, String> boxes = new LinkedHashMap<>();
        for (Line l : ok("LIST \"\" " + quote(pattern))) {
            Matcher m = MAILBOX.matcher(l.text());
            if (m.matches()) {
                String name = m.group(2);
                if (name.startsWith("\"")) {
                    name = name.substring(1, name.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
                }
                boxes.put(name, m.group(1));
            }
        }
        return boxes;
    }

    /** STATUS of each mailbox, pipelined: name to item to value. */
    Map<String, Map<String, Long>> status(List<String> mailboxes, String items) throws IOException {
        Map<String, Map<String, Long>> result = new LinkedHashMap<>();
        List<String> inFlight = new ArrayList<>();
        List<Line> lines = new ArrayList<>();
        for (String box : mailboxes) {
            inFlight.add(send0("STATUS " + quote(box) + " (" + items + ")"));
            if (inFlight.size() == WINDOW) {
                lines.addAll(expectOk(inFlight.remove(0), "STATUS"));
            }
        }
        for (String tag : inFlight) {
            lines.addAll(expectOk(tag, "STATUS"));
        }
        for (Line l : lines) {
            if (!l.text().startsWith("* STATUS ")) {
                continue;
            }
            String rest = l.text().substring("* STATUS ".length());
            int open = rest.lastIndexOf('(');
            String name = rest.substring(0, open).trim();
            if (name.startsWith("\"")) {
                name = name.substring(1, name.length() - 1);
            }
            Map<String, Long> values = new LinkedHashMap<>();
            Matcher m = STATUS_ITEM.matcher(rest.substring(open));
            while (m.find()) {
                values.put(m.group(1), Long.parseLong(m.group(2)));
            }
            result.put(name, values);
        }
        return result;
    }

    /** Selects {@code mailbox} and fetches every message's {@code BODY[]}: UID to bytes, in UID order. */
    Map<Long, byte[]> fetchAll(String mailbox) throws IOException {
        ok("EXAMINE " + quote(mailbox));
        Map<Long, byte[]> bodies = new LinkedHashMap<>();
        for (Line l : ok("UID FETCH 1:* (UID BODY.PEEK[])")) {
            Matcher m = FETCH_UID.matcher(l.text());
            if (l.text().contains(" FETCH ") && m.find() && l.literals().size() == 1) {
                bodies.put(Long.parseLong(m.group(1)), l.literals().get(0));
            }
        }
        return bodies;
    }

    @Override
    public void close() throws IOException {
        try {
            send("z LOGOUT");
        } catch (IOException e) {
            // closing anyway
        }
        super.close();
    }
}
