package dev.gannet.server.concurrency;

import dev.gannet.core.testing.imap.ImapGrammarException;
import dev.gannet.core.testing.imap.ImapResponse;
import dev.gannet.core.testing.imap.ImapResponseGrammar;
import dev.gannet.core.testing.imap.ImapResponseReader;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The suite's IMAP client over a raw socket: every byte the server sends is framed by
 * {@link ImapResponseReader} and judged by {@link ImapResponseGrammar}, untagged responses keep the
 * {@link MailboxView} and reach a FETCH listener, and a tagged response must carry the tag just sent. A
 * response outside the grammar is a finding (the session goes on while the framing holds); BAD, an unexpected
 * BYE or continuation, a closed connection or silence past the socket timeout is a {@link ProtocolFailure}
 * with the last bytes as evidence: a hung server fails, it does not hang the suite.
 */
final class SuiteImapClient implements AutoCloseable {

    /** A FETCH response as the session understood it: the UID from the response or from the view. */
    record FetchSeen(String mailbox, boolean readOnly, long uidValidity, long seq, Long uid,
            ImapResponse.FetchItems items) {
    }

    /** All untagged responses of one command and its tagged completion. */
    record Reply(String command, List<ImapResponse> untagged, ImapResponse.Tagged tagged) {
        boolean ok() {
            return tagged.ok();
        }

