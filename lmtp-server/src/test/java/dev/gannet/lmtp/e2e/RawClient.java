package dev.gannet.lmtp.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A plain socket LMTP client for tests that need control over the bytes and the connection. */
final class RawClient implements AutoCloseable {

    final Socket socket;
    private BufferedReader in;
    private OutputStream out;

    RawClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(30_000);
        attach(socket);
    }

    static RawClient connect(int port) throws IOException {
        return new RawClient(new Socket("127.0.0.1", port));
    }

    void attach(Socket s) throws IOException {
        in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        out = s.getOutputStream();
    }

    String line() throws IOException {
        return in.readLine();
    }

    /** Reads a whole (multi-line) reply; returns its lines. */
    List<String> reply() throws IOException {
        List<String> lines = new ArrayList<>();
        String l;
        do {
            l = in.readLine();
            if (l == null) {
                break;
            }
            lines.add(l);
        } while (l.length() > 3 && l.charAt(3) == '-');
        return lines;
    }

    void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Sends one command line and returns the last line of its reply. */
    String command(String line) throws IOException {
        send(line + "\r\n");
        List<String> r = reply();
        return r.isEmpty() ? null : r.get(r.size() - 1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
