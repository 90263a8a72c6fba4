package dev.gannet.imap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A raw line-oriented IMAP connection for tests: sends lines, reads response lines (CRLF stripped). */
public final class ImapTestClient implements AutoCloseable {

    private Socket socket;
    private InputStream in;
    private OutputStream out;

    public ImapTestClient(Socket socket) throws IOException {
        use(socket);
    }

    public static ImapTestClient connect(int port) throws IOException {
        return new ImapTestClient(new Socket("127.0.0.1", port));
    }

    /** Switches to another socket over the same connection (after STARTTLS). */
    public void use(Socket s) throws IOException {
        s.setSoTimeout(20_000);
        this.socket = s;
        this.in = s.getInputStream();
        this.out = s.getOutputStream();
    }

    /** Sets the read timeout, a liveness guard for slow operations (nothing asserts on time). */
    public void timeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    public Socket socket() {
        return socket;
    }

    public void send(String line) throws IOException {
        sendRaw((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next line without CRLF, or null at end of stream. */
    public String readLine() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = buf.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.UTF_8);
            }
            buf.write(b);
        }
        return buf.size() == 0 ? null : buf.toString(StandardCharsets.UTF_8);
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

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