        <T extends ImapResponse> List<T> all(Class<T> type) {
            return untagged.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    private final Socket socket;
    private final ImapResponseReader reader;
    private final OutputStream out;
    private final String label;
    private final MailboxView view;
    private final Findings findings;
    private final Deque<String> recent = new ArrayDeque<>();
    private Consumer<FetchSeen> fetchListener = f -> { };
    private int tags;

    SuiteImapClient(int port, String label, Findings findings, int timeoutMillis) throws IOException {
        this.socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(timeoutMillis);
        this.reader = new ImapResponseReader(new BufferedInputStream(socket.getInputStream(), 1 << 16), 64L << 20);
        this.out = socket.getOutputStream();
        this.label = label;
        this.view = new MailboxView(findings, label);
        this.findings = findings;
        ImapResponse greeting = next("greeting");
        if (!(greeting instanceof ImapResponse.Condition c) || !c.status().equals("OK")) {
            throw new ProtocolFailure("protocol: greeting is * OK", label + ": " + printable(greeting.raw()));
        }
    }

    void onFetch(Consumer<FetchSeen> listener) {
        this.fetchListener = listener;
    }

    String label() {
        return label;
    }

    MailboxView view() {
        return view;
    }

    void login(String user, String password) throws IOException {
        Reply r = command("LOGIN " + user + " " + password);
        if (!r.ok()) {
            throw new ProtocolFailure("protocol: LOGIN of a valid user succeeds", label + ": " + printable(r.tagged().raw()));
        }
    }

    /** Sends {@code tag SP text CRLF} and reads through its tagged response. */
    Reply command(String text) throws IOException {
        String tag = nextTag();
        boolean select = text.startsWith("SELECT ") || text.startsWith("EXAMINE ");
        if (select) {
            view.select(text.substring(text.indexOf(' ') + 1), text.startsWith("EXAMINE"));
        }
        send((tag + " " + text + "\r\n").getBytes(StandardCharsets.UTF_8));
        Reply r = readThrough(tag, text);
        if ((select && !r.ok()) || (r.ok() && (text.equals("CLOSE") || text.equals("UNSELECT")))) {
            view.deselect();
        }
        return r;
    }

    /** APPEND with a synchronizing literal or, with {@code literalPlus}, RFC 7888's non-synchronizing one. */
    Reply append(String mailbox, String flags, byte[] message, boolean literalPlus) throws IOException {
        String tag = nextTag();
        String head = tag + " APPEND " + mailbox + (flags.isEmpty() ? "" : " (" + flags + ")") + " {" + message.length
                + (literalPlus ? "+" : "") + "}\r\n";
        String command = "APPEND " + mailbox + " (" + message.length + " bytes)";
        send(head.getBytes(StandardCharsets.US_ASCII));
        if (!literalPlus) {
            while (true) {
                ImapResponse r = next(command);
                if (r instanceof ImapResponse.Continuation) {
                    break;
                }
                if (r instanceof ImapResponse.Tagged t) {
                    checkTag(t, tag, command);
                    return new Reply(command, List.of(), t); // refused before the literal (e.g. too big)
                }
                untagged(r, command);
            }
        }
        byte[] all = new byte[message.length + 2];
        System.arraycopy(message, 0, all, 0, message.length);
        all[message.length] = '\r';
        all[message.length + 1] = '\n';
        send(all);
        return readThrough(tag, command);
    }

    /** IDLE (RFC 2177) for about {@code millis}, then DONE; what arrived meanwhile is in the reply. */
    Reply idle(long millis) throws IOException {
        String tag = nextTag();
        send((tag + " IDLE\r\n").getBytes(StandardCharsets.US_ASCII));
        List<ImapResponse> untagged = new ArrayList<>();
        while (true) {
            ImapResponse r = next("IDLE");
            if (r instanceof ImapResponse.Continuation) {
                break;
            }
            if (r instanceof ImapResponse.Tagged t) {
                checkTag(t, tag, "IDLE");
                return new Reply("IDLE", untagged, t);
            }
            untagged.add(untagged(r, "IDLE"));
        }
        sleep(millis);
        send("DONE\r\n".getBytes(StandardCharsets.US_ASCII));
        Reply rest = readThrough(tag, "IDLE");
        untagged.addAll(rest.untagged());
        return new Reply("IDLE", untagged, rest.tagged());
    }

    void logout() throws IOException {
        String tag = nextTag();
        send((tag + " LOGOUT\r\n").getBytes(StandardCharsets.US_ASCII));
        while (!(next("LOGOUT") instanceof ImapResponse.Tagged)) {
            // the BYE, then the tagged OK
        }
    }

    private Reply readThrough(String tag, String command) throws IOException {
        List<ImapResponse> untagged = new ArrayList<>();
        while (true) {
            ImapResponse r = next(command);
            if (r instanceof ImapResponse.Tagged t) {
                checkTag(t, tag, command);
                if (t.status().equals("BAD")) {
                    throw new ProtocolFailure("protocol: no BAD for a valid command", label + ": " + command + " -> "
                            + printable(t.raw()) + lastResponses());
                }
                return new Reply(command, untagged, t);
            }
            if (r instanceof ImapResponse.Continuation) {
                throw new ProtocolFailure("protocol: no continuation request unless one is awaited",
                        label + ": during " + command + ": " + printable(r.raw()));
            }
            untagged.add(untagged(r, command));
        }
    }

    private void checkTag(ImapResponse.Tagged t, String tag, String command) {
        if (!t.tag().equals(tag)) {
            throw new ProtocolFailure("protocol: a tagged response only for the tag sent",
                    label + ": sent " + tag + " " + command + ", got " + printable(t.raw()));
        }
    }

    private ImapResponse untagged(ImapResponse r, String command) {
        String upper = command.toUpperCase(Locale.ROOT);
        if (r instanceof ImapResponse.Exists e) {
            view.exists(e.count());
        } else if (r instanceof ImapResponse.Expunge e) {
            view.expunge(e.seq(), command,
                    upper.startsWith("FETCH") || upper.startsWith("STORE") || upper.startsWith("SEARCH"));
        } else if (r instanceof ImapResponse.Fetch f) {
            Long uid = view.fetch(f.seq(), f.items().uid(), command);
            fetchListener.accept(new FetchSeen(view.mailbox(), view.readOnly(), view.uidValidity(), f.seq(), uid,
                    f.items()));
        } else if (r instanceof ImapResponse.Condition c && c.status().equals("BYE")) {
            throw new ProtocolFailure("protocol: no BYE while the session is in use",
                    label + ": during " + command + ": " + printable(c.raw()) + lastResponses());
        } else if (r instanceof ImapResponse.Condition c && c.code().is("UIDVALIDITY")) {
            view.uidValidity(Long.parseLong(c.code().args()));
        }
        return r;
    }

    private ImapResponse next(String command) throws IOException {
        byte[] raw;
        try {
            raw = reader.next();
        } catch (ImapResponseReader.Incomplete e) {
            throw new ProtocolFailure("liveness: every command completes within the socket timeout",
                    label + ": during " + command + ": " + e.getMessage() + lastResponses());
        }
        if (raw == null) {
            throw new ProtocolFailure("protocol: the server does not close a session in use",
                    label + ": connection closed during " + command + lastResponses());
        }
        remember(raw);
        try {
            return ImapResponseGrammar.parse(raw);
        } catch (ImapGrammarException e) {
            findings.add("grammar: every response parses under RFC 3501", "expected " + e.expected() + " in "
                    + new String(raw, 0, Math.min(raw.length, 12), StandardCharsets.ISO_8859_1).replaceAll("[0-9]+", "N")
                    .replaceAll("[\\r\\n]", ""), label + ": during " + command + ": " + e.getMessage());
            return lenient(raw);
        }
    }

    /**
     * What an invalid but framed response most likely was, so the session can go on after the finding: a
     * tagged completion by its tag and status word, a continuation, or else untagged data it cannot use.
     */
    private static ImapResponse lenient(byte[] raw) {
        String line = new String(raw, StandardCharsets.ISO_8859_1);
        String[] words = line.split("[ \r\n]+", 3);
        if (line.startsWith("+")) {
            return new ImapResponse.Continuation("", raw);
        }
        if (!line.startsWith("*") && words.length >= 2) {
            return new ImapResponse.Tagged(words[0], words[1].toUpperCase(Locale.ROOT), ImapResponse.Code.NONE, "", raw);
        }
        if (words.length >= 2 && words[1].equalsIgnoreCase("BYE")) {
            return new ImapResponse.Condition("BYE", ImapResponse.Code.NONE, "", raw);
        }
        return new ImapResponse.Data("UNPARSED", List.of(), raw);
    }

    private void remember(byte[] raw) {
        recent.addLast(ImapGrammarException.printable(raw, 0, Math.min(raw.length, 300)));
        if (recent.size() > 3) {
            recent.removeFirst();
        }
    }

    private String lastResponses() {
        return recent.isEmpty() ? "" : "; last responses: " + String.join(" | ", recent);
    }

    private void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    private String nextTag() {
        return "t" + (++tags);
    }

    static String printable(byte[] raw) {
        return ImapGrammarException.printable(raw, 0, Math.min(raw.length, 600));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a socket the server may already have closed
        }
    }
}
