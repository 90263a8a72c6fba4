package dev.gannet.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal IMAP4rev1 client (RFC 3501 §2.2) for the bench: tagged commands, untagged responses read
 * up to the tagged one, and {@code {n}} literals skipped by exact byte count, counted but never kept.
 * Only what the workloads need: the tagged status, how many untagged responses and literal bytes came,
 * the last {@code EXISTS}, the size of {@code SEARCH} answers and {@code APPENDUID} (RFC 4315), and, for the
 * diff workload, the untagged lines themselves.
 */
final class ImapClient implements AutoCloseable {

    /** A response line longer than this is an error: a SEARCH of 100,000 UIDs is under 1 MB. */
    private static final int MAX_LINE = 16 << 20;
    private static final Pattern LITERAL = Pattern.compile("\\{(\\d+)\\+?}$");
    private static final Pattern EXISTS = Pattern.compile("^\\* (\\d+) EXISTS");
    private static final Pattern APPENDUID = Pattern.compile("\\[APPENDUID \\d+ (\\d+)]");

    /** What one command got back. {@code status} is OK, NO or BAD; {@code exists} is -1 if none came. */
    record Response(String status, String text, int untagged, long literalBytes, long exists, int searchHits,
            long appendUid) {
        boolean ok() {
            return status.equals("OK");
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private int tag;
    private String pendingTag;

    ImapClient(int port, int timeoutMillis) throws IOException {
        this(port, timeoutMillis, 64 * 1024);
    }

    /** {@code bufferBytes} per direction: small for the thousands of connections that only idle. */
    ImapClient(int port, int timeoutMillis, int bufferBytes) throws IOException {
        socket = new Socket();
        try {
            socket.setSoTimeout(timeoutMillis);
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), timeoutMillis);
            in = new BufferedInputStream(socket.getInputStream(), bufferBytes);
            out = new BufferedOutputStream(socket.getOutputStream(), bufferBytes);
            String greeting = readLine();
            if (!greeting.startsWith("* OK")) {
                throw new IOException("greeting: " + greeting);
            }
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    void setTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /** LOGIN with quoted strings; throws unless OK. */
    void login(String user, String password) throws IOException {
        expectOk(command("LOGIN \"" + user + "\" \"" + password + "\""));
    }

    /** Sends one command and reads everything up to its tagged response. */
    Response command(String command) throws IOException {
        String t = nextTag();
        send(t + " " + command);
        return readUntilTagged(t);
    }

    /**
     * Sends one command whose {@code literal} goes as a synchronizing literal between {@code before} and
     * {@code after} (a UTF-8 search string), and reads everything up to its tagged response, adding every
     * untagged line (literals skipped) to {@code untagged}.
     */
    Response command(String before, byte[] literal, String after, List<String> untagged) throws IOException {
        String t = nextTag();
        if (literal == null) {
            send(t + " " + before + after);
            return readUntilTagged(t, readLine(), untagged);
        }
        send(t + " " + before + "{" + literal.length + "}");
        String line = readLine();
        if (!line.startsWith("+")) {
            return readUntilTagged(t, line, untagged);
        }
        out.write(literal);
        send(after);
        return readUntilTagged(t, readLine(), untagged);
    }

    /** APPEND with a synchronizing literal: waits for the server's {@code +} before sending the message. */
    Response append(String mailbox, String flags, byte[] message) throws IOException {
        return append(mailbox, flags, null, message);
    }

    /** APPEND with flags and, unless null, an INTERNALDATE ({@code date-time} of RFC 3501 §9, unquoted). */
    Response append(String mailbox, String flags, String internalDate, byte[] message) throws IOException {
        String t = nextTag();
        send(t + " APPEND " + mailbox + (flags.isEmpty() ? "" : " (" + flags + ")")
                + (internalDate == null ? "" : " \"" + internalDate + "\"") + " {" + message.length + "}");
        String line = readLine();
        if (!line.startsWith("+")) {
            return readUntilTagged(t, line);
        }
        out.write(message);
        out.write(new byte[] {'\r', '\n'});
        out.flush();
        return readUntilTagged(t);
    }

    /** Starts IDLE (RFC 2177) and waits for the continuation; {@link #done()} ends it. */
    void idle() throws IOException {
        pendingTag = nextTag();
        send(pendingTag + " IDLE");
        String line;
        while (!(line = readLine()).startsWith("+")) {
            if (line.startsWith(pendingTag + " ")) {
                throw new IOException("IDLE refused: " + line);
            }
            skipLiterals(line);
        }
    }

    Response done() throws IOException {
        send("DONE");
        String t = pendingTag;
        pendingTag = null;
        return readUntilTagged(t);
    }

    static Response expectOk(Response r) throws IOException {
        if (!r.ok()) {
            throw new IOException(r.status() + " " + r.text());
        }
        return r;
    }

    private String nextTag() {
        return "b" + (++tag);
    }

    private void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private Response readUntilTagged(String t) throws IOException {
        return readUntilTagged(t, readLine());
    }

    private Response readUntilTagged(String t, String first) throws IOException {
        return readUntilTagged(t, first, null);
    }

    private Response readUntilTagged(String t, String first, List<String> kept) throws IOException {
        int untagged = 0;
        long literalBytes = 0;
        long exists = -1;
        int hits = 0;
        String line = first;
        while (true) {
            if (line.startsWith(t + " ")) {
                String rest = line.substring(t.length() + 1);
                int space = rest.indexOf(' ');
                String status = space < 0 ? rest : rest.substring(0, space);
                Matcher a = APPENDUID.matcher(rest);
                return new Response(status, rest, untagged, literalBytes, exists, hits, a.find() ? Long.parseLong(a.group(1)) : -1);
            }
            if (line.startsWith("* BYE")) {
                throw new IOException("server closed: " + line);
            }
            if (line.startsWith("*")) {
                untagged++;
                if (kept != null) {
                    kept.add(line);
                }
                Matcher e = EXISTS.matcher(line);
                if (e.find()) {
                    exists = Long.parseLong(e.group(1));
                } else if (line.startsWith("* SEARCH")) {
                    hits += countNumbers(line);
                }
            }
            literalBytes += skipLiterals(line);
            line = readLine();
        }
    }

    /** A line ending in a literal announcement is followed by that many bytes and then more of the line. */
    private long skipLiterals(String line) throws IOException {
        long total = 0;
        Matcher m = LITERAL.matcher(line);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            long left = n;
            while (left > 0) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new IOException("connection closed in a literal");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
            total += n;
            m = LITERAL.matcher(readLine());
        }
        return total;
    }

    private static int countNumbers(String searchLine) {
        int count = 0;
        boolean inNumber = false;
        for (int i = "* SEARCH".length(); i < searchLine.length(); i++) {
            boolean digit = Character.isDigit(searchLine.charAt(i));
            if (digit && !inNumber) {
                count++;
            }
            inNumber = digit;
        }
        return count;
    }

    private String readLine() throws IOException {
        return LineClient.readLine(in, MAX_LINE);
    }

    /** Best-effort LOGOUT, then closes the socket whatever happened. */
    @Override
    public void close() {
        try {
            socket.setSoTimeout(5_000);
            if (pendingTag != null) {
                done();
            }
            command("LOGOUT");
        } catch (IOException | RuntimeException e) {
            // closing anyway
        } finally {
            try {
                socket.close();
            } catch (IOException e) {
                // nothing left to do
            }
        }
    }

    /** Closes the socket without a LOGOUT. */
    void abort() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }
}
