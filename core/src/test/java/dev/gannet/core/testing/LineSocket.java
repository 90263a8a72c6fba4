package dev.gannet.core.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A raw CRLF line connection to a Gannet listener, for protocol tests: what every protocol's test client
 * shares (send a line, read a line, switch to the TLS socket after STARTTLS). Protocol clients extend it
 * with their own response reading.
 */
public class LineSocket implements AutoCloseable {

    private Socket socket;
    /** The connection's input, buffered; subclasses read multi-line responses and literals from it. */
    protected InputStream in;
    private OutputStream out;

    public LineSocket(Socket socket) throws IOException {
        use(socket);
    }

    /** Switches to another socket over the same connection (the TLS one after STARTTLS or STLS). */
    public void use(Socket s) throws IOException {
        s.setSoTimeout(20_000);
        this.socket = s;
        this.in = new BufferedInputStream(s.getInputStream());
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

    /** The next line without its CRLF, or null at end of stream. */
    public String readLine() throws IOException {
        return readLine(StandardCharsets.UTF_8);
    }

    /** The next line without its CRLF read in {@code charset} (ISO-8859-1: byte for byte), or null at end of stream. */
    public String readLine(java.nio.charset.Charset charset) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, charset);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(charset);
    }

    /** Exactly {@code n} bytes (an IMAP literal, a message body); read through the same buffer as lines. */
    public byte[] readBytes(int n) throws IOException {
        return in.readNBytes(n);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
