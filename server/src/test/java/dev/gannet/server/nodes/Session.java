package dev.gannet.server.nodes;

import dev.gannet.core.testing.LineSocket;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A plain-socket IMAP or POP3 session on loopback whose reads wait for a line until a deadline, so that a
 * notification that never comes fails the test with every line that did come, instead of hanging it.
 */
final class Session implements AutoCloseable {

    private static final AtomicInteger TAGS = new AtomicInteger();
    private final LineSocket socket;
    private final List<String> seen = new ArrayList<>();

    private Session(int port) throws IOException {
        socket = new LineSocket(new Socket("127.0.0.1", port));
    }

    /** An IMAP session logged in as the user, INBOX selected. */
    static Session imap(int port, TwoNodes.User user) throws IOException {
        Session s = imapLogin(port, user);
        s.command("SELECT INBOX");
        return s;
    }

    /** An IMAP session logged in as the user, nothing selected. */
    static Session imapLogin(int port, TwoNodes.User user) throws IOException {
        Session s = new Session(port);
        s.await(l -> l.startsWith("* OK"), Duration.ofSeconds(10));
        s.command("LOGIN " + user.username() + " \"" + user.password() + "\"");
        return s;
    }

    /** A POP3 connection past its greeting. */
    static Session pop3(int port) throws IOException {
        Session s = new Session(port);
        s.await(l -> l.startsWith("+OK"), Duration.ofSeconds(10));
        return s;
    }

    /** Sends a tagged IMAP command; returns its untagged lines after asserting the tagged OK. */
    List<String> command(String command) throws IOException {
        int from = seen.size();
        String done = tagged(command);
        if (!done.matches("t\\d+ OK.*")) {
            throw new AssertionError(command.replaceAll("\".*\"", "\"...\"") + ": " + done);
        }
        return List.copyOf(seen.subList(from, seen.size() - 1));
    }

    /** Sends a tagged IMAP command; returns its tagged answer without the tag ("OK ...", "NO [...] ..."). */
    String tagged(String command) throws IOException {
        String tag = "t" + TAGS.incrementAndGet();
        socket.send(tag + " " + command);
        return await(l -> l.startsWith(tag + " "), Duration.ofSeconds(20));
    }

    /** Sends one line as it is (IDLE's DONE, a POP3 command). */
    void send(String line) throws IOException {
        socket.send(line);
    }

    /** Sends a POP3 command and returns its one-line answer. */
    String pop3(String command) throws IOException {
        socket.send(command);
        return await(l -> l.startsWith("+") || l.startsWith("-"), Duration.ofSeconds(20));
    }

    /** The first line from now on that matches, within {@code timeout}. */
    String await(Predicate<String> wanted, Duration timeout) throws IOException {
        int from = seen.size();
        String line = poll(wanted, timeout);
        if (line == null) {
            throw new AssertionError("no awaited line within " + timeout + "; got " + seen.subList(from, seen.size()));
        }
        return line;
    }

    /** The first line from now on that matches, or null if none came within {@code timeout}. */
    String poll(Predicate<String> wanted, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int from = seen.size();
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return null;
            }
            socket.timeout((int) Math.max(1, left));
            String line;
            try {
                line = socket.readLine();
            } catch (SocketTimeoutException e) {
                continue;
            }
            if (line == null) {
                throw new AssertionError("connection closed; got " + seen.subList(from, seen.size()));
            }
            seen.add(line);
            if (wanted.test(line)) {
                return line;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
