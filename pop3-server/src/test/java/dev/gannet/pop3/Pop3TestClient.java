package dev.gannet.pop3;

import dev.gannet.core.testing.LineSocket;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A raw POP3 client for tests: sends lines, reads status lines and dot-terminated bodies as bytes. */
public final class Pop3TestClient extends LineSocket {

    public Pop3TestClient(Socket socket) throws IOException {
        super(socket);
    }

    public static Pop3TestClient connect(int port) throws IOException {
        return new Pop3TestClient(new Socket("127.0.0.1", port));
    }

    /** Sends a command and reads its status line. */
    public String command(String line) throws IOException {
        send(line);
        return readLine();
    }

    /** The raw bytes of a multi-line body up to and excluding the ".\r\n" line, still dot-stuffed. */
    public byte[] readStuffedBody() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            line.write(c);
            if (c == '\n') {
                byte[] l = line.toByteArray();
                if (l.length == 3 && l[0] == '.' && l[1] == '\r') {
                    return b.toByteArray();
                }
                b.writeBytes(l);
                line.reset();
            }
        }
        throw new IOException("connection closed inside a multi-line response");
    }

    /** A multi-line body with the stuffing undone: the message bytes as the server holds them. */
    public byte[] readBody() throws IOException {
        return unstuff(readStuffedBody());
    }

    public List<String> readLines() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String l : new String(readBody(), StandardCharsets.UTF_8).split("\r\n")) {
            if (!l.isEmpty()) {
                lines.add(l);
            }
        }
        return lines;
    }

    public static byte[] unstuff(byte[] stuffed) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        boolean lineStart = true;
        for (byte x : stuffed) {
            if (lineStart && x == '.') {
                lineStart = false;
                continue;
            }
            b.write(x);
            lineStart = x == '\n';
        }
        return b.toByteArray();
    }

    /** Reads the greeting and logs in with USER/PASS; returns PASS's reply. */
    public String login(String user, String password) throws IOException {
        String greeting = readLine();
        if (greeting == null || !greeting.startsWith("+OK")) {
            throw new IOException("bad greeting " + greeting);
        }
        String u = command("USER " + user);
        if (!u.startsWith("+OK")) {
            return u;
        }
        return command("PASS " + password);
    }
}
