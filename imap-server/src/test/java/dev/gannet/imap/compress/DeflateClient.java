package dev.gannet.imap.compress;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * A test client that speaks plain IMAP until {@link #compress()} and then raw DEFLATE (RFC 4978 §4) in both
 * directions with java.util.zip's own implementation, sync-flushing after every line as a client must.
 */
final class DeflateClient implements AutoCloseable {

    private final Socket socket;
    private InputStream in;
    private OutputStream out;
    private OutputStream raw;

    DeflateClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(20_000);
        // unbuffered until COMPRESS: no compressed byte may be read as plain text
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Switches both directions to DEFLATE; call right after reading the tagged OK of COMPRESS. */
    void compress() {
        raw = out;
        in = new BufferedInputStream(new InflaterInputStream(in, new Inflater(true), 4096));
        out = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, true), 4096, true);
    }

    Socket socket() {
        return socket;
    }

    void send(String line) throws IOException {
        sendRaw((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Bytes written as they are, past the compressor (already compressed, or deliberately broken). */
    void rawOut(byte[] bytes) throws IOException {
        raw.write(bytes);
        raw.flush();
    }

    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }

    /** A byte, or -1 at the end: the server closing a compressed stream without ending it is an end too. */
    private int read() throws IOException {
        try {
            return in.read();
        } catch (java.io.EOFException e) {
            return -1;
        }
    }

    byte[] readBytes(int n) throws IOException {
        return in.readNBytes(n);
    }

    List<String> command(String tag, String command) throws IOException {
        send(tag + " " + command);
        List<String> lines = new ArrayList<>();
        String line;
        do {
            line = readLine();
            if (line == null) {
                throw new IOException("connection closed");
            }
            lines.add(line);
        } while (!line.startsWith(tag + " "));
        return lines;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
