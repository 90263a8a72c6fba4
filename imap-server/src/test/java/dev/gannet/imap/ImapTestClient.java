package dev.gannet.imap;

import dev.gannet.core.testing.LineSocket;
import dev.gannet.core.testing.TestUser;

import java.io.IOException;
import java.net.Socket;

/** A raw line-oriented IMAP connection for tests: sends lines, reads response lines (CRLF stripped). */
public final class ImapTestClient extends LineSocket {

    public ImapTestClient(Socket socket) throws IOException {
        super(socket);
    }

    public static ImapTestClient connect(int port) throws IOException {
        return new ImapTestClient(new Socket("127.0.0.1", port));
    }

    /** A connection with {@code user} logged in (LOGIN, RFC 3501 §6.2.3), reads timing out after 10 s. */
    public static ImapTestClient login(int port, TestUser user) throws IOException {
        ImapTestClient c = connect(port);
        c.timeout(10_000);
        String greeting = c.readLine();
        java.util.List<String> answer = c.command("l", "LOGIN " + user.username() + " " + user.password());
        if (greeting == null || !greeting.startsWith("* OK") || !answer.get(answer.size() - 1).startsWith("l OK")) {
            c.close();
            throw new IOException("login failed: " + greeting + " " + answer);
        }
        return c;
    }

    /** Reads lines up to and including the one starting with {@code tag + " "}; returns them all. */
    public java.util.List<String> readUntilTagged(String tag) throws IOException {
        java.util.List<String> lines = new java.util.ArrayList<>();
        String line;
        while ((line = readLine()) != null) {
            lines.add(line);
            if (line.startsWith(tag + " ")) {
                return lines;
            }
        }
        throw new IOException("connection closed before " + tag + " completed: " + lines);
    }

    /** Sends a command and reads until its tagged response. */
    public java.util.List<String> command(String tag, String command) throws IOException {
        send(tag + " " + command);
        return readUntilTagged(tag);
    }

    /**
     * APPENDs {@code message} (ASCII) to {@code mailbox} as a LITERAL+ literal, with {@code flags} (a parenthesised
     * list, or empty for none), and reads until the tagged response.
     */
    public java.util.List<String> append(String tag, String mailbox, String flags, String message) throws IOException {
        send(tag + " APPEND " + mailbox + (flags.isEmpty() ? "" : " " + flags) + " {" + message.length() + "+}");
        sendRaw((message + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return readUntilTagged(tag);
    }
}
