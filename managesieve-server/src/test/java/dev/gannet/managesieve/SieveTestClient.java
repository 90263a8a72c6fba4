package dev.gannet.managesieve;

import dev.gannet.core.testing.LineSocket;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A raw ManageSieve client for protocol tests: sends lines, reads a whole response (every line up to the one
 * starting with OK, NO or BYE) with literals ({@code {n}} then n bytes) folded into the line that announced them.
 */
public final class SieveTestClient extends LineSocket {

    private static final Pattern LITERAL = Pattern.compile("\\{(\\d+)\\+?}$");

    public SieveTestClient(Socket socket) throws IOException {
        super(socket);
    }

    public static SieveTestClient connect(int port) throws IOException {
        return new SieveTestClient(new Socket("127.0.0.1", port));
    }

    /** One line, with any literal it ends with read and appended (CRLF inside it kept). */
    public String readItem() throws IOException {
        String line = readLine();
        if (line == null) {
            return null;
        }
        Matcher m = LITERAL.matcher(line);
        if (m.find()) {
            byte[] body = readBytes(Integer.parseInt(m.group(1)));
            return line.substring(0, m.start()) + "\u0000" + new String(body, StandardCharsets.UTF_8) + readLine();
        }
        return line;
    }

    /** Every line up to and including the status line. */
    public List<String> response() throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = readItem()) != null) {
            lines.add(line);
            if (line.startsWith("OK") || line.startsWith("NO") || line.startsWith("BYE")) {
                break;
            }
        }
        return lines;
    }

    /** Sends a command and returns its status line, after the lines before it. */
    public String command(String line) throws IOException {
        send(line);
        List<String> r = response();
        return r.isEmpty() ? null : r.get(r.size() - 1);
    }

    public static String plain(String user, String password) {
        return Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static String literal(String s) {
        return "{" + s.getBytes(StandardCharsets.UTF_8).length + "+}\r\n" + s;
    }

    public String login(String user, String password) throws IOException {
        return command("AUTHENTICATE \"PLAIN\" \"" + plain(user, password) + "\"");
    }
}
