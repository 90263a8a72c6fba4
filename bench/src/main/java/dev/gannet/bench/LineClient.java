package dev.gannet.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A minimal CRLF line client for LMTP and POP3, buffered in both directions. */
final class LineClient implements AutoCloseable {

    private final Socket socket;
    /** Longest reply line read, CRLF included; a longer one is an error, not an ever-growing buffer. */
    private static final int MAX_LINE = 16 << 20;

    private final InputStream in;
    private final OutputStream out;

    LineClient(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(120_000);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    }

    void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Writes {@code message} dot-stuffed (RFC 5321 §4.5.2) and the terminating {@code .} line. */
    void sendDotStuffed(byte[] message) throws IOException {
        boolean lineStart = true;
        for (byte b : message) {
            if (lineStart && b == '.') {
                out.write('.');
            }
            out.write(b);
            lineStart = b == '\n';
        }
        if (!lineStart) {
            out.write('\r');
            out.write('\n');
        }
        out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    String readLine() throws IOException {
        return readLine(in, MAX_LINE);
    }

    /** One line from {@code in} without its CRLF (or bare LF); fails past {@code maxLine} bytes or at EOF. */
    static String readLine(InputStream in, int maxLine) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.UTF_8);
            }
            if (line.size() >= maxLine) {
                throw new IOException("response line longer than " + maxLine + " bytes");
            }
            line.write(b);
        }
        throw new IOException("connection closed");
    }

    /** Reads an SMTP/LMTP reply (continuation lines have a '-' after the code) and returns its last line. */
    String readReply() throws IOException {
        String line;
        do {
            line = readLine();
        } while (line.length() > 3 && line.charAt(3) == '-');
        return line;
    }

    /** Reads a dot-terminated POP3 multi-line body and returns its size in octets, un-stuffed, with CRLFs. */
    long readDotTerminated() throws IOException {
        long size = 0;
        while (true) {
            String line = readLine();
            if (line.equals(".")) {
                return size;
            }
            int stuffed = line.startsWith(".") ? 1 : 0;
            size += line.getBytes(StandardCharsets.UTF_8).length - stuffed + 2;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
