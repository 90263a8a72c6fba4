package dev.gannet.imap;

import dev.gannet.core.store.AppendRequest;
import dev.gannet.core.store.Flags;
import dev.gannet.core.store.MessageSource;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Executes a protocol script: {@code C:} lines are sent, {@code S:} lines must be the next line the server
 * sends. {@code S:} text is matched exactly except inside {@code {{...}}}, which is a regular expression.
 * {@code C2:}/{@code S2:} (and 3) talk over a second (third) connection, opened at first use, whose greeting
 * is checked automatically. {@code ${user}} and {@code ${password}} are the script's fresh user ({@code ${plain64}}, {@code ${user64}},
 * {@code ${password64}} their SASL PLAIN and base64 forms, {@code ${uidvalidity}} the INBOX's UIDVALIDITY); a
 * {@code S: (closed)} line expects the server to close the connection. {@code #} starts a comment.
 * {@code !append MAILBOX MESSAGE [FLAG...]} stores {@code /messages/MESSAGE} through the store, as a
 * delivery from elsewhere would, with internal date 2026-01-02T03:04:05Z; {@code !quota BYTES} sets the user's limit;
 * {@code ${x*N}} stands for N letters x.
 */
final class ScriptRunner {

    private static final Pattern LINE = Pattern.compile("([CS])([1-9]?):(?: (.*))?");

    private final GannetExtension gannet;
    private final TestUser user;
    private final Map<String, ImapTestClient> clients = new HashMap<>();

    ScriptRunner(GannetExtension gannet, TestUser user) {
        this.gannet = gannet;
        this.user = user;
    }

    void run(List<String> script) throws IOException {
        try {
            int n = 0;
            for (String raw : script) {
                n++;
                if (raw.isBlank() || raw.startsWith("#")) {
                    continue;
                }
                if (raw.startsWith("!quota ")) {
                    gannet.store().quota().setLimit(user.id(), Long.parseLong(raw.substring(7).trim())).block();
                    continue;
                }
                if (raw.startsWith("!append ")) {
                    append(raw.substring(8).trim().split(" "));
                    continue;
                }
                Matcher m = LINE.matcher(raw);
                if (!m.matches()) {
                    fail("line " + n + ": not a script line: " + raw);
                }
                String session = m.group(2).isEmpty() ? "1" : m.group(2);
                String text = substitute(m.group(3) == null ? "" : m.group(3));
                ImapTestClient client = client(session);
                if (m.group(1).equals("C")) {
                    client.send(text);
                } else {
                    String got;
                    try {
                        got = client.readLine();
                    } catch (java.net.SocketTimeoutException e) {
                        throw new AssertionError("line " + n + ": no server line within the read timeout, expected " + text);
                    }
                    if (text.equals("(closed)")) {
                        assertThat(got).as("line %d: expected the connection to close", n).isNull();
                    } else {
                        assertThat(got).as("line %d: server line", n).isNotNull();
                        assertThat(got).as("line %d: server line", n).matches(toRegex(text));
                    }
                }
            }
        } finally {
            for (ImapTestClient c : clients.values()) {
                c.close();
            }
        }
    }

    /** {@code !append MAILBOX RESOURCE [FLAG...]}: stores a message as a delivery by another session would. */
    private void append(String[] args) throws IOException {
        byte[] message = message(args[1]);
        List<String> flags = java.util.Arrays.asList(args).subList(2, args.length);
        var box = gannet.mailbox(user, args[0]);
        gannet.store().messages().append(new AppendRequest(user.id(), box.id(), MessageSource.of(message),
                Flags.parse(flags), java.time.Instant.parse("2026-01-02T03:04:05Z"), AppendRequest.Origin.LMTP)).block();
    }

    /** A message under {@code /messages}, with its line ends made CRLF. */
    static byte[] message(String name) throws IOException {
        try (var in = ScriptRunner.class.getResourceAsStream("/messages/" + name)) {
            if (in == null) {
                throw new IOException("no message resource " + name);
            }
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private ImapTestClient client(String session) throws IOException {
        ImapTestClient c = clients.get(session);
        if (c == null) {
            c = ImapTestClient.connect(gannet.port("imap"));
            clients.put(session, c);
            assertThat(c.readLine()).startsWith("* OK ");
        }
        return c;
    }

    private static final Pattern REPEAT = Pattern.compile("\\$\\{x\\*(\\d+)}");

    private String substitute(String s) {
        s = REPEAT.matcher(s).replaceAll(m -> "x".repeat(Integer.parseInt(m.group(1))));
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
        byte[] plain = ("\0" + user.username() + "\0" + user.password()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (s.contains("${uidvalidity}")) {
            s = s.replace("${uidvalidity}", Long.toString(gannet.mailbox(user, "INBOX").uidValidity()));
        }
        return s.replace("${user}", user.username()).replace("${password}", user.password())
                .replace("${plain64}", b64.encodeToString(plain))
                .replace("${user64}", b64.encodeToString(user.username().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .replace("${password64}", b64.encodeToString(user.password().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    static String toRegex(String expected) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < expected.length()) {
            int open = expected.indexOf("{{", i);
            if (open < 0) {
                re.append(Pattern.quote(expected.substring(i)));
                break;
            }
            int close = expected.indexOf("}}", open + 2);
            if (close < 0) {
                throw new IllegalArgumentException("unclosed {{ in " + expected);
            }
            if (open > i) {
                re.append(Pattern.quote(expected.substring(i, open)));
            }
            re.append("(?:").append(expected, open + 2, close).append(')');
            i = close + 2;
        }
        return re.toString();
    }
}
