package dev.gannet.server.concurrency;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A small LMTP client (RFC 2033) for deliveries that race the IMAP sessions: one transaction per message,
 * dot-stuffed DATA, and the per-recipient replies after the final dot, so each recipient's acknowledgement
 * is known on its own.
 */
public final class LmtpClient implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    public LmtpClient(int port, int timeoutMillis) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(timeoutMillis);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        out = socket.getOutputStream();
        expect(reply(), "220", "greeting");
        send("LHLO suite.gannet.test\r\n");
        expect(reply(), "250", "LHLO");
    }

    /** Delivers one message; returns each recipient's final reply line (in RCPT order). */
    public List<String> deliver(List<String> recipients, byte[] message) throws IOException {
        send("MAIL FROM:<sender@example.com>\r\n");
        expect(reply(), "250", "MAIL FROM");
        List<String> accepted = new ArrayList<>();
        List<String> replies = new ArrayList<>();
        for (String rcpt : recipients) {
            send("RCPT TO:<" + rcpt + ">\r\n");
            String r = reply();
            replies.add(r);
            if (r.startsWith("250")) {
                accepted.add(rcpt);
            }
        }
        if (accepted.isEmpty()) {
            send("RSET\r\n");
            reply();
            return replies;
        }
        send("DATA\r\n");
        expect(reply(), "354", "DATA");
        out.write(dotStuffed(message));
        out.flush();
        List<String> finals = new ArrayList<>();
        for (int i = 0; i < recipients.size(); i++) {
            finals.add(replies.get(i).startsWith("250") ? reply() : replies.get(i));
        }
        return finals;
    }

    private static byte[] dotStuffed(byte[] message) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(message.length + 16);
        boolean lineStart = true;
        for (byte c : message) {
            if (lineStart && c == '.') {
                b.write('.');
            }
            b.write(c);
            lineStart = c == '\n';
        }
        if (!lineStart) {
            b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        b.writeBytes(".\r\n".getBytes(StandardCharsets.US_ASCII));
        return b.toByteArray();
    }

    /** The last line of a (multi-line) reply. */
    private String reply() throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("LMTP connection closed");
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
        return line;
    }

    private static void expect(String reply, String code, String step) throws IOException {
        if (!reply.startsWith(code)) {
            throw new IOException("LMTP " + step + ": " + reply);
        }
    }

    private void send(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() {
        try {
            send("QUIT\r\n");
            socket.close();
        } catch (IOException e) {
            // already closed by the server
        }
    }
}
